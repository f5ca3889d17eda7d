import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS, normalizeFilters, type SignalFilters } from "@/components/signals/filters";
import { at, claim, event, signal } from "@/components/test/fixtures";
import type { SignalDto } from "@/server/domain/dto";
import {
  applyBoardEvent,
  flattenList,
  insertIntoList,
  keepNewerSignals,
  mergeSignalDetail,
  replaceInList,
  upsertClaim,
  updateMyClaims,
  type MyClaimsData,
  type SignalListData,
} from "./apply-event";

const list = (pages: SignalDto[][], nextCursor: string | null = null): SignalListData => ({
  pages: pages.map((items, i) => ({ items, nextCursor: i === pages.length - 1 ? nextCursor : `o${i + 1}` })),
  pageParams: pages.map((_, i) => (i === 0 ? null : `o${i}`)),
});
const ids = (d: SignalListData | undefined) => flattenList(d).map((s) => s.id);
const filters = (f: Partial<SignalFilters> = {}) => normalizeFilters({ ...DEFAULT_FILTERS, ...f });

describe("replaceInList", () => {
  it("replaces the signal in place on whichever page holds it", () => {
    const a = signal(), b = signal(), c = signal();
    const data = list([[a, b], [c]]);
    const newer = { ...c, title: "changed", updatedAt: at(5) };
    const out = replaceInList(data, filters(), newer)!;
    expect(ids(out)).toEqual([a.id, b.id, c.id]);
    expect(out.pages[1]!.items[0]!.title).toBe("changed");
    expect(out.pages[0]).toBe(data.pages[0]); // untouched pages keep their identity
  });

  it("answers the same object when the signal is not in the list", () => {
    const data = list([[signal()]]);
    expect(replaceInList(data, filters(), signal())).toBe(data);
  });

  it("never lets an older snapshot overwrite a newer one", () => {
    const s = signal({ updatedAt: at(10), title: "new" });
    const data = list([[s]]);
    expect(replaceInList(data, filters(), { ...s, updatedAt: at(5), title: "old" })).toBe(data);
  });

  it("drops a signal that no longer matches the list's status filter", () => {
    const s = signal();
    const withdrawn = { ...s, status: "withdrawn" as const, updatedAt: at(1) };
    expect(ids(replaceInList(list([[s]]), filters(), withdrawn))).toEqual([]);
    expect(ids(replaceInList(list([[s]]), filters({ status: "all" }), withdrawn))).toEqual([s.id]);
  });

  it("keeps the card's distance when the snapshot (a broadcast) has none", () => {
    const s = signal({ distanceKm: 3.2, location: { name: null, lat: 52.5, lng: 13.4 } });
    const out = replaceInList(list([[s]]), filters({ near: "52.52,13.40" }), { ...s, distanceKm: undefined, updatedAt: at(1) });
    expect(flattenList(out)[0]!.distanceKm).toBe(3.2);
  });
});

describe("insertIntoList", () => {
  it("puts a new signal at its sorted place (hottest first)", () => {
    const hot = signal({ intensity: 0.9 }), cool = signal({ intensity: 0.1 });
    const mid = signal({ intensity: 0.5 });
    expect(ids(insertIntoList(list([[hot, cool]]), filters(), mid))).toEqual([hot.id, mid.id, cool.id]);
  });

  it("puts it first for the newest-first sort", () => {
    const old = signal({ createdAt: at(0) });
    const fresh = signal({ createdAt: at(60), intensity: 0 });
    expect(ids(insertIntoList(list([[old]]), filters({ sort: "new" }), fresh))).toEqual([fresh.id, old.id]);
  });

  it("skips signals the filters exclude", () => {
    const data = list([[signal()]]);
    expect(insertIntoList(data, filters({ kind: "stock" }), signal({ kind: "need" }))).toBe(data);
    expect(insertIntoList(data, filters({ resourceSpecId: "other" }), signal())).toBe(data);
  });

  it("leaves a signal that sorts after everything loaded to 'Load more' when more pages exist", () => {
    const a = signal({ intensity: 0.9 });
    const low = signal({ intensity: 0.01 });
    const withMore = list([[a]], "o1");
    expect(insertIntoList(withMore, filters(), low)).toBe(withMore);
    expect(ids(insertIntoList(list([[a]]), filters(), low))).toEqual([a.id, low.id]);
  });

  it("does not duplicate a signal already present (our own write, then its event)", () => {
    const s = signal();
    const out = insertIntoList(list([[s]]), filters(), { ...s, updatedAt: at(1) });
    expect(ids(out)).toEqual([s.id]);
  });

  it("computes the distance for a list with a location, rounded like the API", () => {
    const s = signal({ location: { name: "Mitte", lat: 52.52, lng: 13.405 } });
    const out = insertIntoList(list([[]]), filters({ near: "52.52,13.40", sort: "distance" }), s);
    expect(flattenList(out)[0]!.distanceKm).toBe(0.3);
  });
});

