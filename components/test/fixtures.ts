// Test data builders for the browser's unit tests (never imported by app code).
import type { BoardEventDto, ClaimDto, SignalDto } from "@/server/domain/dto";

let n = 0;
const uid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

export function claim(over: Partial<ClaimDto> = {}): ClaimDto {
  return {
    id: uid(),
    signalId: "s1",
    quantity: 10,
    status: "claimed",
    promisedAt: null,
    note: null,
    claimer: { id: "u2", name: "Bob" },
    onBehalfOf: null,
    lastProgressAt: "2026-01-01T00:00:00.000Z",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...over,
  };
}

export function signal(over: Partial<SignalDto> = {}): SignalDto {
  return {
    id: uid(),
    board: { slug: "commons", name: "Commons" },
    kind: "need",
    resourceSpec: { id: "spec-1", name: "Face shield", unit: "each", divisible: false, category: null, designUrl: null, licence: null },
    title: "Face shields for the clinic",
    note: null,
    quantity: 100,
    unit: "each",
    claimedQuantity: 0,
    deliveredQuantity: 0,
    remainingQuantity: 100,
    rate: null,
    calendar: null,
    status: "open",
    intensity: 0.5,
    intensityParts: {
      unmet: 1,
      urgency: 0.2,
      reinforcement: 0,
      freshness: 1,
      overdueFade: 1,
      hoursSinceRefresh: 0,
      hoursUntilDue: null,
      overdueHours: null,
      weights: { unmet: 0.5, urgency: 0.3, reinforcement: 0.2 },
      explanation: "100% unmet · no due date (urgency 0.2) · not yet reinforced · 100% fresh",
    },
    location: null,
    dueAt: null,
    availableFrom: null,
    availableUntil: null,
    reinforcementCount: 0,
    refreshedAt: "2026-01-01T00:00:00.000Z",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    owner: { id: "u1", name: "Alice" },
    onBehalfOf: null,
    liveClaimCount: 0,
    claims: [],
    ...over,
  };
}

export function event(over: Partial<BoardEventDto> & Pick<BoardEventDto, "seq" | "type">): BoardEventDto {
  return { board: "commons", at: "2026-01-02T00:00:00.000Z", actor: { id: "u1", name: "Alice" }, data: {}, ...over };
}

/** A timestamp `minutes` after the fixtures' base time. */
export function at(minutes: number): string {
  return new Date(Date.parse("2026-01-01T00:00:00.000Z") + minutes * 60_000).toISOString();
}
