import { ConfigError, loadConfig } from "./config";
import { openDatabase } from "./store/db";
import { appliedMigrations } from "./store/migrations";

const USAGE = `Usage: parley <command>

Commands:
  migrate   bring the database (DATABASE_URL, else SQLite in DATA_DIR) to the latest schema, and list its migrations`;

/** `npx parley …`: commands an operator runs next to the server. */
export async function cli(args: readonly string[]): Promise<number> {
  const [command] = args;
  switch (command) {
    case "migrate":
      return migrate();
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

/** Runs the migrations the database lacks (the server also does on start). */
async function migrate(): Promise<number> {
  try {
    const config = loadConfig();
    const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
    try {
      const { applied } = await appliedMigrations(db);
      console.log(`${config.databaseUrl ? "PostgreSQL" : `SQLite in ${config.dataDir}`} is at the latest schema; migrations run:`);
      for (const name of applied) console.log(`  ${name}`);
      return 0;
    } finally {
      await db.destroy();
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
