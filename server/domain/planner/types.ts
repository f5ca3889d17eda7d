// The planner's contract (issue 8): what a planning session hands the pure planner and what it gets back.
// Weeks are indices into the session's horizon: 0 is the ISO week of the snapshot, horizon - 1 the last.

/** A supply offer: a capacity signal (supply per week) or a stock signal (all of it in week 0). */
export interface PlannerSource {
  id: string;
  resourceSpecId: string;
  /** Free quantity per week. A lump (stock, unrated capacity) is one entry at the week it becomes available:
   * supply made or held earlier can serve a later week, never an earlier one. */
  supply: Array<{ week: number; quantity: number }>;
  lat: number | null;
  lng: number | null;
  /** Human label for reasons, e.g. "Ada's workshop". */
  label: string;
  /** Needs this source's people said they prefer to serve (stage 4: agents' stated preferences). */
  preferredNeedIds?: string[];
}

/** A need or order: demand that can be served by its own resource or by a declared substitute. */
export interface PlannerNeed {
  id: string;
  /** The need's resource first, then its declared substitutes. */
  acceptedResourceSpecIds: string[];
  quantity: number;
  /** Last week supply may come from (due week, clamped to the horizon; no due date: horizon - 1). */
  dueWeek: number;
  lat: number | null;
  lng: number | null;
  label: string;
}

/** A line people already accepted (or changed and accepted): kept as is by a re-run. */
export interface PlannerFixedLine {
  sourceId: string;
  needId: string;
  week: number;
  quantity: number;
}

export interface PlannerInput {
  horizonWeeks: number;
  sources: PlannerSource[];
  needs: PlannerNeed[];
  /** Kept lines: they use supply and count toward their need's met share. */
  fixedLines?: PlannerFixedLine[];
  /** Source-need pairs a participant declined: the planner does not suggest them again. */
  excludedPairs?: Array<{ sourceId: string; needId: string }>;
  /** Quantum of a line per resource spec: 1 for counted units, 0.001 for divisible ones. Default 1. */
  quantumBySpec?: Record<string, number>;
  /** Names of resource specs for reasons ("substitute: PETG shield for PLA shield"); ids otherwise. */
  specLabels?: Record<string, string>;
}

export interface PlannerLine {
  sourceId: string;
  needId: string;
  week: number;
  quantity: number;
  /** Great-circle distance, null when either end has no location. */
  distanceKm: number | null;
  /** Plain-words reasons, e.g. "nearest free capacity: 40 units in week 3, 12 km". */
  reasons: string[];
  /** True for a line passed in as fixed. */
  kept: boolean;
}

export interface PlannerResult {
  lines: PlannerLine[];
  /** Per need: met quantity (kept + suggested) and share of its quantity. */
  needs: Array<{ needId: string; quantity: number; met: number; share: number }>;
  /** The three stages' optimal values of the continuous problem (before rounding to quanta). */
  stages: { totalMet: number; sortedShares: number[]; transport: number };
  totals: { demand: number; supply: number; met: number; uncovered: number };
}
