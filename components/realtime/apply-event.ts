// Board events → query-cache updates. Every event carries the signal as it stood after the change, so
// the reducer replaces rather than recomputes: a card shows exactly what the server said. The pure
// functions below do the work on plain data; applyBoardEvent only routes them onto the cache.
//
// Snapshots are compared by `updatedAt` so an older snapshot never overwrites a newer one: a replay
// after a (re)join can start before what the cache already shows, and a refetch can land after an
// event it did not include.
import { replaceEqualDeep, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import type { BoardEventDto, ClaimDto, OrganizationVerificationEventData, SignalDto, SignalPage, SignalStatusDto } from "@/server/domain/dto";
import { compareSignals, distanceFrom, matchesExactFilters, type SignalFilters } from "@/components/signals/filters";

export type SignalListData = InfiniteData<SignalPage, unknown>;

export interface MyClaimItem {
  claim: ClaimDto & { allowedTransitions?: ClaimDto["allowedTransitions"] };
  signal: SignalDto;
}
export interface MyClaimsData {
  items: MyClaimItem[];
}

/** True when `incoming` is at least as new as `current` (equal counts: claim moves may not touch the row). */
export function isSameOrNewer(incoming: { updatedAt: string }, current: { updatedAt: string }): boolean {
  return Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt);
}

/** Inserts or replaces a claim by id, keeping the viewer's transitions while its status is unchanged. */
export function upsertClaim(claims: ClaimDto[], incoming: ClaimDto): ClaimDto[] {
  const i = claims.findIndex((c) => c.id === incoming.id);
  if (i === -1) return [...claims, incoming];
  const current = claims[i]!;
  if (!isSameOrNewer(incoming, current)) return claims;
  const merged: ClaimDto = { ...incoming };
  // Transitions are per viewer and never travel on broadcast events: keep the old ones only while they
  // still describe the claim; a refetch brings the new ones.
  if (incoming.allowedTransitions === undefined) {
    if (current.status === incoming.status && current.allowedTransitions) merged.allowedTransitions = current.allowedTransitions;
    else if (current.allowedTransitions) merged.allowedTransitions = [];
  }
  const next = claims.slice();
  next[i] = merged;
  return next;
}

/**
 * A signal's detail (every claim, with the viewer's transitions) updated from an event snapshot (the
 * newest live claims only): the fields come from the snapshot, the claims are merged by id so claims
 * the snapshot leaves out (released, lapsed, older ones) stay on the page.
 */
export function mergeSignalDetail(current: SignalDto | undefined, incoming: SignalDto, claim?: ClaimDto): SignalDto | undefined {
  if (!current) return current;
  if (!isSameOrNewer(incoming, current)) {
    return claim ? { ...current, claims: upsertClaim(current.claims, claim) } : current;
  }
  let claims = current.claims;
  for (const c of incoming.claims) claims = upsertClaim(claims, c);
  if (claim) claims = upsertClaim(claims, claim);
  return { ...incoming, claims };
}

function withDistance(s: SignalDto, filters: SignalFilters, previous?: SignalDto): SignalDto {
  if (!filters.near || s.distanceKm !== undefined) return s;
  const km = previous?.distanceKm ?? distanceFrom(filters, s);
  return km === undefined ? s : { ...s, distanceKm: km };
}

/**
 * Replaces a signal wherever it sits in a list's loaded pages, or drops it when it no longer matches
 * the list's kind/status/resource (a withdrawn signal leaves an "open and claimed" list). Cards keep
 * their place: re-sorting under someone's thumb as heat changes would make the board jump.
 * Answers the same object when nothing changed.
 */
export function replaceInList(data: SignalListData | undefined, filters: SignalFilters, incoming: SignalDto): SignalListData | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    const i = page.items.findIndex((s) => s.id === incoming.id);
    if (i === -1) return page;
    const current = page.items[i]!;
    if (!isSameOrNewer(incoming, current)) return page;
    changed = true;
    const items = page.items.slice();
    if (matchesExactFilters(incoming, filters)) items[i] = withDistance(incoming, filters, current);
    else items.splice(i, 1);
    return { ...page, items };
  });
  return changed ? { ...data, pages } : data;
}

export function listContains(data: SignalListData | undefined, id: string): boolean {
  return !!data?.pages.some((p) => p.items.some((s) => s.id === id));
}

/**
 * Puts a new signal into a list at its sorted place among the loaded cards. A signal that sorts after
 * everything loaded, while more pages wait on the server, is left for "Load more" to bring.
 */
