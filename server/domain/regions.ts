// A coordinator's "region": where demand and supply are compared. There is no gazetteer here (ADR 013:
// places are the names a board's members gave), so a region is a place name, compared without case or
// extra spaces: "Berlin", " berlin " and "BERLIN" are one region. A signal with no place name falls back
// to the place of the organization it is posted for; with neither it is "unplaced", which coordinators
// still need to see (a need nobody can locate is a gap of its own).

/** The key of signals and organizations with no place name. */
export const UNPLACED = "unplaced";

export interface Region {
  /** Stable, URL-safe-ish key: the lower-cased, space-collapsed name, or UNPLACED. */
  key: string;
  /** The name as first written, for display. */
  name: string;
}

function clean(name: string | null | undefined): string | null {
  const text = name?.trim().replace(/\s+/g, " ");
  return text ? text : null;
}

/** The region of a signal: its own place name, else its organization's, else unplaced. */
export function regionOf(signalPlace: string | null | undefined, organizationPlace?: string | null): Region {
  const name = clean(signalPlace) ?? clean(organizationPlace);
  return name ? { key: name.toLowerCase(), name } : { key: UNPLACED, name: "No place given" };
}
