import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, DB_KINDS, type TestApp } from "./support/server";
import { ApiClient, newMember, newSpec } from "./support/api-client";

describe.each(DB_KINDS)("smoke on %s", (kind) => {
  let app: TestApp;
  let api: ApiClient;
  beforeAll(async () => {
    app = await startTestApp(kind);
    api = new ApiClient(app.url);
  });
  afterAll(() => app?.stop());

  it("signs up, posts a need and another member claims part of it", async () => {
    const owner = await newMember(api, { boards: ["commons"] });
    const maker = await newMember(api, { boards: ["commons"] });
    const spec = await newSpec(owner.api);
    const signal = await owner.api.post("/boards/commons/signals", { kind: "need", resourceSpecId: spec.id, quantity: 10 });
    expect(signal.status).toBe(201);
    const claim = await maker.api.post(`/signals/${signal.body.id}/claims`, { quantity: 4 });
    expect(claim.status).toBe(201);
    const after = await api.get(`/signals/${signal.body.id}`);
    expect(after.body.remainingQuantity).toBe(6);
  });
});
