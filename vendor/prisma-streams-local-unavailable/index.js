// Stands in for @prisma/streams-local (an override in package.json). Only `prisma dev` loads it, to run
// Prisma's local streams server; that command needs Node 22 and downloads at run time, so this project
// does not use it. The real package declares Node >= 22 and made every `npm ci` on Node 20 warn.
export function startLocalDurableStreamsServer() {
  throw new Error("@prisma/streams-local is not installed in this project (`prisma dev` is not supported): see docs/adr/016-lean-start-and-memory.md");
}