export function insertIntoList(data: SignalListData | undefined, filters: SignalFilters, incoming: SignalDto): SignalListData | undefined {
  if (!data || data.pages.length === 0) return data;
  if (listContains(data, incoming.id)) return replaceInList(data, filters, incoming);
  if (!matchesExactFilters(incoming, filters)) return data;
  const signal = withDistance(incoming, filters);
  const cmp = compareSignals(filters.sort);
  for (let p = 0; p < data.pages.length; p++) {
    const page = data.pages[p]!;
    const i = page.items.findIndex((s) => cmp(signal, s) < 0);
    if (i !== -1) {
      const items = page.items.slice();
      items.splice(i, 0, signal);
      const pages = data.pages.slice();
      pages[p] = { ...page, items };
      return { ...data, pages };
    }
  }
  const last = data.pages[data.pages.length - 1]!;
  if (last.nextCursor) return data;
  const pages = data.pages.slice();
  pages[pages.length - 1] = { ...last, items: [...last.items, signal] };
  return { ...data, pages };
}

/** Every signal in a list, once each: pages fetched around a live insert may repeat one. */
export function flattenList(data: SignalListData | undefined): SignalDto[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: SignalDto[] = [];
  for (const page of data.pages) {
    for (const s of page.items) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push(s);
    }
  }
  return out;
}

/**
 * Structural sharing for freshly fetched lists and signals: keeps a cached snapshot that is newer than
 * the fetched one (an event applied while the request was in flight), so a slow answer cannot undo it.
 */
export function keepNewerSignals<T>(old: unknown, next: T): T {
  return replaceEqualDeep(old, preferNewer(old, next));
}

function preferNewer<T>(old: unknown, next: T): T {
  if (!old) return next;
  const newer = new Map<string, SignalDto>();
  const collect = (s: SignalDto) => newer.set(s.id, s);
  if (isSignal(old)) collect(old);
  else if (isListData(old)) old.pages.forEach((p) => p.items.forEach(collect));
  else return next;
  const pick = (s: SignalDto): SignalDto => {
    const o = newer.get(s.id);
    return o && !isSameOrNewer(s, o) ? { ...o, distanceKm: s.distanceKm ?? o.distanceKm } : s;
  };
  if (isSignal(next)) {
    const o = newer.get(next.id);
    return (o && !isSameOrNewer(next, o) ? mergeSignalDetail(next, o) : next) as T;
  }
  if (isListData(next)) {
    return { ...next, pages: next.pages.map((p) => ({ ...p, items: p.items.map(pick) })) } as T;
  }
  return next;
}

function isSignal(x: unknown): x is SignalDto {
  return !!x && typeof x === "object" && "intensityParts" in x && "updatedAt" in x;
}
function isListData(x: unknown): x is SignalListData {
  return !!x && typeof x === "object" && Array.isArray((x as SignalListData).pages);
}

/** My claims embed their signal: keep those copies as fresh as the board. */
export function updateMyClaims(data: MyClaimsData | undefined, incoming: SignalDto, claim?: ClaimDto): MyClaimsData | undefined {
  if (!data) return data;
  let changed = false;
  const items = data.items.map((item) => {
    if (item.signal.id !== incoming.id) return item;
    let next = item;
    if (isSameOrNewer(incoming, item.signal)) next = { ...next, signal: incoming };
    if (claim && claim.id === item.claim.id && isSameOrNewer(claim, item.claim)) {
      const keep = claim.status === item.claim.status ? item.claim.allowedTransitions : [];
      next = { ...next, claim: { ...claim, allowedTransitions: claim.allowedTransitions ?? keep } };
    }
    if (next !== item) changed = true;
    return next;
  });
  return changed ? { items } : data;
}

/** For an event without a snapshot (older servers): set the status a withdrawal or expiry implies. */
export function withStatus(s: SignalDto, status: SignalStatusDto, at: string): SignalDto {
  return { ...s, status, intensity: 0, updatedAt: at };
}

function signalOf(event: BoardEventDto, qc: QueryClient): SignalDto | undefined {
  if (event.data.signal) return event.data.signal;
  // Fallback when a withdrawal or expiry comes without the signal: derive it from what we hold.
  const id = typeof event.data.signalId === "string" ? event.data.signalId : undefined;
  if (!id || (event.type !== "signal.withdrawn" && event.type !== "signal.expired")) return undefined;
  const cached =
    qc.getQueryData<SignalDto>(["signal", id]) ??
    qc
      .getQueriesData<SignalListData>({ queryKey: ["signals", event.board] })
      .flatMap(([, d]) => flattenList(d))
      .find((s) => s.id === id);
  return cached ? withStatus(cached, event.type === "signal.withdrawn" ? "withdrawn" : "expired", event.at) : undefined;
}

/**
 * Writes a signal snapshot into every cached query that shows it: its own page, the board's lists
 * (inserting it when `created`), and my claims. Used for board events and for our own write answers.
 */
