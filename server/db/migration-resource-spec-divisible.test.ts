// The migration that added `resource_specs.divisible` says which existing specifications measure rather
// than count. It must agree with the rule new specifications get (defaultDivisible), or a spec created
// before the migration would take different quantities than the same spec created after it.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, pgliteRunner } from "./apply-migrations";
import { defaultDivisible } from "../domain/units";

const REAL_MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");
const THIS_ONE = "_resource_spec_divisible";

let tmp: string | null = null;
afterEach(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
  tmp = null;
});

describe("migration resource_spec_divisible", () => {
  it("marks existing specifications divisible exactly when their unit is a measure", async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "divisible-migration-"));
    const all = (await readdir(REAL_MIGRATIONS)).filter((n) => /^\d+_/.test(n)).sort();
    const index = all.findIndex((n) => n.endsWith(THIS_ONE));
    expect(index, "the migration exists").toBeGreaterThan(0);
    const copy = async (names: string[]) => {
      for (const n of names) await cp(path.join(REAL_MIGRATIONS, n), path.join(tmp!, n), { recursive: true });
    };
    const db = new PGlite();
    await copy(all.slice(0, index));
    await applyMigrations(pgliteRunner(db), tmp);

    const units = ["each", "kg", "Kg", " litre ", "h", "hours", "m", "m²", "box of 100", "sheet", "run", "kg of PETG", "10 m roll", "pair", "kWh", "min."];
    for (const [i, unit] of units.entries()) {
      await db.query(`INSERT INTO resource_specs (id, name, unit) VALUES (gen_random_uuid(), $1, $2)`, [`spec ${i}`, unit]);
    }
    await copy([all[index]!]);
    await applyMigrations(pgliteRunner(db), tmp);

    const { rows } = await db.query<{ unit: string; divisible: boolean }>(`SELECT unit, divisible FROM resource_specs ORDER BY name`);
    const got = Object.fromEntries(rows.map((r) => [r.unit, r.divisible]));
    expect(got).toEqual(Object.fromEntries(units.map((u) => [u, defaultDivisible(u)])));
    expect(Object.values(got).filter(Boolean).length, "both kinds are present").toBeGreaterThan(3);
    await db.close();
  });
});
