import { describe, expect, it } from "vitest";
import { slugSchema } from "@/server/domain/schemas";
import { slugify } from "./slugify";

describe("slugify", () => {
  it("suggests a slug the API accepts", () => {
    expect(slugify("Fab Lab Network, Berlin!")).toBe("fab-lab-network-berlin");
    expect(slugify("Café Coopérative")).toBe("cafe-cooperative");
    expect(slugSchema.safeParse(slugify("A".repeat(80) + " b")).success).toBe(true);
  });
});