export function applySignalSnapshot(qc: QueryClient, signal: SignalDto, opts: { created?: boolean; claim?: ClaimDto } = {}): void {
  const { created, claim } = opts;
  qc.setQueryData<SignalDto>(["signal", signal.id], (d) => mergeSignalDetail(d, signal, claim));
  for (const [key, data] of qc.getQueriesData<SignalListData>({ queryKey: ["signals", signal.board.slug] })) {
    const filters = key[2] as SignalFilters | undefined;
    if (!filters) continue;
    if (!data) {
      // A list still loading its first page may answer from before this change: ask again.
      void qc.invalidateQueries({ queryKey: key, exact: true });
    } else if (created && !listContains(data, signal.id)) {
      // Free-text search is the server's to judge (it may match fields we cannot see), so a list with
      // a search asks again instead of guessing.
      if (filters.q) void qc.invalidateQueries({ queryKey: key, exact: true });
      else qc.setQueryData<SignalListData>(key, insertIntoList(data, filters, signal));
    } else {
      qc.setQueryData<SignalListData>(key, replaceInList(data, filters, signal));
    }
  }
  qc.setQueryData<MyClaimsData>(["my-claims"], (d) => updateMyClaims(d, signal, claim));
}

/** Marks the cards that speak for `orgId` verified (or not) by their board: an organization.* event. */
export function setOrganizationVerified<T extends SignalDto | SignalListData | undefined>(data: T, orgId: string, verified: boolean): T {
  if (!data) return data;
  const fix = (s: SignalDto): SignalDto =>
    s.onBehalfOf?.id === orgId && s.onBehalfOf.verified !== verified ? { ...s, onBehalfOf: { ...s.onBehalfOf, verified } } : s;
  if (isSignal(data)) return fix(data) as T;
  if (!isListData(data)) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    const items = page.items.map(fix);
    if (items.every((s, i) => s === page.items[i])) return page;
    changed = true;
    return { ...page, items };
  });
  return (changed ? { ...data, pages } : data) as T;
}

/** Routes one board event onto every cached query it touches. */
export function applyBoardEvent(qc: QueryClient, event: BoardEventDto): void {
  if (event.type.startsWith("member.")) {
    // Member counts (and, when it is the viewer who left or was removed, their role) changed.
    void qc.invalidateQueries({ queryKey: ["board", event.board] });
    void qc.invalidateQueries({ queryKey: ["board-members", event.board] });
    void qc.invalidateQueries({ queryKey: ["boards"], exact: true });
    if (event.type !== "member.joined") void qc.invalidateQueries({ queryKey: ["me"] });
    return;
  }
  if (event.type === "signals.imported") {
    // One event stands for a whole file (ADR 023): the lists ask the server again rather than receive
    // thousands of snapshots.
    void qc.invalidateQueries({ queryKey: ["signals", event.board] });
    return;
  }
  if (event.type === "ledger.recorded") {
    // Stock and the ledger's pages (the board's, and a claim's events on its signal page) are read
    // through queries keyed under ["ledger", board]: ask them again rather than fold events here.
    void qc.invalidateQueries({ queryKey: ["ledger", event.board] });
    return;
  }
  if (event.type.startsWith("planning.")) {
    // A session is read whole (coverage, lines), and its events carry counts only: ask again. The claims an
    // adoption makes arrive as their own claim.created events.
    void qc.invalidateQueries({ queryKey: ["planning", event.board] });
    return;
  }
  if (event.type === "organization.verified" || event.type === "organization.unverified") {
    const { organization } = event.data as unknown as OrganizationVerificationEventData;
    const verified = event.type === "organization.verified";
    // Only this board's cards: the verification is the board's, not the organization's everywhere.
    for (const [key, data] of qc.getQueriesData<SignalListData>({ queryKey: ["signals", event.board] }))
      qc.setQueryData(key, setOrganizationVerified(data, organization.id, verified));
    for (const [key, data] of qc.getQueriesData<SignalDto>({ queryKey: ["signal"] }))
      if (data?.board.slug === event.board) qc.setQueryData(key, setOrganizationVerified(data, organization.id, verified));
    void qc.invalidateQueries({ queryKey: ["organization", organization.id] });
    void qc.invalidateQueries({ queryKey: ["organizations"] });
    return;
  }
  const signal = signalOf(event, qc);
  const claim = event.data.claim;
  if (signal) applySignalSnapshot(qc, signal, { created: event.type === "signal.created", claim });
  const signalId = signal?.id ?? claim?.signalId;
  if (signalId) void qc.invalidateQueries({ queryKey: ["signal-events", signalId] });
  if (event.type.startsWith("claim.")) {
    void qc.invalidateQueries({ queryKey: ["my-claims"] });
    // The viewer's allowed transitions are per person and do not travel on events.
    if (signalId && claim) void qc.invalidateQueries({ queryKey: ["signal", signalId] });
  }
}
