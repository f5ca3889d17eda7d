// Planning sessions (ADR 036): the kept snapshot everyone plans from, the inputs of the API, and how a
// snapshot and the answered lines become the planner's input. Pure: no database, no clock.
import { z } from "zod";
import { LIMITS, emptyAsAbsent, intInRange, isoDateSchema, optionalText, quantitySchema, requiredText, uuidSchema } from "./schemas";
import { WEEK_KEY } from "./capacity-calendar";
import type { PlannerFixedLine, PlannerInput } from "./planner/types";

export const MAX_HORIZON_WEEKS = 26;
export const MAX_SCOPE_SPECS = 50;

export const openPlanningSessionSchema = z.object({
  title: requiredText(LIMITS.title),
  resourceSpecIds: z
    .array(uuidSchema)
    .min(1, { error: "Name at least one resource" })
    .max(MAX_SCOPE_SPECS, { error: `At most ${MAX_SCOPE_SPECS} resources` })
    .transform((ids) => [...new Set(ids)]),
  /** A place name (regions.ts); absent: the whole board. */
  region: optionalText(LIMITS.name),
  horizonWeeks: z
    .number({ error: "Must be a number" })
    .int({ error: "Must be a whole number of weeks" })
    .min(1, { error: "Must be at least 1 week" })
    .max(MAX_HORIZON_WEEKS, { error: `Must be at most ${MAX_HORIZON_WEEKS} weeks` }),
  deadline: isoDateSchema,
});
export type OpenPlanningSessionInput = z.output<typeof openPlanningSessionSchema>;

export const PLAN_ANSWERS = ["accept", "change", "decline"] as const;

