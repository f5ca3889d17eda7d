import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI downloads a native schema engine on every command. Offline machines point it at a stub
// (generate/validate/format only check that the file exists); migrations then go through the WebAssembly
// engine in prisma/tools/migrate.ts. Machines with internet set PRISMA_NATIVE_ENGINE=1 to use the real CLI.
if (!process.env.PRISMA_NATIVE_ENGINE && !process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stub = path.resolve(import.meta.dirname ?? ".", "prisma/tools/stub-engine.sh");
  if (existsSync(stub)) process.env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/stigmergy" },
});
