// Demo data for Stigmergy Board.
//
// Pure data and types: no Prisma, no clock. Every time is an offset in hours relative to the "now" the
// seed runner passes in (negative = in the past). The runner creates everything through the app's real
// services, in this order: users -> organizations -> boards (+ members) -> resource specs -> signals ->
// reinforcements -> claims (+ transitions along `path`) -> withdrawals.
//
// The scenario is modelled on the 2020 maker response to the PPE shortage (face shields, ear savers,
// masks and gowns made by makerspaces for clinics), a regional network of fab labs sharing CNC, laser and
// printer hours, and a textile cooperative sharing fabric, elastic and sewing time between hubs.
// Cities: Berlin, Barcelona, Lyon, Manchester, Milan. All organizations and people are invented.
//
// Conventions the runner can rely on (checked by prisma/seed-data.test.ts):
// - DemoBoard.memberKeys does NOT repeat the steward; board membership = stewardKey + memberKeys.
// - DemoOrg.memberKeys does NOT repeat the admin; org membership = adminKey + memberKeys.
// - A claim's state is the last entry of `path`, or "claimed" when `path` is empty. Paths only use the
//   transitions claimed -> in_progress -> shipped -> delivered (in_progress may be skipped), and
//   claimed -> released / claimed -> lapsed.
// - ageHours: the signal was created and last refreshed `ageHours` ago. dueInHours, availableFromHours,
//   availableUntilHours and promisedInHours are relative to now; none of them lies before the signal's
//   creation (dueInHours > -ageHours). Overdue needs/orders therefore have a negative dueInHours.
// - The sum of a signal's live claims (every state but released/lapsed) never exceeds its quantity.
// - Withdrawn signals carry no claims and no reinforcements.

export const DEMO_PASSWORD = "demo-password-2026";

export interface DemoUser {
  key: string;
  name: string;
  /** Always @demo.stigmergy.board */
  email: string;
}

export interface DemoOrg {
  key: string;
  name: string;
  kind: "makerspace" | "microfactory" | "clinic" | "hub" | "other";
  location: { name: string; lat: number; lng: number };
  adminKey: string;
  /** Plain members, not repeating the admin. */
  memberKeys: string[];
}

export interface DemoBoard {
  slug: string;
  name: string;
  covenant: string;
  licence: string;
  visibility: "public" | "members";
  stewardKey: string;
  /** Plain members, not repeating the steward. */
  memberKeys: string[];
}

export interface DemoSpec {
  key: string;
  name: string;
  unit: string;
  /** Whether the unit can be split (kg, m, h, litre) or is counted (each, run, sheet, box). */
  divisible: boolean;
  category: string;
  designUrl?: string;
  licence?: string;
}

export type DemoClaimStep = "in_progress" | "shipped" | "delivered" | "released" | "lapsed";
export type DemoClaimState = "claimed" | DemoClaimStep;

export interface DemoClaim {
  claimerKey: string;
  orgKey?: string;
  quantity: number;
  /** Transitions applied after the claim is made; [] leaves it "claimed". */
  path: Array<DemoClaimStep>;
  note?: string;
  promisedInHours?: number;
}

export interface DemoSignal {
  key: string;
  board: string;
  kind: "need" | "capacity" | "stock" | "order";
  specKey: string;
  ownerKey: string;
  orgKey?: string;
  quantity: number;
  title: string;
  note?: string;
  dueInHours?: number;
  availableFromHours?: number;
  availableUntilHours?: number;
  /** Created and last refreshed this long ago: drives freshness/heat. */
  ageHours: number;
  reinforcedBy?: string[];
  claims?: DemoClaim[];
  withdrawn?: boolean;
}

const DOMAIN = "demo.stigmergy.board";

// ---------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------

export const demoUsers: DemoUser[] = [
  { key: "ada", name: "Ada Okafor", email: `maker@${DOMAIN}` },
  { key: "coordinator", name: "Lena Hoffmann", email: `coordinator@${DOMAIN}` },
  { key: "clinic", name: "Marta Puig", email: `clinic@${DOMAIN}` },
  { key: "jakob", name: "Jakob Nowak", email: `printfarm@${DOMAIN}` },
  { key: "tomas", name: "Tomás Ferrer", email: `fablab@${DOMAIN}` },
  { key: "nuria", name: "Núria Vidal", email: `sewing@${DOMAIN}` },
  { key: "chiara", name: "Chiara Bianchi", email: `textile@${DOMAIN}` },
  { key: "camille", name: "Camille Laurent", email: `microfactory@${DOMAIN}` },
  { key: "sophie", name: "Sophie Martin", email: `nurse@${DOMAIN}` },
  { key: "priya", name: "Priya Shah", email: `priya@${DOMAIN}` },
  { key: "kwame", name: "Kwame Mensah", email: `logistics@${DOMAIN}` },
  { key: "owen", name: "Owen Hughes", email: `practice@${DOMAIN}` },
  { key: "giulia", name: "Giulia Rossi", email: `giulia@${DOMAIN}` },
  { key: "luca", name: "Luca Moretti", email: `ambulatorio@${DOMAIN}` },
  { key: "noah", name: "Noah Fischer", email: `noah@${DOMAIN}` },
  { key: "elif", name: "Elif Demir", email: `elif@${DOMAIN}` },
];

