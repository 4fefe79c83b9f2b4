import { defineProject } from "vitest/config";

// `*.postgres.test.ts` need several server instances on one PostgreSQL: they belong to the run with
// DATABASE_URL set (the PostgreSQL pass of `npm test`; scripts/test-postgres.ts says which tests it
// runs), and the SQLite run leaves them out.
const onPostgres = Boolean(process.env.DATABASE_URL);

export default defineProject({
  test: {
    name: "server",
    environment: "node",
    include: ["src/**/*.test.ts"],
    exclude: onPostgres ? [] : ["src/**/*.postgres.test.ts"],
    // On PostgreSQL each test's fresh schema alone waits for a second or more of disk flushes (its
    // tables' indexes), longer while other workers flush theirs: the default 5 s is too near.
    ...(onPostgres && { testTimeout: 15_000 }),
  },
});
