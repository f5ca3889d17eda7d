// The query-string schemas in schemas.ts: inputs arrive as strings from URLSearchParams.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fromZodError } from "./errors";
import { boardJoinSchema, eventsQuerySchema, listSignalsQuerySchema } from "./schemas";

function badFields(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input).slice(0, 100)} to be rejected`);
  return Object.keys(fromZodError(r.error).fields ?? {}).sort();
}
const query = (qs: string) => Object.fromEntries(new URLSearchParams(qs));

describe("listSignalsQuerySchema", () => {
  it("applies defaults to an empty query", () => {
    expect(listSignalsQuerySchema.parse({})).toEqual({ sort: "intensity", limit: 50 });
  });

  it("parses a full query string", () => {
    const r = listSignalsQuerySchema.parse(
      query(`kind=need,order&status=open&resourceSpecId=123e4567-e89b-42d3-a456-426614174000&q=+shield+&near=52.52,13.40&radiusKm=25.5&sort=distance&limit=10&cursor=abc`),
    );
    expect(r).toEqual({
      kind: ["need", "order"],
      status: ["open"],
      resourceSpecId: "123e4567-e89b-42d3-a456-426614174000",
      q: "shield",
      near: { lat: 52.52, lng: 13.4 },
      radiusKm: 25.5,
      sort: "distance",
      limit: 10,
      cursor: "abc",
    });
  });

  it("treats empty parameters as absent and drops duplicate list entries", () => {
    expect(listSignalsQuerySchema.parse(query("kind=&status=&q=&near=&radiusKm=&limit=&sort="))).toEqual({ sort: "intensity", limit: 50 });
    expect(listSignalsQuerySchema.parse(query("kind=need,%20need,,stock")).kind).toEqual(["need", "stock"]);
  });

  it("rejects unknown kinds, statuses and sorts", () => {
    expect(badFields(listSignalsQuerySchema, query("kind=need,wants"))).toEqual(["kind"]);
    expect(badFields(listSignalsQuerySchema, query("kind=,"))).toEqual(["kind"]);
    expect(badFields(listSignalsQuerySchema, query("status=closed"))).toEqual(["status"]);
    expect(badFields(listSignalsQuerySchema, query("sort=price"))).toEqual(["sort"]);
  });

  it("rejects numbers that are not plain decimals or out of range", () => {
    for (const limit of ["0", "201", "1.5", "abc", "0x10", "1e2", "NaN", "Infinity", "-5"]) {
      expect(badFields(listSignalsQuerySchema, { limit }), limit).toEqual(["limit"]);
    }
    expect(listSignalsQuerySchema.parse({ limit: "200" }).limit).toBe(200);
    for (const radiusKm of ["0", "-1", "20000.5", "far"]) {
      expect(badFields(listSignalsQuerySchema, { near: "0,0", radiusKm }), radiusKm).toEqual(["radiusKm"]);
    }
  });

  it("needs near for a radius or a distance sort", () => {
    expect(badFields(listSignalsQuerySchema, query("radiusKm=10"))).toEqual(["near"]);
    expect(badFields(listSignalsQuerySchema, query("sort=distance"))).toEqual(["near"]);
    expect(badFields(listSignalsQuerySchema, query("near=91,0"))).toEqual(["near"]);
    expect(listSignalsQuerySchema.parse(query("near=1,2&sort=due")).near).toEqual({ lat: 1, lng: 2 });
  });

  it("bounds free text, ids and cursors", () => {
    expect(badFields(listSignalsQuerySchema, { q: "q".repeat(201) })).toEqual(["q"]);
    expect(badFields(listSignalsQuerySchema, { cursor: "c".repeat(501) })).toEqual(["cursor"]);
    expect(badFields(listSignalsQuerySchema, { resourceSpecId: "x".repeat(100_000) })).toEqual(["resourceSpecId"]);
    expect(badFields(listSignalsQuerySchema, { kind: "need,".repeat(100_000) })).toEqual(["kind"]);
  });
});

describe("eventsQuerySchema", () => {
  it("defaults to everything from the start, 500 at a time", () => {
    expect(eventsQuerySchema.parse({})).toEqual({ after: 0, limit: 500 });
    expect(eventsQuerySchema.parse(query("after=41&limit=1000"))).toEqual({ after: 41, limit: 1000 });
  });

  it("rejects negative, fractional and out-of-range numbers", () => {
    for (const after of ["-1", "1.5", "x", "2147483648"]) expect(badFields(eventsQuerySchema, { after }), after).toEqual(["after"]);
    for (const limit of ["0", "1001"]) expect(badFields(eventsQuerySchema, { limit }), limit).toEqual(["limit"]);
  });
});

describe("boardJoinSchema", () => {
  it("takes a slug and an optional sequence number", () => {
    expect(boardJoinSchema.parse({ slug: "commons" })).toEqual({ slug: "commons" });
    expect(boardJoinSchema.parse({ slug: "commons", afterSeq: 12 })).toEqual({ slug: "commons", afterSeq: 12 });
  });

  it("rejects bad slugs and sequence numbers", () => {
    expect(badFields(boardJoinSchema, { slug: "No Such" })).toEqual(["slug"]);
    expect(badFields(boardJoinSchema, { slug: 5 })).toEqual(["slug"]);
    for (const afterSeq of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, true, "3"]) {
      expect(badFields(boardJoinSchema, { slug: "commons", afterSeq }), String(afterSeq)).toEqual(["afterSeq"]);
    }
    expect(badFields(boardJoinSchema, "commons")).toEqual(["_root"]);
  });
});
