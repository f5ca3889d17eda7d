// GET /places: picking a location by name from the places the board knows (organizations' places and
// named signal locations), on both databases, without leaking a members-only board's places.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { expectError, expectStatus, newBoard, newMember, postSignal, uniqueSlug, useApp } from "../support/fixtures";

describe.each(DB_KINDS)("places on %s", (kind) => {
  const h = useApp(kind);
  const search = async (api: typeof h.api, query: string) => {
    const r = await api.get(`/places?${query}`);
    expectStatus(r, 200);
    return r.body.items as Array<{ name: string; lat: number; lng: number; organization: { id: string; name: string; kind: string } | null; uses: number }>;
  };
  const names = (items: Array<{ name: string }>) => items.map((p) => p.name);

  it("finds an organization's place by the organization's name or the place's, case-insensitively", async () => {
    const tag = uniqueSlug("kz");
    const m = await newMember(h.api);
    const org = await m.api.post("/organizations", { name: `Werkstatt ${tag}`, kind: "makerspace", location: { name: `Kreuzberg ${tag}`, lat: 52.4986, lng: 13.403 } });
    expectStatus(org, 201);
    const byOrg = await search(h.api, `q=${encodeURIComponent(`WERKSTATT ${tag}`)}`);
    expect(byOrg).toEqual([{ name: `Kreuzberg ${tag}`, lat: 52.4986, lng: 13.403, organization: { id: org.body.id, name: `Werkstatt ${tag}`, kind: "makerspace" }, uses: 0 }]);
    expect(names(await search(h.api, `q=${encodeURIComponent(`kreuzberg ${tag}`)}`))).toEqual([`Kreuzberg ${tag}`]);
  });

  it("finds named signal locations, counts their uses, merges them with the organization at the same place", async () => {
    const tag = uniqueSlug("pl");
    const { slug, steward, spec } = await newBoard(h.api);
    const org = await steward.api.post("/organizations", { name: `Clinic ${tag}`, kind: "clinic", location: { name: `Raval ${tag}`, lat: 41.3809, lng: 2.1685 } });
    const post = (location: object) => postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 1, location });
    await post({ name: `Raval ${tag}`, lat: 41.3809, lng: 2.1685 });
    await post({ name: `raval ${tag}`, lat: 41.38091, lng: 2.16849 });
    await post({ name: `Ravalito ${tag}`, lat: 41.38, lng: 2.17 });
    await post({ lat: 41.5, lng: 2.2 }); // no name: nothing to suggest
    const items = await search(h.api, `q=${encodeURIComponent(`raval ${tag}`)}`);
    expect(items).toEqual([{ name: `Raval ${tag}`, lat: 41.3809, lng: 2.1685, organization: { id: org.body.id, name: `Clinic ${tag}`, kind: "clinic" }, uses: 2 }]);
    // Names that start with what was typed come first; among the rest, the most used.
    expect(names(await search(h.api, `q=${encodeURIComponent(tag)}`))).toEqual([`Raval ${tag}`, `Ravalito ${tag}`]);
  });

  it("shows a members-only board's places to its members only; outsiders get 404 for the board itself", async () => {
    const tag = uniqueSlug("hid");
    const closed = await newBoard(h.api, { visibility: "members" }); // its steward is its member (joining is by invitation)
    const open = await newBoard(h.api);
    const outsider = await newMember(h.api);
    await postSignal(closed.steward, closed.slug, { kind: "need", resourceSpecId: closed.spec.id, quantity: 1, location: { name: `Shelter ${tag}`, lat: 50.1, lng: 8.6 } });
    await postSignal(open.steward, open.slug, { kind: "need", resourceSpecId: open.spec.id, quantity: 1, location: { name: `Square ${tag}`, lat: 50.2, lng: 8.7 } });
    const q = `q=${encodeURIComponent(tag)}`;
    expect(names(await search(h.api, q))).toEqual([`Square ${tag}`]);
    expect(names(await search(outsider.api, q))).toEqual([`Square ${tag}`]);
    expect(names(await search(closed.steward.api, q)).sort()).toEqual([`Shelter ${tag}`, `Square ${tag}`]);
    // Scoped to one board: that board's signal places only (organizations are public and always searched).
    expect(names(await search(closed.steward.api, `${q}&board=${closed.slug}`))).toEqual([`Shelter ${tag}`]);
    expect(names(await search(h.api, `${q}&board=${open.slug}`))).toEqual([`Square ${tag}`]);
    expectError(await h.api.get(`/places?${q}&board=${closed.slug}`), 404, "NOT_FOUND");
    expectError(await outsider.api.get(`/places?${q}&board=${closed.slug}`), 404, "NOT_FOUND");
    expectError(await h.api.get(`/places?${q}&board=${uniqueSlug("none")}`), 404, "NOT_FOUND");
  });

  it("treats % and _ literally, lists the most used places when q is empty, and honours limit", async () => {
    const tag = uniqueSlug("lim");
    const { slug, steward, spec } = await newBoard(h.api);
    for (let i = 0; i < 3; i++) {
      await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 1, location: { name: `Hub ${tag}`, lat: 45.46, lng: 9.19 } });
    }
    await postSignal(steward, slug, { kind: "need", resourceSpecId: spec.id, quantity: 1, location: { name: `Depot ${tag}`, lat: 45.47, lng: 9.2 } });
    expect(await search(h.api, "q=%25")).toEqual([]);
    expect(await search(h.api, "q=_")).toEqual([]);
    const top = await search(h.api, `board=${slug}&limit=1`);
    expect(top).toHaveLength(1);
    expect(top[0]).toMatchObject({ name: `Hub ${tag}`, uses: 3 });
  });

  it("400 VALIDATION_FAILED for bad parameters", async () => {
    expectError(await h.api.get(`/places?q=${"x".repeat(121)}`), 400, "VALIDATION_FAILED", ["q"]);
    expectError(await h.api.get("/places?limit=0"), 400, "VALIDATION_FAILED", ["limit"]);
    expectError(await h.api.get("/places?limit=51"), 400, "VALIDATION_FAILED", ["limit"]);
    expectError(await h.api.get("/places?board=No%20Such"), 400, "VALIDATION_FAILED", ["board"]);
    expectError(await h.api.get("/places?q=%00"), 400, "VALIDATION_FAILED", ["q"]);
  });
});
