// "Where my contribution went" (ADR 031): Valueflows track-and-trace over one board's ledger, forward from
// one organization (the origin). Pure: the service reads the events, this follows them.
//
// The rule, in ledger order, per resource specification (stock never crosses boards, so each board is
// traced on its own and the results are added up):
// - Whatever the origin hands to someone else (transfer, transferCustody) is its contribution, whole: it
//   gave it, whether it made it or passed on what it had received. That is hop 1.
// - A receiver mixes what it got from the origin with stock from other sources. When it passes some on
//   (hop 2, 3) or consumes it, the origin's share of what leaves is proportional: the traced quantity it
//   holds times the fraction of its on-hand stock that leaves. So what is attributed onward never exceeds
//   what the receiver got from the origin, nor what actually left (the property test checks both).
// - Tracing stops after MAX_LINEAGE_HOPS: further on, shares are diluted past meaning and the picture
//   stops being readable. What moves on from the last hop is counted as `beyondHorizon`, not followed.
// - consume and lower end the trace: the resource was used up (or found missing) there.
// Locations are ignored (stock is pooled per agent and resource); move, use and work change no holder.
import type { EconomicAction } from "./ledger-actions";

export const MAX_LINEAGE_HOPS = 3;

export interface LineageEvent {
  action: EconomicAction;
  resourceSpecId: string;
  quantity: number;
  providerId: string;
  receiverId: string;
}

export type FlowAction = "transfer" | "transferCustody" | "consume" | "lower";

export interface LineageFlow {
  from: string;
  /** null when the flow ends the trace (consume, lower). */
  to: string | null;
  action: FlowAction;
  /** 1: straight from the origin; 2: from someone the origin gave to; and so on. */
  hop: number;
  quantity: number;
}

export interface LineageTrace {
  resourceSpecId: string;
  /** What the origin produced or raised. */
  produced: number;
  /** What others handed to the origin. */
  received: number;
  /** What the origin handed on to others (the hop-1 flows). */
  given: number;
  flows: LineageFlow[];
  /** The origin's share still held by others at the end, per agent. */
  holdings: Array<{ agentId: string; quantity: number }>;
  /** What moved on from the last followed hop, not followed further. */
  beyondHorizon: number;
}

interface SpecState {
  trace: Omit<LineageTrace, "flows" | "holdings"> & { flows: Map<string, LineageFlow> };
  /** On-hand stock per agent (all sources). */
  pool: Map<string, number>;
  /** The origin's traced share per agent, per hop at which it arrived. */
  traced: Map<string, number[]>;
}

const END_ACTIONS = new Set<EconomicAction>(["consume", "lower"]);
const HANDOVER_ACTIONS = new Set<EconomicAction>(["transfer", "transferCustody"]);

/** Follows `events` (one board's ledger, in ledger order) forward from `origin`. */
export function traceLineage(events: readonly LineageEvent[], origin: string, maxHops = MAX_LINEAGE_HOPS): LineageTrace[] {
  const specs = new Map<string, SpecState>();
  const stateOf = (specId: string) => {
    let s = specs.get(specId);
    if (!s) {
      s = { trace: { resourceSpecId: specId, produced: 0, received: 0, given: 0, beyondHorizon: 0, flows: new Map() }, pool: new Map(), traced: new Map() };
      specs.set(specId, s);
    }
    return s;
  };
  for (const e of events) {
    if (!(e.quantity > 0)) continue;
    const s = stateOf(e.resourceSpecId);
    const q = e.quantity;
    const add = (agent: string, d: number) => s.pool.set(agent, (s.pool.get(agent) ?? 0) + d);
    if (e.action === "produce" || e.action === "raise") {
      add(e.providerId, q);
      if (e.providerId === origin) s.trace.produced += q;
    } else if (END_ACTIONS.has(e.action)) {
      if (e.providerId !== origin) takeShare(s, e.providerId, q, (hop, share) => flow(s, e.providerId, null, e.action as FlowAction, hop, share));
      add(e.providerId, -q);
    } else if (HANDOVER_ACTIONS.has(e.action) && e.providerId !== e.receiverId) {
      const action = e.action as FlowAction;
      if (e.providerId === origin) {
        s.trace.given += q;
        flow(s, origin, e.receiverId, action, 1, q);
        if (maxHops >= 1) arrive(s, e.receiverId, 1, q);
      } else {
        if (e.receiverId === origin) s.trace.received += q;
        takeShare(s, e.providerId, q, (hop, share) => {
          // Back at the origin, the share is the origin's own stock again: shown, not followed twice.
          if (hop >= maxHops && e.receiverId !== origin) {
            s.trace.beyondHorizon += share;
            return;
          }
          flow(s, e.providerId, e.receiverId, action, hop + 1, share);
          if (e.receiverId !== origin) arrive(s, e.receiverId, hop + 1, share);
        });
      }
      add(e.providerId, -q);
      add(e.receiverId, q);
    }
  }
  return [...specs.values()].map(({ trace, traced }) => ({
    ...trace,
    flows: [...trace.flows.values()],
    holdings: [...traced]
      .map(([agentId, hops]) => ({ agentId, quantity: hops.reduce((a, b) => a + b, 0) }))
      .filter((h) => h.quantity > 1e-9),
  }));
}

