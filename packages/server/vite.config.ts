import { defineProject } from "vitest/config";

// `*.postgres.test.ts` need several server instances on one PostgreSQL: they belong to the run with
// DATABASE_URL set (the PostgreSQL pass of `npm test`); every other test runs in both passes.
const onPostgres = Boolean(process.env.DATABASE_URL);

export default defineProject({
  test: {
    name: "server",
    environment: "node",
    include: ["src/**/*.test.ts"],
    exclude: onPostgres ? [] : ["src/**/*.postgres.test.ts"],
  },
});