// ---------------------------------------------------------------------------------------------------
// Organizations (16, in five cities)
// ---------------------------------------------------------------------------------------------------

export const demoOrgs: DemoOrg[] = [
  // Berlin
  {
    key: "kreuzberg-workshop",
    name: "Kreuzberg Open Workshop",
    kind: "makerspace",
    location: { name: "Kreuzberg, Berlin", lat: 52.4986, lng: 13.4103 },
    adminKey: "ada",
    memberKeys: ["elif", "jakob"],
  },
  {
    key: "spree-printfarm",
    name: "Spree Print Farm",
    kind: "microfactory",
    location: { name: "Friedrichshain, Berlin", lat: 52.5125, lng: 13.4536 },
    adminKey: "jakob",
    memberKeys: ["ada"],
  },
  {
    key: "berlin-hub",
    name: "Berlin Maker Relief Hub",
    kind: "hub",
    location: { name: "Moabit, Berlin", lat: 52.5262, lng: 13.3422 },
    adminKey: "coordinator",
    memberKeys: ["ada", "elif"],
  },
  {
    key: "wedding-praxis",
    name: "Praxisgemeinschaft Wedding",
    kind: "clinic",
    location: { name: "Wedding, Berlin", lat: 52.5487, lng: 13.3561 },
    adminKey: "noah",
    memberKeys: [],
  },
  // Barcelona
  {
    key: "raval-clinic",
    name: "Centre de Salut Comunitari del Raval",
    kind: "clinic",
    location: { name: "El Raval, Barcelona", lat: 41.3801, lng: 2.1685 },
    adminKey: "clinic",
    memberKeys: [],
  },
  {
    key: "poblenou-fablab",
    name: "Poblenou Fab Lab Comunitari",
    kind: "makerspace",
    location: { name: "Poblenou, Barcelona", lat: 41.4003, lng: 2.1988 },
    adminKey: "tomas",
    memberKeys: ["nuria"],
  },
  {
    key: "sants-taller",
    name: "Taller Cooperatiu de Sants",
    kind: "microfactory",
    location: { name: "Sants, Barcelona", lat: 41.3752, lng: 2.1334 },
    adminKey: "nuria",
    memberKeys: ["tomas"],
  },
  // Lyon
  {
    key: "gerland-microfab",
    name: "Microfabrique de Gerland",
    kind: "microfactory",
    location: { name: "Gerland, Lyon", lat: 45.7312, lng: 4.8321 },
    adminKey: "camille",
    memberKeys: [],
  },
  {
    key: "partdieu-fablab",
    name: "La Fabrique Commune Part-Dieu",
    kind: "makerspace",
    location: { name: "Part-Dieu, Lyon", lat: 45.7607, lng: 4.8583 },
    adminKey: "camille",
    memberKeys: ["sophie"],
  },
  {
    key: "guillotiere-sante",
    name: "Maison de Santé de la Guillotière",
    kind: "clinic",
    location: { name: "La Guillotière, Lyon", lat: 45.7538, lng: 4.8432 },
    adminKey: "sophie",
    memberKeys: [],
  },
  // Manchester
  {
    key: "ancoats-guild",
    name: "Ancoats Makers Guild",
    kind: "makerspace",
    location: { name: "Ancoats, Manchester", lat: 53.4842, lng: -2.2258 },
    adminKey: "priya",
    memberKeys: ["kwame"],
  },
  {
    key: "salford-depot",
    name: "Salford Mutual Aid Depot",
    kind: "hub",
    location: { name: "Salford, Manchester", lat: 53.4831, lng: -2.2934 },
    adminKey: "kwame",
    memberKeys: ["priya", "coordinator"],
  },
  {
    key: "levenshulme-health",
    name: "Levenshulme Community Health Centre",
    kind: "clinic",
    location: { name: "Levenshulme, Manchester", lat: 53.4437, lng: -2.1921 },
    adminKey: "owen",
    memberKeys: [],
  },
  // Milan
  {
    key: "navigli-textile",
    name: "Cooperativa Tessile dei Navigli",
    kind: "other",
    location: { name: "Navigli, Milan", lat: 45.4521, lng: 9.1763 },
    adminKey: "chiara",
    memberKeys: ["giulia"],
  },
  {
    key: "bovisa-officina",
    name: "Officina Digitale Bovisa",
    kind: "makerspace",
    location: { name: "Bovisa, Milan", lat: 45.5031, lng: 9.1592 },
    adminKey: "giulia",
    memberKeys: [],
  },
  {
    key: "isola-ambulatorio",
    name: "Ambulatorio Popolare Isola",
    kind: "clinic",
    location: { name: "Isola, Milan", lat: 45.4878, lng: 9.1889 },
    adminKey: "luca",
    memberKeys: [],
  },
];

// ---------------------------------------------------------------------------------------------------
// Boards
// ---------------------------------------------------------------------------------------------------

