// Public intake (ADR 032), on both databases: a facility without an account asks for supplies; nothing of
// it shows anywhere public until a steward accepts it, and then only as an ordinary need without the
// contact details. Stewards alone see the queue; two stewards deciding at once make exactly one signal;
// the per-address limit, the honeypot, the body bound and the cross-site check hold; bad input is 400
// and writes nothing.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { changedTables, fingerprint } from "../support/db-state";
import { addMemberDirectly, allEvents, expectError, expectStatus, hoursFromNow, newBoard, newMember, postSignal, rawRequest, useApp } from "../support/fixtures";

const LIMIT = 4;
let addressCounter = 0;
/** A fresh client address per test (TRUST_PROXY is on), so the per-address limit is each test's own. */
const newAddress = () => `198.51.100.${++addressCounter}`;

describe.each(DB_KINDS)("public intake on %s", (kind) => {
  const h = useApp(kind, { env: { TRUST_PROXY: "true", INTAKE_REQUESTS_PER_ADDRESS_PER_HOUR: String(LIMIT) } });

  /** An anonymous submission from `from`, as the form sends it (JSON, same origin). */
  const submit = (slug: string, body: unknown, from: string, headers: Record<string, string> = {}) =>
    rawRequest(h.app.url, "POST", `/boards/${slug}/intake`, {
      headers: { "content-type": "application/json", "x-forwarded-for": from, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  const request = (specId: string | null, extra: Record<string, unknown> = {}) => ({
    facilityName: "Casa de Cura Sant Pau",
    contactEmail: "infermeria@santpau.example",
    contactPhone: "+34 600 123 456",
    place: { name: "Barcelona", lat: 41.41, lng: 2.17 },
    ...(specId ? { resourceSpecId: specId } : { resourceText: "Face shields, any kind" }),
    quantity: 300,
    neededBy: hoursFromNow(72),
    note: "Call Marta on +34 600 123 456 before delivering",
    ...extra,
  });

  /** A public board whose catalogue has the spec (a signal uses it), and a second steward. */
  async function intakeBoard(opts: { visibility?: "public" | "members" } = {}) {
    // Nobody joins a members-only board through the API (invitations are later work).
    const b = await newBoard(h.api, { members: opts.visibility === "members" ? 0 : 1, visibility: opts.visibility });
    await postSignal(b.steward, b.slug, { kind: "stock", resourceSpecId: b.spec.id, quantity: 5 });
    const second = await newMember(h.api);
    await addMemberDirectly(h.app, b.slug, second.id, "steward");
    return { ...b, second };
  }

  it("a facility without an account submits; nothing shows until a steward accepts; then a need for the facility, without its contacts", async () => {
    const b = await intakeBoard();
    const form = await h.api.get(`/boards/${b.slug}/intake/form`);
    expectStatus(form, 200);
    expect(form.body).toMatchObject({ board: { slug: b.slug }, accepting: true });
    expect(form.body.resources.map((r: { id: string }) => r.id)).toEqual([b.spec.id]);

    const before = await allEvents(h.api, b.slug);
    const sent = await submit(b.slug, request(b.spec.id), newAddress());
    expectStatus(sent, 202);
    expect(sent.body).toEqual({ id: expect.any(String), status: "pending", reference: expect.stringMatching(/^REQ-[0-9A-Z]{8}$/) });

    // Nowhere public: not in the signals, the log, the exports.
    const signals = await h.api.get(`/boards/${b.slug}/signals?kind=need`);
    expect(signals.body.items).toEqual([]);
    expect((await allEvents(h.api, b.slug)).lastSeq).toBe(before.lastSeq);
    const csv = await rawRequest(h.app.url, "GET", `/boards/${b.slug}/export/signals.csv`);
    expect(String(csv.body)).not.toContain("Sant Pau");

    // The steward's queue has it, with the contacts.
    const queue = await b.steward.api.get(`/boards/${b.slug}/intake?status=pending`);
    expectStatus(queue, 200);
    expect(queue.body.counts).toEqual({ pending: 1, accepted: 0, rejected: 0 });
    expect(queue.body.items).toHaveLength(1);
    expect(queue.body.items[0]).toMatchObject({
      id: sent.body.id,
      reference: sent.body.reference,
      status: "pending",
      facilityName: "Casa de Cura Sant Pau",
      contact: { email: "infermeria@santpau.example", phone: "+34 600 123 456" },
      place: { name: "Barcelona", lat: 41.41, lng: 2.17 },
      resourceSpec: { id: b.spec.id },
      quantity: 300,
    });

    const accepted = await b.steward.api.post(`/boards/${b.slug}/intake/${sent.body.id}/accept`, { organizationKind: "clinic" });
    expectStatus(accepted, 201);
    const signal = accepted.body.signal;
    expect(signal).toMatchObject({
      kind: "need",
      quantity: 300,
      status: "open",
      resourceSpec: { id: b.spec.id },
      onBehalfOf: { name: "Casa de Cura Sant Pau", kind: "clinic" },
      owner: { id: b.steward.id },
      location: { name: "Barcelona", lat: 41.41, lng: 2.17 },
      note: null,
    });
    expect(accepted.body.request).toMatchObject({ status: "accepted", signalId: signal.id, decidedBy: { id: b.steward.id } });
    const org = await h.app.db.prisma.organization.findUniqueOrThrow({ where: { id: signal.onBehalfOf.id }, select: { createdByIntake: true, locationName: true } });
    expect(org).toEqual({ createdByIntake: true, locationName: "Barcelona" });

    // The need shows through the ordinary event and list, and nothing public carries the contacts.
    const { events } = await allEvents(h.api, b.slug, before.lastSeq);
    expect(events.map((e) => e.type)).toEqual(["signal.created"]);
    const list = await h.api.get(`/boards/${b.slug}/signals?kind=need`);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([signal.id]);
    const exported = String((await rawRequest(h.app.url, "GET", `/boards/${b.slug}/export/signals.csv`)).body);
    expect(exported).toContain("Sant Pau");
    for (const text of [JSON.stringify(events), JSON.stringify(list.body), JSON.stringify(await h.api.get(`/signals/${signal.id}`)), exported]) {
      expect(text).not.toContain("santpau.example");
      expect(text).not.toContain("600 123 456");
    }
    expect((await b.steward.api.get(`/boards/${b.slug}/intake`)).body.counts).toEqual({ pending: 0, accepted: 1, rejected: 0 });
  });

  it("a request in words is mapped by the steward, for an existing organization; reject keeps its reason; deciding again is 409", async () => {
    const b = await intakeBoard();
    const from = newAddress();
    const words = (await submit(b.slug, request(null, { contactEmail: null, place: { name: "Lyon" } }), from)).body;
    const spam = (await submit(b.slug, request(b.spec.id, { facilityName: "Cheap pills" }), from)).body;
    const path = (id: string, verb: string) => `/boards/${b.slug}/intake/${id}/${verb}`;

    // Without a resource it cannot become a need: 400, nothing decided.
    expectError(await b.steward.api.post(path(words.id, "accept"), {}), 400, "VALIDATION_FAILED", ["resourceSpecId"]);
    const clinic = (await b.members[0]!.api.post("/organizations", { name: "Clinique du Rhône", kind: "clinic" })).body;
    const ok = await b.steward.api.post(path(words.id, "accept"), { resourceSpecId: b.spec.id, organizationId: clinic.id, quantity: 250, title: "Face shields for Lyon" });
    expectStatus(ok, 201);
    expect(ok.body.signal).toMatchObject({ title: "Face shields for Lyon", quantity: 250, onBehalfOf: { id: clinic.id }, location: null });
    expect(ok.body.request.organization).toEqual({ id: clinic.id, name: "Clinique du Rhône" });
    expect(await h.app.db.prisma.organization.count({ where: { createdByIntake: true, intakeRequests: { some: { id: words.id } } } })).toBe(0);

    const rejected = await b.second.api.post(path(spam.id, "reject"), { reason: "Not a facility" });
    expectStatus(rejected, 200);
    expect(rejected.body).toMatchObject({ status: "rejected", rejectionReason: "Not a facility", decidedBy: { id: b.second.id }, signalId: null });
    expectError(await b.steward.api.post(path(spam.id, "accept"), {}), 409, "INTAKE_ALREADY_DECIDED");
    expectError(await b.steward.api.post(path(words.id, "reject"), { reason: "x" }), 409, "INTAKE_ALREADY_DECIDED");
    expectError(await b.steward.api.post(path(spam.id, "reject"), { reason: "" }), 400, "VALIDATION_FAILED", ["reason"]);
    expect((await b.steward.api.get(`/boards/${b.slug}/intake?status=rejected`)).body.items.map((r: { id: string }) => r.id)).toEqual([spam.id]);
  });

  it("only stewards see and decide: anonymous 401, members and outsiders 403, a members-only board 404 to outsiders", async () => {
    const b = await intakeBoard();
    const sent = (await submit(b.slug, request(b.spec.id), newAddress())).body;
    const outsider = await newMember(h.api);
    const member = b.members[0]!;
    const other = await newBoard(h.api);
    const before = await fingerprint(h.app.db.prisma);
    expectError(await h.api.get(`/boards/${b.slug}/intake`), 401, "UNAUTHENTICATED");
    expectError(await h.api.post(`/boards/${b.slug}/intake/${sent.id}/accept`, {}), 401, "UNAUTHENTICATED");
    for (const who of [member, outsider]) {
      expectError(await who.api.get(`/boards/${b.slug}/intake`), 403, "FORBIDDEN");
      expectError(await who.api.post(`/boards/${b.slug}/intake/${sent.id}/accept`, {}), 403, "FORBIDDEN");
      expectError(await who.api.post(`/boards/${b.slug}/intake/${sent.id}/reject`, { reason: "no" }), 403, "FORBIDDEN");
      expectError(await who.api.request("PUT", `/boards/${b.slug}/intake/settings`, { enabled: false }), 403, "FORBIDDEN");
    }
    // A steward of another board is no steward here; an unknown request id is 404.
    expectError(await other.steward.api.post(`/boards/${b.slug}/intake/${sent.id}/accept`, {}), 403, "FORBIDDEN");
    expectError(await other.steward.api.post(`/boards/${other.slug}/intake/${sent.id}/accept`, {}), 404, "NOT_FOUND");
    expectError(await b.steward.api.post(`/boards/${b.slug}/intake/not-an-id/accept`, {}), 404, "NOT_FOUND");
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);

    // Members-only: closed by default and invisible to outsiders; a steward may open the form.
    const hidden = await intakeBoard({ visibility: "members" });
    expectError(await submit(hidden.slug, request(hidden.spec.id), newAddress()), 404, "NOT_FOUND");
    expectError(await h.api.get(`/boards/${hidden.slug}/intake/form`), 404, "NOT_FOUND");
    expectError(await outsider.api.get(`/boards/${hidden.slug}/intake`), 404, "NOT_FOUND");
    expect((await hidden.steward.api.get(`/boards/${hidden.slug}/intake/form`)).body).toMatchObject({ accepting: false, resources: [] });
    const opened = await hidden.steward.api.request("PUT", `/boards/${hidden.slug}/intake/settings`, { enabled: true });
    expect(opened.body).toEqual({ enabled: true, accepting: true });
    expectStatus(await submit(hidden.slug, request(hidden.spec.id), newAddress()), 202);
    // Public: open by default; closed by a steward it says so (403), and null is the default again.
    expectStatus(await b.steward.api.request("PUT", `/boards/${b.slug}/intake/settings`, { enabled: false }), 200);
    expectError(await submit(b.slug, request(b.spec.id), newAddress()), 403, "INTAKE_CLOSED");
    expect((await h.api.get(`/boards/${b.slug}/intake/form`)).body).toMatchObject({ accepting: false });
    expect((await b.steward.api.request("PUT", `/boards/${b.slug}/intake/settings`, { enabled: null })).body).toEqual({ enabled: null, accepting: true });
  });

  it("bad input is 400 with field errors, too large 413, another site 403, not JSON 415: nothing written", async () => {
    const b = await intakeBoard();
    const from = newAddress();
    const before = await fingerprint(h.app.db.prisma);
    expectError(await submit(b.slug, request(b.spec.id, { contactEmail: "", contactPhone: null }), from), 400, "VALIDATION_FAILED", ["contactEmail", "contactPhone"]);
    expectError(await submit(b.slug, request(null, { resourceText: "" }), from), 400, "VALIDATION_FAILED", ["resourceText"]);
    expectError(await submit(b.slug, request(b.spec.id, { contactPhone: "call me" }), from), 400, "VALIDATION_FAILED", ["contactPhone"]);
    expectError(await submit(b.slug, request(b.spec.id, { contactEmail: "not-an-email" }), from), 400, "VALIDATION_FAILED", ["contactEmail"]);
    expectError(await submit(b.slug, request(b.spec.id, { quantity: -1, facilityName: " " }), from), 400, "VALIDATION_FAILED", ["quantity", "facilityName"]);
    expectError(await submit(b.slug, request(b.spec.id, { quantity: 2.5 }), from), 400, "VALIDATION_FAILED", ["quantity"]);
    expectError(await submit(b.slug, request(b.spec.id, { neededBy: "2020-01-01T00:00:00Z" }), from), 400, "VALIDATION_FAILED", ["neededBy"]);
    expectError(await submit(b.slug, request(b.spec.id, { place: { name: "Lyon", lat: 45.7 } }), from), 400, "VALIDATION_FAILED", ["place.lng"]);
    expectError(await submit(b.slug, request("00000000-0000-4000-8000-000000000000"), from), 400, "VALIDATION_FAILED", ["resourceSpecId"]);
    expectError(await submit(b.slug, "{not json", from), 400, "MALFORMED_JSON");
    expectError(await submit(b.slug, request(b.spec.id, { note: "x".repeat(17_000) }), from), 413, "PAYLOAD_TOO_LARGE");
    expectError(await submit(b.slug, request(b.spec.id), from, { origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" }), 403, "CROSS_ORIGIN_REQUEST");
    expectError(await submit(b.slug, "facilityName=x", from, { "content-type": "application/x-www-form-urlencoded" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expectError(await submit("no-such-board-here", request(b.spec.id), from), 404, "NOT_FOUND");
    expect(changedTables(before, await fingerprint(h.app.db.prisma))).toEqual([]);
    // None of those cost the address anything: its whole allowance is still there.
    for (let i = 0; i < LIMIT; i++) expectStatus(await submit(b.slug, request(b.spec.id), from), 202);
  });

  it(`${LIMIT} requests per address an hour, then 429 with Retry-After; another address is unaffected; the honeypot stores nothing`, async () => {
    const b = await intakeBoard();
    const from = newAddress();
    const answers = await Promise.all(Array.from({ length: LIMIT + 3 }, () => submit(b.slug, request(b.spec.id), from)));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(LIMIT).fill(202), ...Array(3).fill(429)]);
    const refused = answers.find((a) => a.status === 429)!;
    expectError(refused, 429, "RATE_LIMITED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const queue = async () => (await b.steward.api.get(`/boards/${b.slug}/intake`)).body.counts.pending;
    expect(await queue()).toBe(LIMIT);

    const bot = await submit(b.slug, request(b.spec.id, { website: "http://spam.example" }), newAddress());
    expectStatus(bot, 202);
    expect(bot.body).toMatchObject({ status: "pending", reference: expect.stringMatching(/^REQ-/) });
    expect(await queue()).toBe(LIMIT);
    expectStatus(await submit(b.slug, request(b.spec.id), newAddress()), 202);
    expect(await queue()).toBe(LIMIT + 1);
  });

  it("two stewards accepting (or one rejecting) at once: exactly one decision, one signal, one event; the other 409", async () => {
    const b = await intakeBoard();
    const from = newAddress();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await submit(b.slug, request(b.spec.id, { facilityName: `Care home ${i}` }), from)).body.id as string);
    const before = await allEvents(h.api, b.slug);
    const path = (id: string, verb: string) => `/boards/${b.slug}/intake/${id}/${verb}`;
    const races = await Promise.all(
      ids.map((id, i) =>
        Promise.all([
          b.steward.api.post(path(id, "accept"), {}),
          i === 2 ? b.second.api.post(path(id, "reject"), { reason: "duplicate" }) : b.second.api.post(path(id, "accept"), {}),
        ]),
      ),
    );
    for (const pair of races) {
      expect(pair.map((a) => a.status).sort(), JSON.stringify(pair.map((a) => a.body))).toEqual(pair.some((a) => a.status === 200) ? [200, 409] : [201, 409]);
      expectError(pair.find((a) => a.status === 409)!, 409, "INTAKE_ALREADY_DECIDED");
    }
    const rows = await h.app.db.prisma.intakeRequest.findMany({ where: { id: { in: ids } }, select: { status: true, signalId: true } });
    const acceptedCount = rows.filter((r) => r.status === "accepted").length;
    const needs = await h.app.db.prisma.signal.findMany({ where: { board: { slug: b.slug }, kind: "need" }, select: { id: true } });
    expect(needs.map((n) => n.id).sort()).toEqual(rows.flatMap((r) => (r.signalId ? [r.signalId] : [])).sort());
    expect(needs).toHaveLength(acceptedCount);
    expect(await h.app.db.prisma.organization.count({ where: { name: { in: ["Care home 0", "Care home 1", "Care home 2"] } } })).toBe(acceptedCount);
    const { events } = await allEvents(h.api, b.slug, before.lastSeq);
    expect(events.map((e) => e.type)).toEqual(Array(acceptedCount).fill("signal.created"));
  });
});
