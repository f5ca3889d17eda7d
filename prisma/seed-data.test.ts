import { describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  demoBoards,
  demoOrgs,
  demoSignals,
  demoSpecs,
  demoUsers,
  type DemoClaim,
  type DemoClaimState,
  type DemoSignal,
} from "./seed-data";
import { isRequestKind } from "../server/domain/signal-rules";
import { defaultDivisible } from "../server/domain/units";

const LIVE: ReadonlySet<DemoClaimState> = new Set(["claimed", "in_progress", "shipped", "delivered"]);
const ALL_STATES: DemoClaimState[] = ["claimed", "in_progress", "shipped", "delivered", "released", "lapsed"];
const NEXT: Record<DemoClaimState, DemoClaimState[]> = {
  claimed: ["in_progress", "shipped", "released", "lapsed"],
  in_progress: ["shipped"],
  shipped: ["delivered"],
  delivered: [],
  released: [],
  lapsed: [],
};
const CATEGORIES = new Set(["PPE", "material", "machine time", "logistics", "medical parts"]);
const CITY_CENTRES: Record<string, { lat: number; lng: number }> = {
  Berlin: { lat: 52.52, lng: 13.405 },
  Barcelona: { lat: 41.3874, lng: 2.1686 },
  Lyon: { lat: 45.764, lng: 4.8357 },
  Manchester: { lat: 53.4808, lng: -2.2426 },
  Milan: { lat: 45.4642, lng: 9.19 },
};

const stateOf = (c: DemoClaim): DemoClaimState => c.path.at(-1) ?? "claimed";
const users = new Map(demoUsers.map((u) => [u.key, u]));
const orgs = new Map(demoOrgs.map((o) => [o.key, o]));
const specs = new Map(demoSpecs.map((s) => [s.key, s]));
const boards = new Map(demoBoards.map((b) => [b.slug, b]));
const boardMembers = (slug: string) => {
  const b = boards.get(slug)!;
  return new Set([b.stewardKey, ...b.memberKeys]);
};
const orgMembers = (key: string) => {
  const o = orgs.get(key)!;
  return new Set([o.adminKey, ...o.memberKeys]);
};
const allClaims = demoSignals.flatMap((s) => (s.claims ?? []).map((c) => ({ signal: s, claim: c })));
const liveSum = (s: DemoSignal) =>
  (s.claims ?? []).filter((c) => LIVE.has(stateOf(c))).reduce((n, c) => n + c.quantity, 0);

function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function uniqueKeys(keys: string[]) {
  expect(new Set(keys).size, `duplicates in ${keys.join(",")}`).toBe(keys.length);
}

