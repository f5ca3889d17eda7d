// The demo's resource specifications: what the network makes, stocks and moves.
import type { DemoSpec } from "./types";

// ---------------------------------------------------------------------------------------------------
// Resource specifications (20)
// ---------------------------------------------------------------------------------------------------

const DESIGNS = "https://example.org/designs";

export const demoSpecs: DemoSpec[] = [
  // PPE
  {
    key: "face-shield-v3",
    name: "Face shield v3 (PETG headband, 0.5 mm PC visor)",
    unit: "each",
    divisible: false,
    category: "PPE",
    designUrl: `${DESIGNS}/face-shield-v3`,
    licence: "CERN-OHL-S-2.0",
  },
  {
    key: "face-shield-flatpack",
    name: "Face shield, laser-cut flat-pack",
    unit: "each",
    divisible: false,
    category: "PPE",
    designUrl: `${DESIGNS}/face-shield-flatpack`,
    licence: "CERN-OHL-S-2.0",
  },
  {
    key: "ear-saver",
    name: "Ear saver strap (printed, PETG or PLA)",
    unit: "each",
    divisible: false,
    category: "PPE",
    designUrl: `${DESIGNS}/ear-saver`,
    licence: "CC-BY-SA-4.0",
  },
  {
    key: "cotton-mask",
    name: "Cotton face mask, three layers, washable",
    unit: "each",
    divisible: false,
    category: "PPE",
    designUrl: `${DESIGNS}/cotton-mask-3-layer`,
    licence: "CC-BY-SA-4.0",
  },
  {
    key: "isolation-gown",
    name: "Isolation gown, reusable polyester, knit cuffs",
    unit: "each",
    divisible: false,
    category: "PPE",
    designUrl: `${DESIGNS}/isolation-gown`,
    licence: "CERN-OHL-S-2.0",
  },
  { key: "nitrile-gloves", name: "Nitrile examination gloves, size M", unit: "box of 100", divisible: false, category: "PPE" },
  {
    key: "hand-sanitiser",
    name: "Hand sanitiser, WHO formulation 1 (ethanol 80%)",
    unit: "litre",
    divisible: true,
    category: "PPE",
    designUrl: `${DESIGNS}/who-sanitiser-formulation-1`,
    licence: "CC-BY-4.0",
  },
  // Medical parts
  {
    key: "charlotte-valve",
    name: "Ventilator valve, Charlotte-style snorkel-mask adapter",
    unit: "each",
    divisible: false,
    category: "medical parts",
    designUrl: `${DESIGNS}/charlotte-valve-v2-1`,
    licence: "CERN-OHL-S-2.0",
  },
  {
    key: "intubation-box",
    name: "Intubation box, 6 mm clear acrylic",
    unit: "each",
    divisible: false,
    category: "medical parts",
    designUrl: `${DESIGNS}/intubation-box`,
    licence: "CERN-OHL-S-2.0",
  },
  // Materials
  { key: "petg-filament", name: "PETG filament 1.75 mm", unit: "kg", divisible: true, category: "material" },
  { key: "pla-filament", name: "PLA filament 1.75 mm", unit: "kg", divisible: true, category: "material" },
  { key: "pc-sheet", name: "Polycarbonate sheet 0.5 mm, A4", unit: "sheet", divisible: false, category: "material" },
  { key: "elastic-5mm", name: "Elastic band 5 mm, flat", unit: "m", divisible: true, category: "material" },
  { key: "cotton-fabric", name: "Cotton fabric, tightly woven, 150 cm wide", unit: "m", divisible: true, category: "material" },
  // Machine time
  { key: "cnc-hours", name: "CNC router hours", unit: "h", divisible: true, category: "machine time" },
  { key: "laser-hours", name: "Laser cutter hours", unit: "h", divisible: true, category: "machine time" },
  { key: "printer-hours", name: "3D printer hours (FDM)", unit: "h", divisible: true, category: "machine time" },
  { key: "sewing-hours", name: "Sewing machine hours (industrial lockstitch)", unit: "h", divisible: true, category: "machine time" },
  // Logistics
  { key: "van-run", name: "Delivery van run, within the city region", unit: "run", divisible: false, category: "logistics" },
  { key: "cargo-bike-run", name: "Cargo bike run, same day", unit: "run", divisible: false, category: "logistics" },
];
