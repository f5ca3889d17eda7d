// Organizations, boards, membership and resource specifications, on both databases.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { expectError, expectStatus, newBoard, newMember, uniqueSlug, useApp } from "../support/fixtures";

describe.each(DB_KINDS)("organizations, boards and resource specs on %s", (kind) => {
  const h = useApp(kind);

  describe("organizations", () => {
    it("POST /organizations: 201, the creator is its admin and sees it in /me", async () => {
      const m = await newMember(h.api);
      const r = await m.api.post("/organizations", {
        name: "Fab Lab Nord",
        kind: "makerspace",
        location: { name: "Hamburg", lat: 53.55, lng: 9.99 },
      });
      expectStatus(r, 201);
      expect(r.body).toMatchObject({
        name: "Fab Lab Nord",
        kind: "makerspace",
        location: { name: "Hamburg", lat: 53.55, lng: 9.99 },
        members: [{ id: m.id, name: m.name, role: "admin" }],
      });
      const me = await m.api.get("/me");
      expect(me.body.organizations).toEqual([
        expect.objectContaining({ id: r.body.id, name: "Fab Lab Nord", kind: "makerspace", role: "admin" }),
      ]);
      const got = await h.api.get(`/organizations/${r.body.id}`);
      expectStatus(got, 200);
      expect(got.body).toMatchObject({ id: r.body.id, name: "Fab Lab Nord", members: [{ id: m.id, role: "admin" }] });
    });

    it("an organization without a location has location null", async () => {
      const m = await newMember(h.api);
      const r = await m.api.post("/organizations", { name: "Clinic", kind: "clinic" });
      expectStatus(r, 201);
      expect(r.body.location).toBeNull();
    });

    it("POST /organizations: 401 anonymous, 400 for a bad kind, empty name or out-of-range location", async () => {
      expectError(await h.api.post("/organizations", { name: "X", kind: "hub" }), 401, "UNAUTHENTICATED");
      const m = await newMember(h.api);
      expectError(await m.api.post("/organizations", { name: "X", kind: "castle" }), 400, "VALIDATION_FAILED", ["kind"]);
      expectError(await m.api.post("/organizations", { name: "   ", kind: "hub" }), 400, "VALIDATION_FAILED", ["name"]);
      expectError(
        await m.api.post("/organizations", { name: "X", kind: "hub", location: { lat: 91, lng: 0 } }),
        400,
        "VALIDATION_FAILED",
        ["location.lat"],
      );
      expect((await m.api.get("/me")).body.organizations).toEqual([]);
    });

    it("GET /organizations/:id: 404 for an unknown uuid and for a non-uuid id (never 500)", async () => {
      expectError(await h.api.get("/organizations/00000000-0000-4000-8000-000000000000"), 404, "NOT_FOUND");
      expectError(await h.api.get("/organizations/not-a-uuid"), 404, "NOT_FOUND");
      expectError(await h.api.get("/organizations/1"), 404, "NOT_FOUND");
    });
  });

  describe("boards", () => {
    it("the public commons board exists and anonymous readers see it", async () => {
      const r = await h.api.get("/boards");
      expectStatus(r, 200);
      const commons = r.body.items.find((b: any) => b.slug === "commons");
      expect(commons).toMatchObject({ slug: "commons", visibility: "public" });
      expect(typeof commons.name).toBe("string");
      expect(typeof commons.licence).toBe("string");
      expect(typeof commons.memberCount).toBe("number");
    });

    it("POST /boards: 201, the creator is steward in /me and GET /boards/:slug says myRole steward", async () => {
      const m = await newMember(h.api);
      const slug = uniqueSlug();
      const r = await m.api.post("/boards", { slug, name: "Regional fab labs", covenant: "Be kind.", licence: "CERN-OHL-S-2.0" });
      expectStatus(r, 201);
      expect(r.body).toMatchObject({ slug, name: "Regional fab labs", visibility: "public", licence: "CERN-OHL-S-2.0", memberCount: 1 });
      const me = await m.api.get("/me");
      expect(me.body.boards).toEqual([{ slug, name: "Regional fab labs", role: "steward" }]);
      const b = await m.api.get(`/boards/${slug}`);
      expectStatus(b, 200);
      expect(b.body).toMatchObject({ slug, covenant: "Be kind.", memberCount: 1, myRole: "steward", lastSeq: 0 });
      const list = await h.api.get("/boards");
      expect(list.body.items).toContainEqual({ slug, name: "Regional fab labs", visibility: "public", licence: "CERN-OHL-S-2.0", memberCount: 1 });
    });

    it("POST /boards: 409 SLUG_TAKEN, 400 for bad slugs, 401 anonymous", async () => {
      const m = await newMember(h.api);
      const slug = uniqueSlug();
      expectStatus(await m.api.post("/boards", { slug, name: "First" }), 201);
      expectError(await m.api.post("/boards", { slug, name: "Second" }), 409, "SLUG_TAKEN");
      expectError(await m.api.post("/boards", { slug: "commons", name: "Mine" }), 409, "SLUG_TAKEN");
      for (const bad of ["Has Caps", "-leading", "trailing-", "ab", "a".repeat(51), "under_score", "sl/ash", "", 42]) {
        expectError(await m.api.post("/boards", { slug: bad, name: "Bad" }), 400, "VALIDATION_FAILED", ["slug"]);
      }
      expectError(await m.api.post("/boards", { slug: uniqueSlug(), name: "V", visibility: "secret" }), 400, "VALIDATION_FAILED", ["visibility"]);
      expectError(await h.api.post("/boards", { slug: uniqueSlug(), name: "Anon" }), 401, "UNAUTHENTICATED");
      expect((await m.api.get("/me")).body.boards).toHaveLength(1);
    });

    it("GET /boards/:slug: myRole is member for members, null for others and anonymous; 404 unknown", async () => {
      const { slug, members } = await newBoard(h.api, { members: 1 });
      const outsider = await newMember(h.api);
      expect((await members[0]!.api.get(`/boards/${slug}`)).body.myRole).toBe("member");
      expect((await outsider.api.get(`/boards/${slug}`)).body.myRole).toBeNull();
      const anon = await h.api.get(`/boards/${slug}`);
      expectStatus(anon, 200);
      expect(anon.body.myRole).toBeNull();
      expect(anon.body.memberCount).toBe(2);
      expectError(await h.api.get(`/boards/${uniqueSlug("nope")}`), 404, "NOT_FOUND");
    });

    it("POST /boards/:slug/members: 201 join, memberCount rises; 409 ALREADY_MEMBER; 404 unknown; 401 anonymous", async () => {
      const { slug, steward } = await newBoard(h.api);
      const m = await newMember(h.api);
      const j = await m.api.post(`/boards/${slug}/members`);
      expectStatus(j, 201);
      expect(j.body).toMatchObject({ board: slug, role: "member" });
      expect((await m.api.get("/me")).body.boards).toEqual([expect.objectContaining({ slug, role: "member" })]);
      const list = await h.api.get("/boards");
      expect(list.body.items.find((b: any) => b.slug === slug).memberCount).toBe(2);
      expectError(await m.api.post(`/boards/${slug}/members`), 409, "ALREADY_MEMBER");
      expectError(await steward.api.post(`/boards/${slug}/members`), 409, "ALREADY_MEMBER");
      expectError(await m.api.post(`/boards/${uniqueSlug("nope")}/members`), 404, "NOT_FOUND");
      expectError(await h.api.post(`/boards/${slug}/members`), 401, "UNAUTHENTICATED");
      expect((await h.api.get(`/boards/${slug}`)).body.memberCount).toBe(2);
    });

    it("a members-only board is hidden from outsiders and anonymous readers, visible to its members", async () => {
      const { slug, steward } = await newBoard(h.api, { visibility: "members" });
      const outsider = await newMember(h.api);
      const anonList = await h.api.get("/boards");
      expect(anonList.body.items.map((b: any) => b.slug)).not.toContain(slug);
      expect((await outsider.api.get("/boards")).body.items.map((b: any) => b.slug)).not.toContain(slug);
      const mine = await steward.api.get("/boards");
      expect(mine.body.items).toContainEqual(expect.objectContaining({ slug, visibility: "members", memberCount: 1 }));
      // Its existence is not public either: 404 on read, join, signals and events.
      expectError(await h.api.get(`/boards/${slug}`), 404, "NOT_FOUND");
      expectError(await outsider.api.get(`/boards/${slug}`), 404, "NOT_FOUND");
      expectError(await outsider.api.post(`/boards/${slug}/members`), 404, "NOT_FOUND");
      expectError(await outsider.api.get(`/boards/${slug}/signals`), 404, "NOT_FOUND");
      expectError(await h.api.get(`/boards/${slug}/events`), 404, "NOT_FOUND");
      expect((await steward.api.get(`/boards/${slug}`)).body.myRole).toBe("steward");
      expectStatus(await steward.api.get(`/boards/${slug}/signals`), 200);
    });

    it("a signal on a members-only board is hidden from outsiders by id too", async () => {
      const { slug, steward, spec } = await newBoard(h.api, { visibility: "members" });
      const s = await steward.api.post(`/boards/${slug}/signals`, { kind: "need", resourceSpecId: spec.id, quantity: 3 });
      expectStatus(s, 201);
      const outsider = await newMember(h.api);
      expectError(await h.api.get(`/signals/${s.body.id}`), 404, "NOT_FOUND");
      expectError(await outsider.api.get(`/signals/${s.body.id}`), 404, "NOT_FOUND");
      expectError(await outsider.api.post(`/signals/${s.body.id}/claims`, { quantity: 1 }), 404, "NOT_FOUND");
      expectStatus(await steward.api.get(`/signals/${s.body.id}`), 200);
    });
  });

  describe("resource specifications", () => {
    it("POST /resource-specs: 201 with every field; GET lists it", async () => {
      const m = await newMember(h.api);
      const name = `Face shield ${uniqueSlug("fs")}`;
      const r = await m.api.post("/resource-specs", {
        name,
        unit: "each",
        category: "PPE",
        designUrl: "https://example.org/designs/face-shield-v3",
        licence: "CERN-OHL-S-2.0",
        divisible: false,
      });
      expectStatus(r, 201);
      expect(r.body).toEqual({
        id: expect.any(String),
        name,
        unit: "each",
        divisible: false,
        category: "PPE",
        designUrl: "https://example.org/designs/face-shield-v3",
        licence: "CERN-OHL-S-2.0",
      });
      const list = await h.api.get("/resource-specs");
      expectStatus(list, 200);
      expect(list.body.items).toContainEqual(r.body);
    });

    it("GET /resource-specs?q= filters case-insensitively on the name", async () => {
      const m = await newMember(h.api);
      const tag = uniqueSlug("zq").replace(/-/g, "");
      const a = await m.api.post("/resource-specs", { name: `PETG filament ${tag}`, unit: "kg" });
      const b = await m.api.post("/resource-specs", { name: `CNC router hours ${tag}`, unit: "h" });
      const hit = await h.api.get(`/resource-specs?q=${encodeURIComponent(`petg FILAMENT ${tag.toUpperCase()}`)}`);
      expectStatus(hit, 200);
      expect(hit.body.items.map((s: any) => s.id)).toEqual([a.body.id]);
      const both = await h.api.get(`/resource-specs?q=${tag.toUpperCase()}`);
      expect(both.body.items.map((s: any) => s.id).sort()).toEqual([a.body.id, b.body.id].sort());
      const none = await h.api.get(`/resource-specs?q=${tag}-nothing-like-it`);
      expect(none.body.items).toEqual([]);
    });

    it("GET /resource-specs?q= is a literal search: % and _ are not wildcards", async () => {
      const m = await newMember(h.api);
      const tag = uniqueSlug("lit").replace(/-/g, "");
      const pct = await m.api.post("/resource-specs", { name: `Cotton 100%${tag}`, unit: "m" });
      await m.api.post("/resource-specs", { name: `Cotton 1000${tag}`, unit: "m" });
      const r = await h.api.get(`/resource-specs?q=${encodeURIComponent(`0%${tag}`)}`);
      expect(r.body.items.map((s: any) => s.id)).toEqual([pct.body.id]);
      const all = (await h.api.get("/resource-specs")).body.items;
      const withUnderscore = all.filter((s: any) => s.name.includes("_") || (s.category ?? "").includes("_"));
      expect((await h.api.get("/resource-specs?q=_")).body.items).toEqual(withUnderscore);
    });

    it("POST /resource-specs: 400 on a bad designUrl, missing unit or name; 401 anonymous", async () => {
      const m = await newMember(h.api);
      for (const designUrl of ["javascript:alert(1)", "not a url", "ftp://example.org/x", "data:text/html,hi"]) {
        expectError(await m.api.post("/resource-specs", { name: "X", unit: "each", designUrl }), 400, "VALIDATION_FAILED", ["designUrl"]);
      }
      expectError(await m.api.post("/resource-specs", { name: "X" }), 400, "VALIDATION_FAILED", ["unit"]);
      expectError(await m.api.post("/resource-specs", { unit: "each" }), 400, "VALIDATION_FAILED", ["name"]);
      expectError(await h.api.post("/resource-specs", { name: "X", unit: "each" }), 401, "UNAUTHENTICATED");
    });
  });
});
