import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "./config";
import { createUserHash } from "./identity/verify";
import { KeptSecretError, keptSecret } from "./security/kept-secrets";
import { hashPassword } from "./security/password";
import { IDENTITY_SECRET_METAFIELD, ShopDomain, ShopifyAdminError, storeIdentitySecret } from "./shopify/identity-secret-metafield";
import { openDatabase } from "./store/db";
import { appliedMigrations } from "./store/migrations";
import { secretBoxFor } from "./security/secret-box";

const USAGE = `Usage: npx parley hash --user-id <id>
       npx parley hash --email <address>
       npx parley password < file-with-the-password
       npx parley migrate
       npx parley import-zendesk-guide
       SHOPIFY_ADMIN_ACCESS_TOKEN=… npx parley shopify-secret --shop <shop>.myshopify.com [--api-version 2026-10]

hash      prints the user_hash Parley expects for a user: hex(HMAC-SHA256(identity secret, user_id ?? email)).
          The secret is PARLEY_IDENTITY_SECRET, else the one kept in DATA_DIR (default ./data)/identity-secret.
password  reads the admin console's password from standard input and prints its hash for PARLEY_ADMIN_PASSWORD_HASH.
migrate   brings the database (DATABASE_URL, else SQLite in DATA_DIR) to the latest schema and lists its migrations.
import-zendesk-guide
          imports the published articles of the connected Zendesk account's help center (the console's connection,
          else ZENDESK_*) into the database, as the console's "Import from Zendesk Guide" does. A running server
          answers from them after its next start; the console's button updates a running server at once.
shopify-secret
          stores the identity secret (as hash reads it) in the app-data metafield parley.identity_secret of your
          Shopify app's installation on the shop, where the Parley app embed reads it; SHOPIFY_ADMIN_ACCESS_TOKEN is
          an Admin API access token of that app. The secret is never printed.`;

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

/** Runs a command line; the exit code is 0 on success, 2 on a usage or setup problem, 1 when a remote service refused. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, output: CliOutput = consoleOutput): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "migrate") return migrate(env, output);
  if (command === "import-zendesk-guide") return importGuide(env, output);
  if (command === "shopify-secret") return shopifySecret(rest, env, output);
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
  const secret = identitySecret(env, output);
  if (secret === null) return 2;
  if (userId !== undefined && email !== undefined) output.err("Both given: the hash is over the user id (it wins over the email).");
  output.out(createUserHash(secret, { userId: userId ?? null, email: email ?? null }));
  return 0;
}

/** `shopify-secret`: the identity secret into the Shopify app's app-data metafield, for the app embed block. */
async function shopifySecret(args: readonly string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<number> {
  let values: { shop?: string; "api-version"?: string };
  try {
    ({ values } = parseArgs({ args: [...args], options: { shop: { type: "string" }, "api-version": { type: "string" } }, strict: true }));
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const shop = ShopDomain.safeParse(values.shop ?? "");
  if (!shop.success) {
    output.err(`--shop: ${values.shop ? "use the shop's myshopify.com domain, e.g. acme.myshopify.com" : "say which shop, e.g. --shop acme.myshopify.com"}.`);
    return 2;
  }
  const accessToken = env.SHOPIFY_ADMIN_ACCESS_TOKEN?.trim();
  if (!accessToken) {
    output.err("Set SHOPIFY_ADMIN_ACCESS_TOKEN to an Admin API access token of your Shopify app (the one whose theme app extension holds the Parley block).");
    return 2;
  }
  const secret = identitySecret(env, output);
  if (secret === null) return 2;
  try {
    await storeIdentitySecret({ shop: shop.data, accessToken, secret, ...(values["api-version"] && { apiVersion: values["api-version"] }) });
  } catch (error) {
    if (!(error instanceof ShopifyAdminError)) throw error;
    output.err(error.message);
    return 1;
  }
  const { namespace, key } = IDENTITY_SECRET_METAFIELD;
  output.out(`Stored the identity secret in the app-data metafield ${namespace}.${key} of ${shop.data}: the Parley app embed signs customers with it from now on.`);
  output.out(`If you filled the block's "Identity secret (less safe fallback)" setting, empty it: the metafield wins, and staff with theme access can read the setting.`);
  return 0;
}

/**
 * The secret the server uses, read the way it reads it (decrypted with PARLEY_SECRETS_KEY), never
 * generated here; null, with the reason written out, when there is none to read.
 */
function identitySecret(env: NodeJS.ProcessEnv, output: CliOutput): string | null {
  if (env.PARLEY_IDENTITY_SECRET) return env.PARLEY_IDENTITY_SECRET;
  const dataDir = resolve(env.DATA_DIR || "./data");
  let secret: string | null;
  try {
    secret = keptSecret(dataDir, "identity-secret", env.PARLEY_SECRETS_KEY || null, { create: false });
  } catch (error) {
    if (!(error instanceof KeptSecretError)) throw error;
    output.err(error.message);
    return null;
  }
  if (secret === null) {
    output.err(`No identity secret: set PARLEY_IDENTITY_SECRET, or run from where ${join(dataDir, "identity-secret")} exists (the server makes it on its first start).`);
  }
  return secret;
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

/** "Import from Zendesk Guide" from the command line, against the database the server uses. */
async function importGuide(env: NodeJS.ProcessEnv, output: CliOutput): Promise<number> {
  let config;
  let db;
  try {
    config = loadConfig(env);
    db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.err(error.message);
    return 2;
  }
  // Loaded here, not above: the other commands stay quick to start without the AI agent's modules.
  const [{ KnowledgeBase }, { listArticles }, { createZendeskClient }, { ZendeskConnections }, { ZendeskApiError }, { guideImportFailure, importZendeskGuide }] =
    await Promise.all([
      import("./agent"),
      import("./store/articles"),
      import("./zendesk/client"),
      import("./zendesk/connections/in-effect"),
      import("./zendesk/errors"),
      import("./zendesk/guide-import"),
    ]);
  try {
    const connections = await ZendeskConnections.open({
      db,
      box: secretBoxFor(config.security.secretsKey),
      environment: { support: config.zendesk && { baseUrl: config.zendesk.baseUrl, auth: config.zendesk.auth }, conversations: null },
      build: (found) => found.support,
      clock: () => new Date(),
      log: (line) => output.err(line),
    });
    const support = connections.now;
    if (support === null) {
      output.err("Zendesk is not connected: connect it in the admin console (Connect Zendesk), or set ZENDESK_SUBDOMAIN, ZENDESK_EMAIL and ZENDESK_API_TOKEN.");
      return 2;
    }
    // The folder is read so its ids are not taken; nothing watches it here.
    const knowledge = await KnowledgeBase.open({ dir: config.knowledgeDir, loadApiArticles: () => listArticles(db), buildIndex: () => null, watch: false, log: () => {} });
    try {
      const client = createZendeskClient({ baseUrl: support.baseUrl, auth: support.auth });
      const result = await importZendeskGuide({ client, db, knowledge, clock: () => new Date() });
      output.out(
        `Imported from Zendesk Guide (${result.locales.join(", ")}): ${result.added} added, ${result.updated} updated, ${result.removed} removed, ${result.unchanged} unchanged, ${result.skipped.length} skipped.`,
      );
      for (const item of result.skipped) output.out(`  skipped “${item.title}” (${item.locale}, Zendesk article ${item.zendesk_id}): ${item.reason}`);
      return 0;
    } catch (error) {
      if (!(error instanceof ZendeskApiError)) throw error;
      output.err(guideImportFailure(error));
      return 1;
    } finally {
      await knowledge.close();
    }
  } finally {
    await db.destroy();
  }
}