export const demoBoards: DemoBoard[] = [
  {
    slug: "commons",
    name: "Commons board",
    covenant:
      "Everything posted here is open for anyone to read. Post only what you truly need or can truly give, " +
      "claim only what you will do, and release a claim as soon as you cannot keep it. " +
      "Designs shared here are CC BY-SA 4.0 unless they say otherwise.",
    licence: "CC-BY-SA-4.0",
    visibility: "public",
    stewardKey: "ada",
    memberKeys: [
      "coordinator", "clinic", "jakob", "tomas", "nuria", "chiara", "camille", "sophie",
      "priya", "kwame", "owen", "giulia", "luca", "noah", "elif",
    ],
  },
  {
    slug: "open-medical-makers",
    name: "Open Medical Makers Coalition",
    covenant:
      "Every design we make or share is published openly under CERN-OHL-S-2.0, including our changes to it. " +
      "No medical part goes to a clinic until two members with relevant experience have reviewed its design " +
      "and test results, and that review is posted beside the design. " +
      "We claim only what we can make and deliver, report progress honestly, and release a claim the moment " +
      "we cannot keep it. " +
      "Clinics post what they need and confirm deliveries on the board, so the record stays true. " +
      "Plans and rules are adopted by consent: any member may object with reasons, and an objection is " +
      "worked through, not outvoted.",
    licence: "CERN-OHL-S-2.0",
    visibility: "public",
    stewardKey: "coordinator",
    // Everyone but noah and elif, who only use the commons board.
    memberKeys: [
      "ada", "clinic", "jakob", "tomas", "nuria", "chiara", "camille", "sophie",
      "priya", "kwame", "owen", "giulia", "luca",
    ],
  },
];

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

// ---------------------------------------------------------------------------------------------------
// Signals (needs > capacity > stock > orders), on both boards
// ---------------------------------------------------------------------------------------------------

const OMM = "open-medical-makers";
const COMMONS = "commons";

