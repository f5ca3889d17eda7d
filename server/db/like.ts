/** Escapes LIKE wildcards so a search text matches literally (Prisma's `contains` does not escape them). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}
