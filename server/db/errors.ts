// Prisma's error classes can exist twice in one process (the custom server and Next's route bundles load
// separate copies), so `instanceof` is unreliable: match on the stable error code instead.
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}