export const answerPlanLineSchema = z
  .object({
    answer: z.enum(PLAN_ANSWERS, { error: `Must be one of ${PLAN_ANSWERS.join(", ")}` }),
    quantity: quantitySchema.optional(),
    /** ISO week ("2026-W49") inside the session's horizon. */
    week: z.string().regex(WEEK_KEY, { error: "Must be an ISO week like 2026-W49" }).optional(),
    reason: optionalText(LIMITS.note),
  })
  .superRefine((v, ctx) => {
    if (v.answer === "decline" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why you decline" });
    if (v.answer === "change" && v.quantity === undefined && v.week === undefined)
      ctx.addIssue({ code: "custom", path: ["quantity"], message: "A change needs a new quantity or week" });
    if (v.answer !== "change" && (v.quantity !== undefined || v.week !== undefined))
      ctx.addIssue({ code: "custom", path: ["answer"], message: "Only a change takes a quantity or week" });
  });
export type AnswerPlanLineInput = z.output<typeof answerPlanLineSchema>;

/** Lines are listed in pages: a session at the scale of 2020 has tens of thousands (ADR 036). */
export const LINES_PAGE = { default: 500, max: 2000 } as const;

/** A page of lines ends at a line; the next starts after it, in the listing's order (week, then id). */
const LINE_CURSOR = /^(\d{1,2})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const lineCursor = (l: { week: number; id: string }) => `${l.week}.${l.id}`;

export const listLinesQuerySchema = z.object({
  mine: z.enum(["0", "1"]).optional(),
  limit: z.preprocess(emptyAsAbsent, intInRange(1, LINES_PAGE.max).default(LINES_PAGE.default)),
  after: z.preprocess(
    emptyAsAbsent,
    z
      .string()
      .regex(LINE_CURSOR, { error: "Must be a nextCursor from a previous page" })
      .transform((c) => {
        const [, week, id] = LINE_CURSOR.exec(c)!;
        return { week: Number(week), id: id! };
      })
      .optional(),
  ),
});
export type ListLinesQuery = z.output<typeof listLinesQuerySchema>;

export interface SnapshotSpec {
  id: string;
  name: string;
  unit: string;
  divisible: boolean;
}

interface SnapshotParty {
  id: string;
  title: string;
  resourceSpecId: string;
  lat: number | null;
  lng: number | null;
  /** The signal's place name, else its organization's. */
  place: string | null;
  ownerId: string;
  ownerName: string;
  orgId: string | null;
  orgName: string | null;
}

export interface SnapshotNeed extends SnapshotParty {
  kind: "need" | "order";
  /** What was still unclaimed when the snapshot was taken. */
  quantity: number;
  dueAt: string | null;
  /** Last week supply may come from: the due week clamped to the horizon (no due date: the last week). */
  dueWeek: number;
}

export interface SnapshotSource extends SnapshotParty {
  kind: "capacity" | "stock";
  /** A rated capacity (per-week supply, booked by the week); otherwise one lump. */
  rated: boolean;
  /** Free supply per week of the horizon (entries with quantity > 0 only). */
  supply: Array<{ week: number; quantity: number }>;
}

/** The numbers everyone in the session plans from, kept as taken (one JSON document per session). */
export interface SessionSnapshot {
  version: 1;
  takenAt: string;
  /** ISO weeks of the horizon: weeks[0] is the week the snapshot was taken. */
  weeks: string[];
  specs: SnapshotSpec[];
  /** Declared substitutes among the scope's resources: `substituteId` may be used where `specId` is needed. */
  substitutes: Array<{ specId: string; substituteId: string }>;
  needs: SnapshotNeed[];
  sources: SnapshotSource[];
  totals: { demand: number; supply: number };
}

/** A line as the rules need it. */
export interface LineFacts {
  id: string;
  sourceId: string;
  needId: string;
  week: number;
  quantity: number;
  status: "suggested" | "accepted" | "changed" | "declined";
}

/** Accepted and changed lines are what people committed to: a re-run keeps them, adoption makes them claims. */
export const isCommitted = (l: { status: LineFacts["status"] }) => l.status === "accepted" || l.status === "changed";

/**
 * The planner's input for a (re-)run: the snapshot's needs and supply, the committed lines kept, and the
 * pairs it must not suggest: the ones a participant declined, and a source and need with the same owner
 * (a claim on one's own signal is refused on the board, so adoption could never make it).
 */
export function plannerInputOf(snapshot: SessionSnapshot, lines: LineFacts[]): PlannerInput {
  const subs = new Map<string, string[]>();
  for (const s of snapshot.substitutes) subs.set(s.specId, [...(subs.get(s.specId) ?? []), s.substituteId]);
  const fixedLines: PlannerFixedLine[] = lines
    .filter(isCommitted)
    .map((l) => ({ sourceId: l.sourceId, needId: l.needId, week: l.week, quantity: l.quantity }));
  const excludedPairs = lines.filter((l) => l.status === "declined").map((l) => ({ sourceId: l.sourceId, needId: l.needId }));
  const sourcesByOwner = new Map<string, string[]>();
  for (const s of snapshot.sources) sourcesByOwner.set(s.ownerId, [...(sourcesByOwner.get(s.ownerId) ?? []), s.id]);
  for (const n of snapshot.needs) for (const sourceId of sourcesByOwner.get(n.ownerId) ?? []) excludedPairs.push({ sourceId, needId: n.id });
  return {
    horizonWeeks: snapshot.weeks.length,
    needs: snapshot.needs.map((n) => ({
      id: n.id,
      acceptedResourceSpecIds: [n.resourceSpecId, ...(subs.get(n.resourceSpecId) ?? [])],
      quantity: n.quantity,
      dueWeek: n.dueWeek,
      lat: n.lat,
      lng: n.lng,
      label: n.title,
    })),
    sources: snapshot.sources.map((s) => ({
      id: s.id,
      resourceSpecId: s.resourceSpecId,
      supply: s.supply,
      lat: s.lat,
      lng: s.lng,
      label: s.orgName ?? s.ownerName,
    })),
    fixedLines,
    excludedPairs,
    quantumBySpec: Object.fromEntries(snapshot.specs.map((s) => [s.id, s.divisible ? 0.001 : 1])),
  };
}
