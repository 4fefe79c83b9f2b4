import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "./config";
import { createUserHash } from "./identity/verify";
import { KeptSecretError, keptSecret } from "./security/kept-secrets";
import { hashPassword } from "./security/password";
import { openDatabase } from "./store/db";
import { appliedMigrations } from "./store/migrations";

const USAGE = `Usage: npx parley hash --user-id <id>
       npx parley hash --email <address>
       npx parley password < file-with-the-password
       npx parley migrate

hash      prints the user_hash Parley expects for a user: hex(HMAC-SHA256(identity secret, user_id ?? email)).
          The secret is PARLEY_IDENTITY_SECRET, else the one kept in DATA_DIR (default ./data)/identity-secret.
password  reads the admin console's password from standard input and prints its hash for PARLEY_ADMIN_PASSWORD_HASH.
migrate   brings the database (DATABASE_URL, else SQLite in DATA_DIR) to the latest schema and lists its migrations.`;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
  /** Standard input, whole. */
  input?: () => Promise<string>;
}

const consoleOutput: CliOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  input: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
};

/** Runs a command line; the exit code is 0 on success, 2 on a usage or setup problem. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, output: CliOutput = consoleOutput): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "migrate") return migrate(env, output);
  if (command === "password") {
    const password = (await (output.input ?? consoleOutput.input!)()).replace(/\r?\n$/, "");
    if (password.length < 12) {
      output.err("Send a password of at least 12 characters on standard input, e.g. npx parley password < password.txt");
      return 2;
    }
    output.out(await hashPassword(password));
    return 0;
  }
  if (command !== "hash") {
    output.err(command === undefined || command === "help" || command === "--help" ? USAGE : `Unknown command "${command}".\n\n${USAGE}`);
    return command === "help" || command === "--help" ? 0 : 2;
  }
  let values: { "user-id"?: string; email?: string };
  try {
    ({ values } = parseArgs({ args: [...rest], options: { "user-id": { type: "string" }, email: { type: "string" } }, strict: true }));
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const userId = values["user-id"]?.trim() || undefined;
  const email = values.email?.trim() || undefined;
  if (userId === undefined && email === undefined) {
    output.err(`Say whose hash: --user-id or --email.\n\n${USAGE}`);
    return 2;
  }
  let secret: string | null;
  try {
    secret = identitySecret(env);
  } catch (error) {
    if (!(error instanceof KeptSecretError)) throw error;
    output.err(error.message);
    return 2;
  }
  if (secret === null) {
    const file = join(resolve(env.DATA_DIR || "./data"), "identity-secret");
    output.err(`No identity secret: set PARLEY_IDENTITY_SECRET, or run from where ${file} exists (the server makes it on its first start).`);
    return 2;
  }
  if (userId !== undefined && email !== undefined) output.err("Both given: the hash is over the user id (it wins over the email).");
  output.out(createUserHash(secret, { userId: userId ?? null, email: email ?? null }));
  return 0;
}

/** The secret the server uses, read the way it reads it (decrypted with PARLEY_SECRETS_KEY), never generated here. */
function identitySecret(env: NodeJS.ProcessEnv): string | null {
  if (env.PARLEY_IDENTITY_SECRET) return env.PARLEY_IDENTITY_SECRET;
  return keptSecret(resolve(env.DATA_DIR || "./data"), "identity-secret", env.PARLEY_SECRETS_KEY || null, { create: false });
}

/** Runs the migrations the database lacks (the server also does on start). */
async function migrate(env: NodeJS.ProcessEnv, output: CliOutput): Promise<number> {
  try {
    const config = loadConfig(env);
    const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
    try {
      const { applied } = await appliedMigrations(db);
      output.out(`${config.databaseUrl ? "PostgreSQL" : `SQLite in ${config.dataDir}`} is at the latest schema; migrations run:`);
      for (const name of applied) output.out(`  ${name}`);
      return 0;
    } finally {
      await db.destroy();
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      output.err(error.message);
      return 2;
    }
    throw error;
  }
}
