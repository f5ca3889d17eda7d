-- AlterTable
ALTER TABLE "resource_specs" ADD COLUMN     "divisible" BOOLEAN NOT NULL DEFAULT false;

-- Existing specifications were all treated as divisible; from now on a counted unit takes whole numbers
-- only. Say which of them measure (the same list as server/domain/units.ts, ADR 012): the rest count.
UPDATE "resource_specs"
   SET "divisible" = true
 WHERE rtrim(split_part(lower(btrim("unit")), ' ', 1), '.') IN (
   'mg', 'g', 'gram', 'grams', 'kg', 'kilo', 'kilos', 'kilogram', 'kilograms', 't', 'tonne',
   'tonnes', 'ton', 'tons', 'lb', 'lbs', 'pound', 'pounds', 'oz', 'ounce', 'ounces', 'mm', 'cm',
   'm', 'km', 'metre', 'metres', 'meter', 'meters', 'inch', 'inches', 'ft', 'foot', 'feet', 'yd',
   'yard', 'yards', 'm2', 'm²', 'sqm', 'cm2', 'cm²', 'ft2', 'ft²', 'm3', 'm³', 'cm3', 'cm³', 'ml',
   'cl', 'dl', 'l', 'litre', 'litres', 'liter', 'liters', 'gal', 'gallon', 'gallons', 'sec',
   'second', 'seconds', 'min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours',
   'day', 'days', 'week', 'weeks', 'wh', 'kwh', 'mwh'
 );
