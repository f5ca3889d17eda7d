import { describe, expect, it } from "vitest";
import type { EconomicEventDto } from "@/server/domain/ledger-schemas";
import { describeLedgerEvent, shortHash } from "./describe-ledger-event";

const org = (id: string, name: string) => ({ id, name, kind: "makerspace" });
const event = (over: Partial<EconomicEventDto>): EconomicEventDto =>
  ({ action: "transfer", quantity: 5, unit: "each", provider: org("a", "Fab Lab"), receiver: org("b", "Clinic"), hash: "ab".repeat(32), ...over }) as EconomicEventDto;

describe("describeLedgerEvent", () => {
  it("names both sides of a transfer and one side of a production", () => {
    expect(describeLedgerEvent(event({}))).toBe("Fab Lab transferred 5 each to Clinic");
    expect(describeLedgerEvent(event({ action: "produce", quantity: 2.5, unit: "kg", receiver: org("a", "Fab Lab") }))).toBe("Fab Lab produced 2.5 kg");
  });
  it("shortens hashes to twelve characters", () => {
    expect(shortHash("0123456789abcdef")).toBe("0123456789ab");
  });
});
