// A planner run and answers arriving while it plans (ADR 036), on both databases. The run plans outside
// its transaction, then writes only if every answer still stands as it read them; otherwise it plans
// again, up to three times, and then gives up with 409 SESSION_BUSY. The interleaving is played exactly:
// the run's `afterPlan` hook sends a real answer through the API between planning and writing.
import { describe, expect, it } from "vitest";
import { runPlanner } from "../../server/services/run-planner";
import { isDomainError } from "../../server/domain/errors";
import { DB_KINDS } from "../support/server";
import { allEvents, expectStatus, hoursFromNow, newMember, newSpec, postSignal, uniqueSlug, useApp, type Member } from "../support/fixtures";

type Line = { id: string; status: string; quantity: number; source: { id: string }; run: number };

describe.each(DB_KINDS)("a planner run racing answers on %s", (kind) => {
  const h = useApp(kind);
  let people: { steward: Member; ada: Member } | undefined;

  /** Ada offers stock, the steward needs it; a session is open and has run once: Ada has lines to answer. */
  async function sessionWithLines() {
    people ??= { steward: await newMember(h.api), ada: await newMember(h.api) };
    const { steward, ada } = people;
    const slug = uniqueSlug();
    expectStatus(await steward.api.post("/boards", { slug, name: `Board ${slug}` }), 201);
    expectStatus(await ada.api.post(`/boards/${slug}/members`), 201);
    const spec = await newSpec(steward.api, `Spec ${slug}`, "each");
    await postSignal(ada, slug, { kind: "stock", resourceSpecId: spec.id, quantity: 12, title: "Ada's shelf", location: { name: "York", lat: 53.96, lng: -1.08 } });
    await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 10, title: "Ward visors", location: { name: "Hull", lat: 53.74, lng: -0.33 } });
    const opened = await steward.api.post(`/boards/${slug}/planning-sessions`, { title: "Visors", resourceSpecIds: [spec.id], horizonWeeks: 2, deadline: hoursFromNow(48) });
    expectStatus(opened, 201);
    expectStatus(await steward.api.post(`/planning-sessions/${opened.body.id}/runs`), 201);
    const lines = (await steward.api.get(`/planning-sessions/${opened.body.id}/lines`)).body.items as Line[];
    expect(lines.length).toBeGreaterThan(0);
    return { slug, sessionId: opened.body.id as string, line: lines[0]!, steward, ada };
  }

  const lines = async (sessionId: string) => ((await h.api.get(`/planning-sessions/${sessionId}/lines`)).body.items as Line[]).sort((a, b) => a.id.localeCompare(b.id));
  const runEvents = async (slug: string) => (await allEvents(h.api, slug)).events.filter((e) => e.type === "planning.run_completed").length;

  it("answers arriving during every attempt: the run gives up with SESSION_BUSY and writes nothing of its own", async () => {
    const s = await sessionWithLines();
    const steward = { userId: s.steward.id, name: s.steward.name };
    // A different answer each time, so each attempt finds the answers changed under it.
    const answers = [{ answer: "accept" }, { answer: "change", quantity: s.line.quantity - 1 }, { answer: "decline", reason: "shelf emptied" }];
    let before: Line[] = [];
    const attempts: number[] = [];
    const error = await runPlanner(h.app.ctx, steward, s.sessionId, {
      afterPlan: async (attempt) => {
        attempts.push(attempt);
        expectStatus(await s.ada.api.post(`/plan-lines/${s.line.id}/answer`, answers[attempt - 1]), 200);
        before = await lines(s.sessionId);
      },
    }).catch((err: unknown) => err);
    expect(isDomainError(error) && error.code).toBe("SESSION_BUSY");
    expect(attempts).toEqual([1, 2, 3]);
    // Ada's last answer stands; the session is as the last answer left it: no run was stored.
    expect(await lines(s.sessionId)).toEqual(before);
    expect(before.find((l) => l.id === s.line.id)).toMatchObject({ status: "declined" });
    expect((await h.api.get(`/planning-sessions/${s.sessionId}`)).body.runCount).toBe(1);
    expect(await runEvents(s.slug)).toBe(1);
  });

  it("an answer arriving during the first attempt: the second plans around it and keeps it", async () => {
    const s = await sessionWithLines();
    const steward = { userId: s.steward.id, name: s.steward.name };
    const result = await runPlanner(h.app.ctx, steward, s.sessionId, {
      afterPlan: async (attempt) => {
        if (attempt === 1) expectStatus(await s.ada.api.post(`/plan-lines/${s.line.id}/answer`, { answer: "accept" }), 200);
      },
    });
    expect(result).toMatchObject({ run: 2, kept: 1 });
    const after = await lines(s.sessionId);
    // The accepted line survived the run (a run replaces only unanswered suggestions).
    expect(after.find((l) => l.id === s.line.id)).toMatchObject({ status: "accepted", quantity: s.line.quantity });
    expect((await h.api.get(`/planning-sessions/${s.sessionId}`)).body.runCount).toBe(2);
    expect(await runEvents(s.slug)).toBe(2);
  });
});
