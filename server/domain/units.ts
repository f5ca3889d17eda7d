// Whether a resource's unit can be split. Half a kilogram of filament or half an hour of CNC time is
// real; half a face shield is not. A resource specification says which (`divisible`), and counted
// quantities (signals, claims, partial releases) must then be whole numbers. When a specification does
// not say, its unit decides (ADR 012): a recognised measure of mass, length, area, volume, time or
// energy is divisible; anything else ("each", "run", "box of 100", "sheet") is counted, because the
// measures are a short, known list while the names of countable things are endless.
import { throwIfProblems, type FieldProblems } from "./errors";
import { toThousandths } from "./quantity";

/** Units that measure rather than count, lower-cased; matched against the unit's first word. */
const MEASURES = new Set([
  // mass
  "mg", "g", "gram", "grams", "kg", "kilo", "kilos", "kilogram", "kilograms", "t", "tonne", "tonnes", "ton", "tons",
  "lb", "lbs", "pound", "pounds", "oz", "ounce", "ounces",
  // length
  "mm", "cm", "m", "km", "metre", "metres", "meter", "meters", "inch", "inches", "ft", "foot", "feet", "yd", "yard", "yards",
  // area and volume
  "m2", "m²", "sqm", "cm2", "cm²", "ft2", "ft²", "m3", "m³", "cm3", "cm³",
  "ml", "cl", "dl", "l", "litre", "litres", "liter", "liters", "gal", "gallon", "gallons",
  // time
  "sec", "second", "seconds", "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour", "hours",
  "day", "days", "week", "weeks",
  // energy
  "wh", "kwh", "mwh",
]);

/** The divisibility a unit implies when its specification does not say: measures divide, the rest count. */
export function defaultDivisible(unit: string): boolean {
  const first = unit.trim().toLowerCase().split(/\s+/)[0] ?? "";
  return MEASURES.has(first.replace(/\.+$/, ""));
}

/** What a quantity rule needs to know about the resource it counts. */
export interface UnitRule {
  unit: string;
  /** Absent on specifications read from events written before the field existed: the unit decides. */
  divisible?: boolean | null;
}

export function isDivisible(spec: UnitRule): boolean {
  return spec.divisible ?? defaultDivisible(spec.unit);
}

/** True when q is a whole number at the stored precision (so 3.0004 from a client's float maths is 3). */
export function isWholeQuantity(q: number): boolean {
  return Number.isFinite(q) && toThousandths(q) % 1000 === 0;
}

/** The field message for a fractional quantity of a counted unit, shared by the API and the forms. */
export function wholeNumberProblem(unit: string): string {
  return `Must be a whole number: "${unit}" is counted, not measured`;
}

/** The problem with `q` on `field` when the unit is counted and q is not a whole number; {} otherwise. */
export function quantityUnitProblems(q: number, spec: UnitRule, field = "quantity"): FieldProblems {
  if (isDivisible(spec) || !Number.isFinite(q) || isWholeQuantity(q)) return {};
  return { [field]: [wholeNumberProblem(spec.unit)] };
}

/** Throws VALIDATION_FAILED on `field` when the unit is counted and q is not a whole number. */
export function checkQuantityForUnit(q: number, spec: UnitRule, field = "quantity"): void {
  throwIfProblems(quantityUnitProblems(q, spec, field));
}
