// Shared helpers for the API integration tests in tests/api: one app per file, fresh boards per test
// (so event-log assertions are never disturbed by other tests), and compact error assertions.
import { afterAll, beforeAll, expect } from "vitest";
import { startTestApp, type DbKind, type TestApp } from "./server";
import { ApiClient, newMember, newSpec, type Answer } from "./api-client";

export { newMember, newSpec };
export { prng } from "./prng";
export type Member = Awaited<ReturnType<typeof newMember>>;

/** Starts one app for the enclosing describe block (fresh database); read `.app` and `.api` inside tests. */
export function useApp(kind: DbKind, opts: Parameters<typeof startTestApp>[1] = {}) {
  const h = {} as { app: TestApp; api: ApiClient };
  beforeAll(async () => {
    h.app = await startTestApp(kind, opts);
    h.api = new ApiClient(h.app.url);
  });
  afterAll(async () => {
    await h.app?.stop();
  });
  return h;
}

let slugCounter = 0;
export function uniqueSlug(prefix = "b") {
  return `${prefix}-${Date.now().toString(36)}-${(slugCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A fresh public board with a steward and `members` extra members, and a resource spec (counted "each" unless told). */
export async function newBoard(api: ApiClient, opts: { members?: number; visibility?: "public" | "members"; unit?: string } = {}) {
  const steward = await newMember(api);
  const slug = uniqueSlug();
  const b = await steward.api.post("/boards", { slug, name: `Board ${slug}`, visibility: opts.visibility ?? "public" });
  if (b.status !== 201) throw new Error(`board failed: ${JSON.stringify(b.body)}`);
  const members: Member[] = [];
  for (let i = 0; i < (opts.members ?? 0); i++) members.push(await newMember(api, { boards: [slug] }));
  const spec = await newSpec(steward.api, `Spec ${slug}`, opts.unit ?? "each");
  return { slug, steward, members, spec };
}

/** `n` new members of a board, signed up ten at a time. */
export async function newMembers(api: ApiClient, slug: string, n: number): Promise<Member[]> {
  const out: Member[] = [];
  for (let i = 0; i < n; i += 10) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, () => newMember(api, { boards: [slug] })))));
  }
  return out;
}

/** Posts a signal and fails loudly when it is not created. */
export async function postSignal(m: { api: ApiClient }, slug: string, body: Record<string, unknown>) {
  const r = await m.api.post(`/boards/${slug}/signals`, body);
  if (r.status !== 201) throw new Error(`signal failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function postClaim(m: { api: ApiClient }, signalId: string, quantity: number) {
  const r = await m.api.post(`/signals/${signalId}/claims`, { quantity });
  if (r.status !== 201) throw new Error(`claim failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Every event of a board (following pages), and the board's lastSeq. */
export async function allEvents(api: ApiClient, slug: string, after = 0) {
  const events: any[] = [];
  let lastSeq = 0;
  for (;;) {
    const r = await api.get(`/boards/${slug}/events?after=${after}&limit=1000`);
    if (r.status !== 200) throw new Error(`events failed: ${r.status} ${JSON.stringify(r.body)}`);
    lastSeq = r.body.lastSeq;
    events.push(...r.body.events);
    if (r.body.events.length < 1000) break;
    after = r.body.events.at(-1).seq;
  }
  return { events, lastSeq };
}

export async function lastSeq(api: ApiClient, slug: string): Promise<number> {
  const r = await api.get(`/boards/${slug}/events?limit=1`);
  if (r.status !== 200) throw new Error(`events failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.lastSeq;
}

/** Asserts the API error shape: status, stable code, a message, and (optionally) which fields. */
export function expectError(res: Answer, status: number, code: string, fields?: string[]) {
  const where = `${status} ${code} expected, got ${res.status} ${JSON.stringify(res.body)?.slice(0, 400)}`;
  expect(res.status, where).toBe(status);
  expect(res.body?.error?.code, where).toBe(code);
  expect(typeof res.body?.error?.message, where).toBe("string");
  for (const f of fields ?? []) {
    expect(res.body.error.fields?.[f], `${where}: fields.${f}`).toBeInstanceOf(Array);
    expect(res.body.error.fields[f].length).toBeGreaterThan(0);
  }
}

export function expectStatus(res: Answer, status: number) {
  expect(res.status, `${status} expected, got ${res.status} ${JSON.stringify(res.body)?.slice(0, 400)}`).toBe(status);
}

/** A raw request with full control over headers and body (cookies, malformed JSON, streams). */
export async function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string | ReadableStream<Uint8Array> } = {},
): Promise<Answer> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: init.headers,
    body: init.body,
    ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* keep text */
  }
  return { status: res.status, body, headers: res.headers };
}

export const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/**
 * Makes someone a member (or steward) of a board by writing the row itself. The API has no way yet to
 * let a person into a members-only board (invitations are later work) or to name a second steward; the
 * tests of leaving and removal need both.
 */
export async function addMemberDirectly(app: TestApp, slug: string, userId: string, role: "member" | "steward" = "member") {
  const board = await app.db.prisma.board.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  await app.db.prisma.boardMember.upsert({
    where: { boardId_userId: { boardId: board.id, userId } },
    create: { boardId: board.id, userId, role },
    update: { role },
  });
}
