// The demo network: people, their organizations in five cities, and the two boards they work on.
import type { DemoBoard, DemoOrg, DemoUser } from "./types";

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