/** Takes the origin's proportional share of `q` leaving `agent`, hop by hop. */
function takeShare(s: SpecState, agent: string, q: number, onShare: (hop: number, share: number) => void) {
  const hops = s.traced.get(agent);
  if (!hops) return;
  const pool = s.pool.get(agent) ?? 0;
  // Stock the ledger shows as none (or negative, after a correction) cannot be split: what leaves takes all.
  let ratio = pool > 0 ? Math.min(1, q / pool) : 1;
  // After a correction took stock below zero the traced share can exceed the pool: never attribute more than left.
  const held = hops.reduce((a, b) => a + b, 0);
  if (held * ratio > q) ratio = q / held;
  hops.forEach((held, hop) => {
    const share = held * ratio;
    if (!(share > 0)) return;
    hops[hop] = held - share;
    onShare(hop, share);
  });
}

function arrive(s: SpecState, agent: string, hop: number, q: number) {
  const hops = s.traced.get(agent) ?? [];
  hops[hop] = (hops[hop] ?? 0) + q;
  for (let i = 0; i < hop; i++) hops[i] ??= 0;
  s.traced.set(agent, hops);
}

function flow(s: SpecState, from: string, to: string | null, action: FlowAction, hop: number, q: number) {
  const key = `${hop}|${from}|${to ?? ""}|${action}`;
  const f = s.trace.flows.get(key);
  if (f) f.quantity += q;
  else s.trace.flows.set(key, { from, to, action, hop, quantity: q });
}

/** Adds up the traces of several boards, per resource specification. */
export function mergeTraces(traces: readonly LineageTrace[]): LineageTrace[] {
  const bySpec = new Map<string, LineageTrace>();
  for (const t of traces) {
    const m = bySpec.get(t.resourceSpecId);
    if (!m) {
      bySpec.set(t.resourceSpecId, { ...t, flows: t.flows.map((f) => ({ ...f })), holdings: t.holdings.map((h) => ({ ...h })) });
      continue;
    }
    m.produced += t.produced;
    m.received += t.received;
    m.given += t.given;
    m.beyondHorizon += t.beyondHorizon;
    for (const f of t.flows) {
      const same = m.flows.find((g) => g.hop === f.hop && g.from === f.from && g.to === f.to && g.action === f.action);
      if (same) same.quantity += f.quantity;
      else m.flows.push({ ...f });
    }
    for (const h of t.holdings) {
      const same = m.holdings.find((g) => g.agentId === h.agentId);
      if (same) same.quantity += h.quantity;
      else m.holdings.push({ ...h });
    }
  }
  return [...bySpec.values()];
}

/** Rounds to thousandths (the ledger's precision) for the answer; shares in between stay exact. */
export const roundQuantity = (q: number) => Math.round(q * 1000) / 1000;