export const demoSignals: DemoSignal[] = [
  // ---- needs ----------------------------------------------------------------------------------------
  {
    key: "raval-face-shields",
    board: OMM,
    kind: "need",
    specKey: "face-shield-v3",
    ownerKey: "clinic",
    orgKey: "raval-clinic",
    quantity: 400,
    title: "Face shields for the Raval primary care and home-visit teams",
    note: "We see about 180 patients a day. Any reviewed v3 print is fine; please bag in tens.",
    dueInHours: 36,
    ageHours: 20,
    reinforcedBy: ["sophie", "owen"],
    claims: [
      { claimerKey: "tomas", orgKey: "poblenou-fablab", quantity: 150, path: ["in_progress", "shipped"], promisedInHours: 20, note: "Courier picked up this morning." },
      { claimerKey: "nuria", orgKey: "sants-taller", quantity: 100, path: [], promisedInHours: 30 },
      { claimerKey: "ada", orgKey: "kreuzberg-workshop", quantity: 50, path: ["released"], note: "Two printers down with clogged nozzles; releasing so someone closer can take it." },
    ],
  },
  {
    key: "guillotiere-gowns",
    board: OMM,
    kind: "need",
    specKey: "isolation-gown",
    ownerKey: "sophie",
    orgKey: "guillotiere-sante",
    quantity: 120,
    title: "Reusable isolation gowns for the respiratory consultation room",
    note: "Sizes M and L. Must survive 60 °C washing.",
    dueInHours: -10,
    ageHours: 190,
    reinforcedBy: ["clinic", "luca", "owen"],
    claims: [
      { claimerKey: "chiara", orgKey: "navigli-textile", quantity: 60, path: ["in_progress", "shipped", "delivered"], note: "60 gowns, washed and folded." },
      { claimerKey: "camille", orgKey: "gerland-microfab", quantity: 30, path: ["in_progress"], promisedInHours: 24, note: "Cutting done, sewing with volunteers tonight." },
    ],
  },
  {
    key: "levenshulme-valves",
    board: OMM,
    kind: "need",
    specKey: "charlotte-valve",
    ownerKey: "owen",
    orgKey: "levenshulme-health",
    quantity: 20,
    title: "Charlotte-style valves for snorkel-mask CPAP trial",
    note: "Only the v2.1 design that passed the coalition's safety review; print at 100% infill in PETG.",
    dueInHours: 18,
    ageHours: 6,
    reinforcedBy: ["sophie", "luca"],
    claims: [
      { claimerKey: "priya", orgKey: "ancoats-guild", quantity: 10, path: ["in_progress"], promisedInHours: 14 },
      { claimerKey: "jakob", orgKey: "spree-printfarm", quantity: 10, path: [], promisedInHours: 16, note: "Will leak-test each one before posting." },
    ],
  },
  {
    key: "isola-ear-savers",
    board: OMM,
    kind: "need",
    specKey: "ear-saver",
    ownerKey: "luca",
    orgKey: "isola-ambulatorio",
    quantity: 600,
    title: "Ear savers for staff on long mask shifts",
    dueInHours: 120,
    ageHours: 50,
    claims: [
      { claimerKey: "giulia", orgKey: "bovisa-officina", quantity: 300, path: ["shipped", "delivered"] },
      { claimerKey: "ada", orgKey: "kreuzberg-workshop", quantity: 150, path: ["lapsed"], promisedInHours: -10 },
      { claimerKey: "jakob", orgKey: "spree-printfarm", quantity: 150, path: [], promisedInHours: 72 },
    ],
  },
  {
    key: "raval-gloves",
    board: OMM,
    kind: "need",
    specKey: "nitrile-gloves",
    ownerKey: "clinic",
    orgKey: "raval-clinic",
    quantity: 80,
    title: "Nitrile gloves, size M: supplier delayed two weeks",
    dueInHours: 24,
    ageHours: 3,
    reinforcedBy: ["sophie"],
    claims: [
      { claimerKey: "coordinator", orgKey: "berlin-hub", quantity: 20, path: [], promisedInHours: 40, note: "From the hub's donated stock; sending with the next pallet south." },
    ],
  },
  {
    key: "guillotiere-masks",
    board: OMM,
    kind: "need",
    specKey: "cotton-mask",
    ownerKey: "sophie",
    orgKey: "guillotiere-sante",
    quantity: 500,
    title: "Washable cotton masks for patients in the waiting room",
    dueInHours: 240,
    ageHours: 72,
    claims: [
      { claimerKey: "chiara", orgKey: "navigli-textile", quantity: 200, path: ["in_progress"], promisedInHours: 120 },
      { claimerKey: "nuria", orgKey: "sants-taller", quantity: 150, path: [], promisedInHours: 200 },
    ],
  },
  {
    key: "levenshulme-face-shields",
    board: OMM,
    kind: "need",
    specKey: "face-shield-v3",
    ownerKey: "owen",
    orgKey: "levenshulme-health",
    quantity: 250,
    title: "Face shields for district nurses",
    dueInHours: -30,
    ageHours: 320,
    claims: [
      { claimerKey: "priya", orgKey: "ancoats-guild", quantity: 250, path: ["in_progress", "shipped", "delivered"], note: "Delivered by cargo bike in three drops." },
    ],
  },
  {
    key: "isola-sanitiser",
    board: OMM,
    kind: "need",
    specKey: "hand-sanitiser",
    ownerKey: "luca",
    orgKey: "isola-ambulatorio",
    quantity: 40,
    title: "Hand sanitiser for the reception and consulting rooms",
    note: "Refill bottles are fine; we have dispensers.",
    dueInHours: 60,
    ageHours: 10,
    reinforcedBy: ["owen", "clinic"],
  },
  {
    key: "poblenou-visor-sheets",
    board: OMM,
    kind: "need",
    specKey: "pc-sheet",
    ownerKey: "tomas",
    orgKey: "poblenou-fablab",
    quantity: 200,
    title: "Polycarbonate visor sheets for the next face shield batch",
    dueInHours: 72,
    ageHours: 14,
    claims: [
      { claimerKey: "coordinator", orgKey: "berlin-hub", quantity: 100, path: ["shipped"], note: "Tracking number in the hub log." },
    ],
  },
  {
    key: "spree-petg",
    board: OMM,
    kind: "need",
    specKey: "petg-filament",
    ownerKey: "jakob",
    orgKey: "spree-printfarm",
    quantity: 40,
    title: "PETG filament to keep 22 printers running through the week",
    dueInHours: 48,
    ageHours: 8,
    reinforcedBy: ["ada", "priya"],
    claims: [
      { claimerKey: "coordinator", orgKey: "berlin-hub", quantity: 15, path: [], promisedInHours: 24 },
      { claimerKey: "camille", orgKey: "gerland-microfab", quantity: 10, path: ["released"], note: "Our own spools are needed for the valve order." },
    ],
  },
  {
    key: "navigli-fabric",
    board: COMMONS,
    kind: "need",
    specKey: "cotton-fabric",
    ownerKey: "chiara",
    orgKey: "navigli-textile",
    quantity: 300,
    title: "Tightly woven cotton for the mask and gown lines",
    note: "Bedsheets in good condition are welcome too; no stretch fabrics.",
    dueInHours: 336,
    ageHours: 100,
    reinforcedBy: ["nuria"],
    claims: [
      { claimerKey: "nuria", orgKey: "sants-taller", quantity: 80, path: ["in_progress"], promisedInHours: 96, note: "Collecting donated sheets in Sants." },
    ],
  },
  {
    key: "kreuzberg-laser-time",
    board: COMMONS,
    kind: "need",
    specKey: "laser-hours",
    ownerKey: "elif",
    quantity: 6,
    title: "Laser time to cut flat-pack face shield frames",
    dueInHours: 96,
    ageHours: 30,
    claims: [
      { claimerKey: "ada", orgKey: "kreuzberg-workshop", quantity: 3, path: [], promisedInHours: 48, note: "Thursday evening slot on the workshop laser." },
    ],
  },
  {
    key: "berlin-hub-van-runs",
    board: COMMONS,
    kind: "need",
    specKey: "van-run",
    ownerKey: "coordinator",
    orgKey: "berlin-hub",
    quantity: 4,
    title: "Van runs from the Moabit hub to clinics in Wedding and Neukölln",
    dueInHours: 30,
    ageHours: 5,
    claims: [
      { claimerKey: "elif", quantity: 2, path: ["in_progress"], promisedInHours: 8, note: "Loading now." },
      { claimerKey: "ada", quantity: 1, path: ["released"], note: "Borrowed van fell through." },
    ],
  },
  {
    key: "navigli-elastic",
    board: COMMONS,
    kind: "need",
    specKey: "elastic-5mm",
    ownerKey: "chiara",
    orgKey: "navigli-textile",
    quantity: 800,
    title: "5 mm elastic for mask ear loops",
    dueInHours: 168,
    ageHours: 240,
    claims: [
      { claimerKey: "giulia", orgKey: "bovisa-officina", quantity: 200, path: ["shipped", "delivered"] },
    ],
  },
  {
    key: "raval-intubation-boxes",
    board: OMM,
    kind: "need",
    specKey: "intubation-box",
    ownerKey: "clinic",
    orgKey: "raval-clinic",
    quantity: 4,
    title: "Intubation boxes, pending the coalition's safety review",
    note: "Please do not start until the review of the revised design is posted.",
    dueInHours: 400,
    ageHours: 400,
    reinforcedBy: ["sophie", "luca", "owen", "giulia"],
    claims: [
      { claimerKey: "tomas", orgKey: "poblenou-fablab", quantity: 2, path: ["lapsed"], promisedInHours: -200 },
    ],
  },
  {
    key: "wedding-ear-savers",
    board: COMMONS,
    kind: "need",
    specKey: "ear-saver",
    ownerKey: "noah",
    orgKey: "wedding-praxis",
    quantity: 150,
    title: "Ear savers for the practice team",
    dueInHours: 12,
    ageHours: 2,
    reinforcedBy: ["coordinator"],
    claims: [
      { claimerKey: "jakob", orgKey: "spree-printfarm", quantity: 100, path: ["in_progress"], promisedInHours: 10 },
      { claimerKey: "elif", quantity: 50, path: [], promisedInHours: 12 },
    ],
  },
  {
    key: "levenshulme-masks",
    board: OMM,
    kind: "need",
    specKey: "cotton-mask",
    ownerKey: "owen",
    orgKey: "levenshulme-health",
    quantity: 300,
    title: "Cotton masks for patients arriving without one",
    dueInHours: -48,
    ageHours: 500,
    claims: [
      { claimerKey: "priya", orgKey: "ancoats-guild", quantity: 100, path: ["lapsed"], promisedInHours: -300 },
    ],
  },
  {
    key: "isola-face-shields",
    board: OMM,
    kind: "need",
    specKey: "face-shield-v3",
    ownerKey: "luca",
    orgKey: "isola-ambulatorio",
    quantity: 300,
    title: "Face shields for the autumn vaccination clinics",
    dueInHours: 600,
    ageHours: 1,
    reinforcedBy: ["clinic", "sophie", "owen"],
  },
  {
    key: "kreuzberg-pla",
    board: COMMONS,
    kind: "need",
    specKey: "pla-filament",
    ownerKey: "elif",
    quantity: 5,
    title: "PLA for ear savers printed at home",
    dueInHours: 200,
    ageHours: 150,
    claims: [
      { claimerKey: "jakob", orgKey: "spree-printfarm", quantity: 5, path: ["shipped", "delivered"], note: "Left at the workshop front desk." },
    ],
  },
  {
    key: "levenshulme-gowns",
    board: OMM,
    kind: "need",
    specKey: "isolation-gown",
    ownerKey: "owen",
    orgKey: "levenshulme-health",
    quantity: 200,
    title: "Isolation gowns for the respiratory hub",
    note: "Withdrawn: the regional supply resumed.",
    dueInHours: 500,
    ageHours: 60,
    withdrawn: true,
  },

  // ---- capacity -------------------------------------------------------------------------------------
  {
    key: "spree-printer-hours",
    board: OMM,
    kind: "capacity",
    specKey: "printer-hours",
    ownerKey: "jakob",
    orgKey: "spree-printfarm",
    quantity: 300,
    title: "Print farm hours: 22 FDM printers, PETG on hand",
    note: "Booked in 4-hour blocks. We print reviewed designs only.",
    availableFromHours: -24,
    availableUntilHours: 168,
    ageHours: 24,
    claims: [
      { claimerKey: "ada", orgKey: "kreuzberg-workshop", quantity: 40, path: ["in_progress"], note: "Ear saver run for Isola." },
      { claimerKey: "giulia", orgKey: "bovisa-officina", quantity: 60, path: [], promisedInHours: 48 },
      { claimerKey: "coordinator", orgKey: "berlin-hub", quantity: 40, path: ["in_progress", "shipped", "delivered"], note: "Face shield headbands for the hub order." },
    ],
  },
  {
    key: "poblenou-cnc",
    board: COMMONS,
    kind: "capacity",
    specKey: "cnc-hours",
    ownerKey: "tomas",
    orgKey: "poblenou-fablab",
    quantity: 40,
    title: "CNC router, 2.4 × 1.2 m bed: plywood, MDF and HDPE",
    availableFromHours: 0,
    availableUntilHours: 336,
    ageHours: 48,
    claims: [
      { claimerKey: "nuria", orgKey: "sants-taller", quantity: 8, path: ["in_progress"], note: "Cutting tables for the sewing line." },
      { claimerKey: "camille", orgKey: "gerland-microfab", quantity: 6, path: ["released"] },
    ],
  },
  {
    key: "gerland-cnc",
    board: COMMONS,
    kind: "capacity",
    specKey: "cnc-hours",
    ownerKey: "camille",
    orgKey: "gerland-microfab",
    quantity: 60,
    title: "CNC router hours at Gerland, weekdays 8–18",
    availableFromHours: 24,
    availableUntilHours: 600,
    ageHours: 96,
    claims: [
      { claimerKey: "giulia", orgKey: "bovisa-officina", quantity: 10, path: [], promisedInHours: 72 },
      { claimerKey: "ada", orgKey: "kreuzberg-workshop", quantity: 12, path: ["lapsed"] },
    ],
  },
  {
    key: "bovisa-laser",
    board: COMMONS,
    kind: "capacity",
    specKey: "laser-hours",
    ownerKey: "giulia",
    orgKey: "bovisa-officina",
    quantity: 30,
    title: "CO₂ laser, 100 W, 1300 × 900 mm",
    availableFromHours: -48,
    availableUntilHours: 120,
    ageHours: 120,
    claims: [
      { claimerKey: "chiara", orgKey: "navigli-textile", quantity: 10, path: ["in_progress", "shipped", "delivered"], note: "Cut gown and mask pattern templates." },
    ],
  },
  {
    key: "navigli-sewing",
    board: OMM,
    kind: "capacity",
    specKey: "sewing-hours",
    ownerKey: "chiara",
    orgKey: "navigli-textile",
    quantity: 200,
    title: "Sewing line hours: 8 industrial machines, cooperative members",
    availableFromHours: -72,
    availableUntilHours: 240,
    ageHours: 72,
    claims: [
      { claimerKey: "sophie", orgKey: "guillotiere-sante", quantity: 80, path: ["in_progress"], note: "Gowns for Guillotière." },
      { claimerKey: "luca", orgKey: "isola-ambulatorio", quantity: 40, path: [], promisedInHours: 96 },
    ],
  },
  {
    key: "sants-sewing",
    board: OMM,
    kind: "capacity",
    specKey: "sewing-hours",
    ownerKey: "nuria",
    orgKey: "sants-taller",
    quantity: 120,
    title: "Sewing hours at the Sants cooperative workshop",
    availableFromHours: 0,
    availableUntilHours: 336,
    ageHours: 30,
    claims: [
      { claimerKey: "clinic", orgKey: "raval-clinic", quantity: 60, path: ["in_progress", "shipped"], note: "Masks for the Raval waiting room." },
    ],
  },
  {
    key: "ancoats-printers",
    board: OMM,
    kind: "capacity",
    specKey: "printer-hours",
    ownerKey: "priya",
    orgKey: "ancoats-guild",
    quantity: 150,
    title: "Guild printer hours, PETG and PLA",
    availableFromHours: -12,
    availableUntilHours: 96,
    ageHours: 12,
    claims: [
      { claimerKey: "owen", orgKey: "levenshulme-health", quantity: 50, path: ["in_progress"] },
      { claimerKey: "kwame", orgKey: "salford-depot", quantity: 30, path: ["released"] },
    ],
  },
  {
    key: "salford-van",
    board: COMMONS,
    kind: "capacity",
    specKey: "van-run",
    ownerKey: "kwame",
    orgKey: "salford-depot",
    quantity: 10,
    title: "Depot van runs across Greater Manchester",
    availableFromHours: 0,
    availableUntilHours: 168,
    ageHours: 4,
    claims: [
      { claimerKey: "priya", orgKey: "ancoats-guild", quantity: 3, path: ["in_progress", "shipped", "delivered"] },
      { claimerKey: "owen", orgKey: "levenshulme-health", quantity: 2, path: [], promisedInHours: 24 },
    ],
  },
  {
    key: "kreuzberg-laser",
    board: COMMONS,
    kind: "capacity",
    specKey: "laser-hours",
    ownerKey: "ada",
    orgKey: "kreuzberg-workshop",
    quantity: 20,
    title: "Workshop laser cutter, evenings and weekends",
    availableFromHours: 12,
    availableUntilHours: 200,
    ageHours: 16,
    claims: [
      { claimerKey: "elif", quantity: 4, path: [], promisedInHours: 60 },
    ],
  },
  {
    key: "bovisa-printers",
    board: OMM,
    kind: "capacity",
    specKey: "printer-hours",
    ownerKey: "giulia",
    orgKey: "bovisa-officina",
    quantity: 100,
    title: "Officina printer hours, ten machines",
    availableFromHours: -200,
    availableUntilHours: 50,
    ageHours: 450,
    claims: [
      { claimerKey: "luca", orgKey: "isola-ambulatorio", quantity: 20, path: ["lapsed"] },
    ],
  },
  {
    key: "ancoats-cnc",
    board: COMMONS,
    kind: "capacity",
    specKey: "cnc-hours",
    ownerKey: "priya",
    orgKey: "ancoats-guild",
    quantity: 24,
    title: "Small-format CNC, aluminium and acrylic",
    availableFromHours: 0,
    availableUntilHours: 480,
    ageHours: 600,
  },
  {
    key: "gerland-printers",
    board: OMM,
    kind: "capacity",
    specKey: "printer-hours",
    ownerKey: "camille",
    orgKey: "gerland-microfab",
    quantity: 80,
    title: "Printer hours for reviewed medical parts",
    availableFromHours: 0,
    availableUntilHours: 300,
    ageHours: 200,
    claims: [
      { claimerKey: "sophie", orgKey: "guillotiere-sante", quantity: 30, path: ["shipped", "delivered"] },
    ],
  },
  {
    key: "poblenou-laser",
    board: COMMONS,
    kind: "capacity",
    specKey: "laser-hours",
    ownerKey: "tomas",
    orgKey: "poblenou-fablab",
    quantity: 15,
    title: "Laser cutter hours at Poblenou",
    note: "Withdrawn: the laser tube failed; replacement on order.",
    availableFromHours: 0,
    availableUntilHours: 240,
    ageHours: 80,
    withdrawn: true,
  },

  // ---- stock ----------------------------------------------------------------------------------------
  {
    key: "berlin-hub-face-shields",
    board: OMM,
    kind: "stock",
    specKey: "face-shield-v3",
    ownerKey: "coordinator",
    orgKey: "berlin-hub",
    quantity: 350,
    title: "Finished face shields at the Berlin hub, sanitised and bagged",
    availableFromHours: -60,
    availableUntilHours: 336,
    ageHours: 60,
    claims: [
      { claimerKey: "clinic", orgKey: "raval-clinic", quantity: 100, path: ["in_progress", "shipped"] },
      { claimerKey: "owen", orgKey: "levenshulme-health", quantity: 100, path: ["shipped", "delivered"] },
      { claimerKey: "sophie", orgKey: "guillotiere-sante", quantity: 50, path: [], promisedInHours: 48 },
    ],
  },
  {
    key: "spree-petg-stock",
    board: COMMONS,
    kind: "stock",
    specKey: "petg-filament",
    ownerKey: "jakob",
    orgKey: "spree-printfarm",
    quantity: 60,
    title: "PETG filament, sealed 1 kg spools",
    availableFromHours: 0,
    availableUntilHours: 500,
    ageHours: 96,
    claims: [
      { claimerKey: "ada", orgKey: "kreuzberg-workshop", quantity: 10, path: ["in_progress", "shipped", "delivered"] },
      { claimerKey: "elif", quantity: 5, path: [], promisedInHours: 24 },
      { claimerKey: "priya", orgKey: "ancoats-guild", quantity: 10, path: ["lapsed"] },
    ],
  },
  {
    key: "salford-pc-sheets",
    board: OMM,
    kind: "stock",
    specKey: "pc-sheet",
    ownerKey: "kwame",
    orgKey: "salford-depot",
    quantity: 500,
    title: "Donated polycarbonate visor sheets at the Salford depot",
    availableFromHours: -24,
    availableUntilHours: 700,
    ageHours: 90,
    claims: [
      { claimerKey: "priya", orgKey: "ancoats-guild", quantity: 200, path: ["in_progress"] },
      { claimerKey: "tomas", orgKey: "poblenou-fablab", quantity: 100, path: ["released"], note: "Found sheets closer to home." },
    ],
  },
  {
    key: "navigli-elastic-stock",
    board: COMMONS,
    kind: "stock",
    specKey: "elastic-5mm",
    ownerKey: "chiara",
    orgKey: "navigli-textile",
    quantity: 2000,
    title: "5 mm elastic on rolls, surplus from the mask line",
    availableFromHours: -100,
    availableUntilHours: 400,
    ageHours: 130,
    claims: [
      { claimerKey: "nuria", orgKey: "sants-taller", quantity: 500, path: ["shipped"] },
      { claimerKey: "sophie", orgKey: "guillotiere-sante", quantity: 300, path: [], promisedInHours: 72 },
    ],
  },
  {
    key: "berlin-hub-gloves",
    board: OMM,
    kind: "stock",
    specKey: "nitrile-gloves",
    ownerKey: "coordinator",
    orgKey: "berlin-hub",
    quantity: 40,
    title: "Donated nitrile gloves, size M, in date",
    availableFromHours: 0,
    availableUntilHours: 96,
    ageHours: 18,
    claims: [
      { claimerKey: "sophie", orgKey: "guillotiere-sante", quantity: 10, path: ["in_progress", "shipped", "delivered"] },
      { claimerKey: "luca", orgKey: "isola-ambulatorio", quantity: 10, path: ["released"], note: "A local supplier delivered after all." },
    ],
  },
  {
    key: "ancoats-pla-stock",
    board: COMMONS,
    kind: "stock",
    specKey: "pla-filament",
    ownerKey: "priya",
    orgKey: "ancoats-guild",
    quantity: 25,
    title: "PLA filament, mixed colours",
    availableFromHours: -200,
    availableUntilHours: 300,
    ageHours: 250,
  },
  {
    key: "sants-masks-stock",
    board: OMM,
    kind: "stock",
    specKey: "cotton-mask",
    ownerKey: "nuria",
    orgKey: "sants-taller",
    quantity: 400,
    title: "Finished cotton masks, washed and packed in fives",
    availableFromHours: 0,
    availableUntilHours: 240,
    ageHours: 40,
    claims: [
      { claimerKey: "clinic", orgKey: "raval-clinic", quantity: 200, path: ["shipped", "delivered"] },
      { claimerKey: "luca", orgKey: "isola-ambulatorio", quantity: 100, path: ["in_progress"] },
    ],
  },
  {
    key: "levenshulme-sanitiser",
    board: COMMONS,
    kind: "stock",
    specKey: "hand-sanitiser",
    ownerKey: "owen",
    orgKey: "levenshulme-health",
    quantity: 60,
    title: "Surplus hand sanitiser from a pharmacy donation",
    availableFromHours: -300,
    availableUntilHours: 100,
    ageHours: 300,
    claims: [
      { claimerKey: "priya", orgKey: "ancoats-guild", quantity: 10, path: ["shipped", "delivered"] },
      { claimerKey: "kwame", orgKey: "salford-depot", quantity: 10, path: [], promisedInHours: 12 },
    ],
  },

  // ---- orders ---------------------------------------------------------------------------------------
  {
    key: "berlin-hub-shield-order",
    board: OMM,
    kind: "order",
    specKey: "face-shield-v3",
    ownerKey: "coordinator",
    orgKey: "berlin-hub",
    quantity: 500,
    title: "Firm order: 500 face shields for the hub's clinic round",
    dueInHours: 72,
    ageHours: 30,
    claims: [
      { claimerKey: "jakob", orgKey: "spree-printfarm", quantity: 300, path: ["in_progress"], promisedInHours: 60 },
      { claimerKey: "ada", orgKey: "kreuzberg-workshop", quantity: 200, path: ["in_progress", "shipped"], promisedInHours: 24 },
    ],
  },
  {
    key: "isola-gown-order",
    board: OMM,
    kind: "order",
    specKey: "isolation-gown",
    ownerKey: "luca",
    orgKey: "isola-ambulatorio",
    quantity: 150,
    title: "Isolation gowns for the reopening of the day clinic",
    dueInHours: 24,
    ageHours: 40,
    claims: [
      { claimerKey: "chiara", orgKey: "navigli-textile", quantity: 100, path: ["in_progress", "shipped"] },
      { claimerKey: "nuria", orgKey: "sants-taller", quantity: 50, path: [], promisedInHours: 20 },
    ],
  },
  {
    key: "guillotiere-valve-order",
    board: OMM,
    kind: "order",
    specKey: "charlotte-valve",
    ownerKey: "sophie",
    orgKey: "guillotiere-sante",
    quantity: 12,
    title: "Reviewed Charlotte-style valves for the respiratory team",
    dueInHours: -5,
    ageHours: 160,
    claims: [
      { claimerKey: "camille", orgKey: "gerland-microfab", quantity: 12, path: ["in_progress", "shipped", "delivered"], note: "Each valve pressure-tested; test sheet attached to the parcel." },
    ],
  },
  {
    key: "wedding-ear-saver-order",
    board: COMMONS,
    kind: "order",
    specKey: "ear-saver",
    ownerKey: "noah",
    orgKey: "wedding-praxis",
    quantity: 300,
    title: "Ear savers for the three practices in the Wedding network",
    dueInHours: 504,
    ageHours: 12,
    claims: [
      { claimerKey: "elif", quantity: 100, path: [], promisedInHours: 240 },
      { claimerKey: "jakob", orgKey: "spree-printfarm", quantity: 100, path: ["released"] },
    ],
  },
  {
    key: "raval-van-order",
    board: OMM,
    kind: "order",
    specKey: "van-run",
    ownerKey: "clinic",
    orgKey: "raval-clinic",
    quantity: 3,
    title: "Van runs to collect masks and shields from Sants and Poblenou",
    dueInHours: 40,
    ageHours: 20,
    claims: [
      { claimerKey: "nuria", orgKey: "sants-taller", quantity: 2, path: [], promisedInHours: 30, note: "The cooperative's cargo van." },
    ],
  },
  {
    key: "levenshulme-mask-order",
    board: COMMONS,
    kind: "order",
    specKey: "cotton-mask",
    ownerKey: "owen",
    orgKey: "levenshulme-health",
    quantity: 200,
    title: "Cotton masks for the community vaccination day",
    dueInHours: 300,
    ageHours: 70,
    claims: [
      { claimerKey: "priya", orgKey: "ancoats-guild", quantity: 50, path: ["lapsed"] },
      { claimerKey: "chiara", orgKey: "navigli-textile", quantity: 120, path: ["in_progress"], promisedInHours: 200 },
    ],
  },
];
