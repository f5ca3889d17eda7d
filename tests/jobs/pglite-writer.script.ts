// Child process for pglite-lock.test.ts: opens a PGlite data directory the way the app does, then writes
// rows through Prisma as fast as it can and prints each id only after its insert was acknowledged. The
// test SIGKILLs it mid-stream; every printed id must survive.
//   mode "yielding" (default): one turn of the event loop between writes, like a server between requests.
//   mode "tight": write after write without ever yielding to the event loop's timers.
import { openDatabase } from "../../server/db/database";

const [dataDir, mode = "yielding"] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: pglite-writer.script.ts <dataDir> [yielding|tight]");
const db = await openDatabase({ dataDir });
process.stdout.write("open\n");
for (let i = 0; ; i++) {
  if (mode === "yielding") await new Promise((resolve) => setImmediate(resolve));
  if (i % 2 === 0) {
    const row = await db.prisma.resourceSpec.create({ data: { name: `row ${i}`, unit: "each" }, select: { id: true } });
    process.stdout.write(`ack ${row.id}\n`);
  } else {
    // Two rows in one transaction: both or neither.
    const ids = await db.prisma.$transaction(async (tx) => {
      const a = await tx.resourceSpec.create({ data: { name: `row ${i}a`, unit: "kg" }, select: { id: true } });
      const b = await tx.resourceSpec.create({ data: { name: `row ${i}b`, unit: "kg" }, select: { id: true } });
      return [a.id, b.id];
    });
    process.stdout.write(`ack ${ids.join(" ")}\n`);
  }
}