describe("mergeSignalDetail and upsertClaim", () => {
  it("keeps claims the snapshot leaves out and the viewer's transitions while status holds", () => {
    const released = claim({ status: "released", allowedTransitions: [] });
    const live = claim({ status: "claimed", allowedTransitions: ["in_progress", "released"] });
    const current = signal({ claims: [released, live] });
    const incoming = { ...current, claimedQuantity: 10, updatedAt: at(5), claims: [{ ...live }] };
    delete incoming.claims[0]!.allowedTransitions;
    const merged = mergeSignalDetail(current, incoming)!;
    expect(merged.claimedQuantity).toBe(10);
    expect(merged.claims.map((c) => c.id)).toEqual([released.id, live.id]);
    expect(merged.claims[1]!.allowedTransitions).toEqual(["in_progress", "released"]);
  });

  it("clears transitions that no longer describe a moved claim", () => {
    const c = claim({ allowedTransitions: ["in_progress"] });
    const moved = { ...c, status: "in_progress" as const, updatedAt: at(3), allowedTransitions: undefined };
    expect(upsertClaim([c], moved)[0]!.allowedTransitions).toEqual([]);
  });

  it("appends a new claim and ignores an older copy of a known one", () => {
    const c = claim({ updatedAt: at(10) });
    expect(upsertClaim([c], { ...c, status: "shipped", updatedAt: at(1) })[0]!.status).toBe("claimed");
    const d = claim();
    expect(upsertClaim([c], d).map((x) => x.id)).toEqual([c.id, d.id]);
  });

  it("does nothing for a signal that is not cached", () => {
    expect(mergeSignalDetail(undefined, signal())).toBeUndefined();
  });
});

describe("keepNewerSignals (structural sharing for fetches)", () => {
  it("keeps a cached snapshot that is newer than the fetched one", () => {
    const s = signal({ updatedAt: at(0) });
    const cached = list([[{ ...s, status: "claimed", updatedAt: at(9) }]]);
    const fetched = list([[{ ...s, intensity: 0.2 }]]);
    const out = keepNewerSignals(cached, fetched);
    expect(flattenList(out)[0]!.status).toBe("claimed");
  });

  it("takes the fetched data when it is at least as new", () => {
    const s = signal({ updatedAt: at(1) });
    const fetched = { ...s, intensity: 0.3 };
    expect(keepNewerSignals(s, fetched).intensity).toBe(0.3);
  });
});

describe("updateMyClaims", () => {
  it("refreshes the embedded signal and the claim", () => {
    const s = signal();
    const c = claim({ signalId: s.id, allowedTransitions: ["in_progress"] });
    const data: MyClaimsData = { items: [{ claim: c, signal: s }] };
    const moved = { ...c, status: "in_progress" as const, updatedAt: at(2), allowedTransitions: undefined };
    const out = updateMyClaims(data, { ...s, claimedQuantity: 10, updatedAt: at(2) }, moved)!;
    expect(out.items[0]!.signal.claimedQuantity).toBe(10);
    expect(out.items[0]!.claim.status).toBe("in_progress");
    expect(out.items[0]!.claim.allowedTransitions).toEqual([]);
  });
});