describe("seed data: people, organizations, boards, specs", () => {
  it("has a demo password", () => {
    expect(DEMO_PASSWORD).toBe("demo-password-2026");
  });

  it("has at least 8 users with unique keys and demo emails", () => {
    expect(demoUsers.length).toBeGreaterThanOrEqual(8);
    uniqueKeys(demoUsers.map((u) => u.key));
    uniqueKeys(demoUsers.map((u) => u.email.toLowerCase()));
    expect(demoUsers[0]).toMatchObject({ name: "Ada Okafor", email: "maker@demo.stigmergy.board" });
    const emails = demoUsers.map((u) => u.email);
    expect(emails).toContain("coordinator@demo.stigmergy.board");
    expect(emails).toContain("clinic@demo.stigmergy.board");
    for (const u of demoUsers) {
      expect(u.email).toMatch(/^[a-z0-9.-]+@demo\.stigmergy\.board$/);
      expect(u.name.trim().length).toBeGreaterThan(0);
    }
  });

  it("has at least 14 organizations in at least three real cities, with correct coordinates", () => {
    expect(demoOrgs.length).toBeGreaterThanOrEqual(14);
    uniqueKeys(demoOrgs.map((o) => o.key));
    uniqueKeys(demoOrgs.map((o) => o.name));
    const cities = new Set<string>();
    for (const o of demoOrgs) {
      expect(["makerspace", "microfactory", "clinic", "hub", "other"]).toContain(o.kind);
      expect(o.location.lat).toBeGreaterThanOrEqual(-90);
      expect(o.location.lat).toBeLessThanOrEqual(90);
      expect(o.location.lng).toBeGreaterThanOrEqual(-180);
      expect(o.location.lng).toBeLessThanOrEqual(180);
      const city = o.location.name.split(",").at(-1)!.trim();
      const centre = CITY_CENTRES[city];
      expect(centre, `${o.key}: unknown city ${city}`).toBeDefined();
      expect(distanceKm(o.location, centre), `${o.key} is not in ${city}`).toBeLessThan(15);
      cities.add(city);
      expect(users.has(o.adminKey), `${o.key} admin`).toBe(true);
      for (const m of o.memberKeys) expect(users.has(m), `${o.key} member ${m}`).toBe(true);
      expect(o.memberKeys).not.toContain(o.adminKey);
      uniqueKeys(o.memberKeys);
    }
    expect(cities.size).toBeGreaterThanOrEqual(3);
    const kinds = new Set(demoOrgs.map((o) => o.kind));
    for (const k of ["makerspace", "microfactory", "clinic", "hub", "other"]) expect(kinds.has(k as never)).toBe(true);
  });

  it("has the commons board with every user and a coalition board with most users", () => {
    uniqueKeys(demoBoards.map((b) => b.slug));
    for (const b of demoBoards) {
      expect(b.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(["public", "members"]).toContain(b.visibility);
      expect(users.has(b.stewardKey)).toBe(true);
      for (const m of b.memberKeys) expect(users.has(m), `${b.slug} member ${m}`).toBe(true);
      expect(b.memberKeys).not.toContain(b.stewardKey);
      uniqueKeys(b.memberKeys);
      expect(b.covenant.trim().length).toBeGreaterThan(0);
    }
    const commons = boards.get("commons")!;
    expect(commons).toMatchObject({ name: "Commons board", visibility: "public", licence: "CC-BY-SA-4.0" });
    const commonsMembers = boardMembers("commons");
    for (const u of demoUsers) expect(commonsMembers.has(u.key), `${u.key} in commons`).toBe(true);

    const coalition = boards.get("open-medical-makers")!;
    expect(coalition).toMatchObject({
      name: "Open Medical Makers Coalition",
      visibility: "public",
      licence: "CERN-OHL-S-2.0",
    });
    const sentences = coalition.covenant.split(/(?<=\.)\s+/).filter((s) => s.trim());
    expect(sentences.length).toBeGreaterThanOrEqual(4);
    expect(sentences.length).toBeLessThanOrEqual(6);
    expect(boardMembers("open-medical-makers").size).toBeGreaterThan(demoUsers.length / 2);
  });

  it("has at least 16 resource specs with units, known categories and placeholder design URLs", () => {
    expect(demoSpecs.length).toBeGreaterThanOrEqual(16);
    uniqueKeys(demoSpecs.map((s) => s.key));
    uniqueKeys(demoSpecs.map((s) => s.name));
    for (const s of demoSpecs) {
      expect(s.unit.trim().length).toBeGreaterThan(0);
      expect(CATEGORIES.has(s.category), `${s.key} category ${s.category}`).toBe(true);
      if (s.designUrl) {
        expect(s.designUrl).toMatch(/^https:\/\/example\.org\//);
        expect(s.licence, `${s.key} has a design but no licence`).toBeTruthy();
      }
    }
    const units = Object.fromEntries(demoSpecs.map((s) => [s.key, s.unit]));
    expect(units).toMatchObject({
      "face-shield-v3": "each",
      "petg-filament": "kg",
      "pla-filament": "kg",
      "ear-saver": "each",
      "cotton-mask": "each",
      "isolation-gown": "each",
      "charlotte-valve": "each",
      "cnc-hours": "h",
      "laser-hours": "h",
      "printer-hours": "h",
      "pc-sheet": "sheet",
      "elastic-5mm": "m",
      "nitrile-gloves": "box of 100",
      "hand-sanitiser": "litre",
      "sewing-hours": "h",
      "van-run": "run",
    });
    expect(new Set(demoSpecs.map((s) => s.category)).size).toBe(CATEGORIES.size);
    expect(demoSpecs.filter((s) => s.designUrl).length).toBeGreaterThanOrEqual(5);
  });
});

describe("seed data: signals", () => {
  it("has at least 44 signals with unique keys, on both boards", () => {
    expect(demoSignals.length).toBeGreaterThanOrEqual(44);
    uniqueKeys(demoSignals.map((s) => s.key));
    for (const b of demoBoards) expect(demoSignals.some((s) => s.board === b.slug), b.slug).toBe(true);
  });

  it("has every kind, needs most numerous, then capacity, stock, orders", () => {
    const count = (k: DemoSignal["kind"]) => demoSignals.filter((s) => s.kind === k).length;
    expect(count("order")).toBeGreaterThan(0);
    expect(count("need")).toBeGreaterThan(count("capacity"));
    expect(count("capacity")).toBeGreaterThan(count("stock"));
    expect(count("stock")).toBeGreaterThan(count("order"));
  });

  it("resolves every reference and respects board and organization membership", () => {
    for (const s of demoSignals) {
      expect(boards.has(s.board), `${s.key} board`).toBe(true);
      expect(specs.has(s.specKey), `${s.key} spec`).toBe(true);
      expect(users.has(s.ownerKey), `${s.key} owner`).toBe(true);
      expect(boardMembers(s.board).has(s.ownerKey), `${s.key}: owner not a member of ${s.board}`).toBe(true);
      if (s.orgKey) {
        expect(orgs.has(s.orgKey), `${s.key} org`).toBe(true);
        expect(orgMembers(s.orgKey).has(s.ownerKey), `${s.key}: owner not in ${s.orgKey}`).toBe(true);
      }
      expect(s.quantity).toBeGreaterThan(0);
      expect(s.title.trim().length).toBeGreaterThan(0);
      expect(s.title.length).toBeLessThanOrEqual(120);
    }
  });

  it("gives needs and orders due dates (overdue, within 48 h, weeks out) and offers availability windows", () => {
    const requests = demoSignals.filter((s) => isRequestKind(s.kind));
    const offers = demoSignals.filter((s) => !isRequestKind(s.kind));
    for (const s of requests) {
      expect(s.dueInHours, `${s.key} due`).toBeTypeOf("number");
      expect(s.dueInHours!, `${s.key}: due before it was created`).toBeGreaterThan(-s.ageHours);
      expect(s.availableFromHours).toBeUndefined();
      expect(s.availableUntilHours).toBeUndefined();
    }
    const dues = requests.filter((s) => !s.withdrawn).map((s) => s.dueInHours!);
    expect(dues.filter((d) => d < 0).length).toBeGreaterThanOrEqual(2);
    expect(dues.filter((d) => d >= 0 && d <= 48).length).toBeGreaterThanOrEqual(3);
    expect(dues.filter((d) => d >= 14 * 24).length).toBeGreaterThanOrEqual(2);
    for (const s of offers) {
      expect(s.dueInHours).toBeUndefined();
      expect(s.availableFromHours, `${s.key} from`).toBeTypeOf("number");
      expect(s.availableUntilHours, `${s.key} until`).toBeTypeOf("number");
      expect(s.availableUntilHours!).toBeGreaterThan(s.availableFromHours!);
      expect(s.availableFromHours!).toBeGreaterThanOrEqual(-s.ageHours);
      expect(s.availableUntilHours!, `${s.key}: window already over`).toBeGreaterThan(0);
    }
  });

  it("varies age from about an hour to several hundred hours, never older than 700", () => {
    const ages = demoSignals.map((s) => s.ageHours);
    for (const a of ages) {
      expect(a).toBeGreaterThanOrEqual(1);
      expect(a).toBeLessThan(700);
    }
    expect(Math.min(...ages)).toBeLessThanOrEqual(2);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(450);
    expect(ages.filter((a) => a >= 400).length).toBeGreaterThanOrEqual(3);
    expect(ages.filter((a) => a <= 24).length).toBeGreaterThanOrEqual(5);
  });

  it("has reinforcements by 1-4 board members other than the owner", () => {
    const reinforced = demoSignals.filter((s) => s.reinforcedBy?.length);
    expect(reinforced.length).toBeGreaterThanOrEqual(3);
    for (const s of reinforced) {
      const r = s.reinforcedBy!;
      expect(r.length).toBeGreaterThanOrEqual(1);
      expect(r.length).toBeLessThanOrEqual(4);
      uniqueKeys(r);
      for (const k of r) {
        expect(k, `${s.key} reinforced by its owner`).not.toBe(s.ownerKey);
        expect(boardMembers(s.board).has(k), `${s.key}: reinforcer ${k} not in ${s.board}`).toBe(true);
      }
    }
    expect(reinforced.some((s) => s.reinforcedBy!.length === 4)).toBe(true);
  });

  it("has exactly two withdrawn signals, without claims or reinforcements", () => {
    const withdrawn = demoSignals.filter((s) => s.withdrawn);
    expect(withdrawn.length).toBe(2);
    for (const s of withdrawn) {
      expect(s.claims ?? []).toEqual([]);
      expect(s.reinforcedBy ?? []).toEqual([]);
    }
  });
});

describe("seed data: claims", () => {
  it("has claims in every state, at least three each", () => {
    for (const state of ALL_STATES) {
      const n = allClaims.filter(({ claim }) => stateOf(claim) === state).length;
      expect(n, `claims in state ${state}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("uses only valid transition paths", () => {
    for (const { signal, claim } of allClaims) {
      let at: DemoClaimState = "claimed";
      for (const step of claim.path) {
        expect(NEXT[at], `${signal.key}/${claim.claimerKey}: ${at} -> ${step}`).toContain(step);
        at = step;
      }
      if (at === "delivered") expect([["in_progress", "shipped", "delivered"], ["shipped", "delivered"]]).toContainEqual(claim.path);
      if (at === "lapsed") expect(claim.path).toEqual(["lapsed"]);
    }
  });

  it("never lets an owner claim their own signal, and claimers are board members", () => {
    for (const { signal, claim } of allClaims) {
      expect(claim.claimerKey, `${signal.key} claimed by its owner`).not.toBe(signal.ownerKey);
      expect(users.has(claim.claimerKey)).toBe(true);
      expect(boardMembers(signal.board).has(claim.claimerKey), `${signal.key}: ${claim.claimerKey} not in ${signal.board}`).toBe(true);
      expect(claim.quantity).toBeGreaterThan(0);
      if (claim.orgKey) {
        expect(orgs.has(claim.orgKey), `${signal.key} claim org`).toBe(true);
        expect(orgMembers(claim.orgKey).has(claim.claimerKey), `${signal.key}: ${claim.claimerKey} not in ${claim.orgKey}`).toBe(true);
      }
      if (claim.promisedInHours !== undefined) {
        expect(claim.promisedInHours, `${signal.key}: promise before the signal existed`).toBeGreaterThan(-signal.ageHours);
      }
      if (stateOf(claim) === "lapsed") {
        expect(signal.ageHours, `${signal.key}: lapsed claim on a fresh signal`).toBeGreaterThanOrEqual(48);
        if (claim.promisedInHours !== undefined) expect(claim.promisedInHours).toBeLessThan(0);
      }
    }
  });

  it("keeps live claims within each signal's quantity; some full, many partial", () => {
    let full = 0;
    let partial = 0;
    for (const s of demoSignals) {
      const live = liveSum(s);
      expect(live, `${s.key}: live claims ${live} exceed ${s.quantity}`).toBeLessThanOrEqual(s.quantity);
      // Released and lapsed claims held their quantity until they moved, so the data must load whether the
      // runner applies each path right after its claim or creates every claim first: all claims together fit.
      const total = (s.claims ?? []).reduce((n, c) => n + c.quantity, 0);
      expect(total, `${s.key}: all claims together (${total}) exceed ${s.quantity}`).toBeLessThanOrEqual(s.quantity);
      if (live === s.quantity) full++;
      else if (live > 0) partial++;
    }
    expect(full).toBeGreaterThanOrEqual(3);
    expect(partial).toBeGreaterThan(full);
  });

  it("counts counted units in whole numbers: signals and claims alike", () => {
    for (const spec of demoSpecs) expect(spec.divisible, `${spec.key} (${spec.unit})`).toBe(defaultDivisible(spec.unit));
    for (const s of demoSignals) {
      const spec = demoSpecs.find((x) => x.key === s.specKey)!;
      if (spec.divisible) continue;
      expect(Number.isInteger(s.quantity), `${s.key}: ${s.quantity} ${spec.unit}`).toBe(true);
      for (const c of s.claims ?? []) expect(Number.isInteger(c.quantity), `${s.key}/${c.claimerKey}: ${c.quantity} ${spec.unit}`).toBe(true);
    }
    expect(demoSpecs.some((x) => x.divisible) && demoSpecs.some((x) => !x.divisible)).toBe(true);
  });

  it("has claims on every kind of signal", () => {
    for (const kind of ["need", "capacity", "stock", "order"] as const) {
      expect(demoSignals.some((s) => s.kind === kind && (s.claims?.length ?? 0) > 0), kind).toBe(true);
    }
  });
});
