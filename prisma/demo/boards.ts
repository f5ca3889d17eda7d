// The demo boards' slugs, as the signals name them.
export const OMM = "open-medical-makers";
export const COMMONS = "commons";
