// What a quantity field says about its unit: counted units take whole numbers (step 1), measured ones
// any amount with up to 3 decimals. The same words in every form that asks for a quantity.
import { isDivisible, type UnitRule } from "@/server/domain/units";

/** The attributes of an <input type="number"> for a quantity of this unit (any amount while none is chosen). */
export function quantityInputProps(spec: UnitRule | undefined): { step: number | "any"; min: number; inputMode: "numeric" | "decimal" } {
  return !spec || isDivisible(spec) ? { step: "any", min: 0, inputMode: "decimal" } : { step: 1, min: 1, inputMode: "numeric" };
}

/** "In kg." or "In each, whole numbers." */
export function quantityHint(spec: UnitRule): string {
  return isDivisible(spec) ? `In ${spec.unit}.` : `In ${spec.unit}, whole numbers.`;
}