describe("applyBoardEvent", () => {
  function setup() {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const s = signal({ intensity: 0.5 });
    const f = filters();
    qc.setQueryData(["signals", "commons", f], list([[s]]));
    qc.setQueryData(["signal", s.id], s);
    return { qc, s, f };
  }

  it("replaces the signal in its own query and in every list of its board", () => {
    const { qc, s, f } = setup();
    const byKind = filters({ kind: "need" });
    qc.setQueryData(["signals", "commons", byKind], list([[s]]));
    const changed = { ...s, title: "Updated", updatedAt: at(1) };
    applyBoardEvent(qc, event({ seq: 2, type: "signal.updated", data: { signal: changed } }));
    expect(qc.getQueryData<SignalDto>(["signal", s.id])!.title).toBe("Updated");
    expect(flattenList(qc.getQueryData(["signals", "commons", f]))[0]!.title).toBe("Updated");
    expect(flattenList(qc.getQueryData(["signals", "commons", byKind]))[0]!.title).toBe("Updated");
  });

  it("inserts a created signal into matching lists only", () => {
    const { qc, s, f } = setup();
    const stockOnly = filters({ kind: "stock" });
    qc.setQueryData(["signals", "commons", stockOnly], list([[]]));
    const fresh = signal({ intensity: 0.9 });
    applyBoardEvent(qc, event({ seq: 3, type: "signal.created", data: { signal: fresh } }));
    expect(ids(qc.getQueryData(["signals", "commons", f]))).toEqual([fresh.id, s.id]);
    expect(ids(qc.getQueryData(["signals", "commons", stockOnly]))).toEqual([]);
  });

  it("marks the board's cards for an organization verified, then not, and leaves other boards and organizations alone", () => {
    const { qc, f } = setup();
    const org = { id: "org-1", name: "Clínic", kind: "clinic", verified: false };
    const mine = signal({ onBehalfOf: org });
    const someoneElse = signal({ onBehalfOf: { ...org, id: "org-2" } });
    const elsewhere = signal({ board: { slug: "fablabs", name: "Fab labs" }, onBehalfOf: org });
    qc.setQueryData(["signals", "commons", f], list([[mine, someoneElse]]));
    qc.setQueryData(["signals", "fablabs", f], list([[elsewhere]]));
    qc.setQueryData(["signal", mine.id], mine);
    const data = { organization: { id: org.id, name: org.name, kind: org.kind }, verification: null, note: null };
    const verified = () => flattenList(qc.getQueryData(["signals", "commons", f])).map((x) => x.onBehalfOf?.verified);
    applyBoardEvent(qc, event({ seq: 5, type: "organization.verified", data }));
    expect(verified()).toEqual([true, false]);
    expect(qc.getQueryData<SignalDto>(["signal", mine.id])!.onBehalfOf!.verified).toBe(true);
    expect(flattenList(qc.getQueryData(["signals", "fablabs", f]))[0]!.onBehalfOf!.verified).toBe(false);
    applyBoardEvent(qc, event({ seq: 6, type: "organization.unverified", data }));
    expect(verified()).toEqual([false, false]);
  });

  it("does not touch another board's lists", () => {
    const { qc } = setup();
    const other = filters();
    const elsewhere = signal({ board: { slug: "fablabs", name: "Fab labs" } });
    qc.setQueryData(["signals", "fablabs", other], list([[elsewhere]]));
    applyBoardEvent(qc, event({ seq: 4, type: "signal.created", data: { signal: signal() } }));
    expect(ids(qc.getQueryData(["signals", "fablabs", other]))).toEqual([elsewhere.id]);
  });

  it("asks a searched list again rather than guessing what the search matches", () => {
    const { qc } = setup();
    const searched = filters({ q: "shield" });
    qc.setQueryData(["signals", "commons", searched], list([[]]));
    applyBoardEvent(qc, event({ seq: 5, type: "signal.created", data: { signal: signal() } }));
    expect(qc.getQueryState(["signals", "commons", searched])!.isInvalidated).toBe(true);
    expect(ids(qc.getQueryData(["signals", "commons", searched]))).toEqual([]);
  });

  it("removes a withdrawn signal from open lists and marks it on its page", () => {
    const { qc, s, f } = setup();
    const gone = { ...s, status: "withdrawn" as const, intensity: 0, updatedAt: at(2) };
    applyBoardEvent(qc, event({ seq: 6, type: "signal.withdrawn", data: { signal: gone } }));
    expect(ids(qc.getQueryData(["signals", "commons", f]))).toEqual([]);
    expect(qc.getQueryData<SignalDto>(["signal", s.id])!.status).toBe("withdrawn");
  });

  it("derives the status of a withdrawal that comes without the signal", () => {
    const { qc, s } = setup();
    applyBoardEvent(qc, event({ seq: 7, type: "signal.expired", at: at(30), data: { signalId: s.id } }));
    expect(qc.getQueryData<SignalDto>(["signal", s.id])!.status).toBe("expired");
  });

  it("invalidates my claims and the signal's history on claim events", () => {
    const { qc, s } = setup();
    qc.setQueryData(["my-claims"], { items: [] });
    qc.setQueryData(["signal-events", s.id], []);
    const c = claim({ signalId: s.id });
    const after = { ...s, claimedQuantity: 10, remainingQuantity: 90, updatedAt: at(3), claims: [c] };
    applyBoardEvent(qc, event({ seq: 8, type: "claim.created", data: { signal: after, claim: c } }));
    expect(qc.getQueryState(["my-claims"])!.isInvalidated).toBe(true);
    expect(qc.getQueryState(["signal-events", s.id])!.isInvalidated).toBe(true);
    expect(qc.getQueryData<SignalDto>(["signal", s.id])!.claims.map((x) => x.id)).toEqual([c.id]);
  });

  it("asks every list of the board again on signals.imported, and leaves other boards' lists alone", () => {
    const { qc, f } = setup();
    const other = filters();
    qc.setQueryData(["signals", "fablabs", other], list([[]]));
    applyBoardEvent(qc, event({ seq: 10, type: "signals.imported", data: { created: 3, unchanged: 0, resourcesCreated: 0, rows: 3 } }));
    expect(qc.getQueryState(["signals", "commons", f])!.isInvalidated).toBe(true);
    expect(qc.getQueryState(["signals", "fablabs", other])!.isInvalidated).toBe(false);
  });

  it("refreshes the board and its member list on member.joined", () => {
    const { qc } = setup();
    qc.setQueryData(["board", "commons"], { slug: "commons", memberCount: 1 });
    qc.setQueryData(["board-members", "commons"], []);
    applyBoardEvent(qc, event({ seq: 9, type: "member.joined", data: { member: { id: "u9", name: "Zoe" } } }));
    expect(qc.getQueryState(["board", "commons"])!.isInvalidated).toBe(true);
    expect(qc.getQueryState(["board-members", "commons"])!.isInvalidated).toBe(true);
  });

  it("asks the board's ledger queries (inventory, a claim's events) again on ledger.recorded, and nothing else", () => {
    const { qc, s } = setup();
    qc.setQueryData(["ledger", "commons", "claim", "c1"], { items: [], nextAfter: null });
    qc.setQueryData(["ledger", "other-board", "claim", "c2"], { items: [], nextAfter: null });
    applyBoardEvent(qc, event({ seq: 10, type: "ledger.recorded", data: { ledgerEvent: {}, inventory: [] } }));
    expect(qc.getQueryState(["ledger", "commons", "claim", "c1"])!.isInvalidated).toBe(true);
    expect(qc.getQueryState(["ledger", "other-board", "claim", "c2"])!.isInvalidated).toBe(false);
    expect(qc.getQueryState(["signal", s.id])!.isInvalidated).toBe(false);
  });
});
