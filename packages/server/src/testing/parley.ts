import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Answerer } from "../agent";
import { type Config, loadConfig } from "../config";
import { type Logger, silentLogger } from "../observability/logger";
import { createParley, type Parley } from "../server";
import { freshDatabase, type TestDatabase } from "./database";

export const APP_ID = "test-app";
export const IDENTITY_SECRET = "test-identity-secret-0123456789";
export const KNOWLEDGE_DIR = fileURLToPath(new URL("../../../../examples/knowledge", import.meta.url));

/** A fake Messenger build: enough for the server to serve its loader and demo page. */
function fakeWidgetBuild(dir: string): void {
  mkdirSync(join(dir, ".vite"), { recursive: true });
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(join(dir, ".vite", "manifest.json"), JSON.stringify({ "src/main.ts": { file: "assets/messenger-abc123.js", isEntry: true } }));
  writeFileSync(join(dir, "assets", "messenger-abc123.js"), "export function start() {}\n");
  writeFileSync(join(dir, "snippet.min.js"), '(function(){var s="http://localhost:8787/widget/"})();');
}

/** A stand-in for packages/admin/dist: the console's page and one script. */
function fakeConsoleBuild(dir: string): void {
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(join(dir, "index.html"), '<!doctype html><title>Parley admin</title><script type="module" src="/admin/assets/index-abc123.js"></script>');
  writeFileSync(join(dir, "assets", "index-abc123.js"), "document.title = 'Parley admin';\n");
}

export interface TestParley {
  parley: Parley;
  config: Config;
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

const kept = new Map<string, Promise<TestDatabase>>();
function databaseFor(dataDir: string): Promise<TestDatabase> {
  let database = kept.get(dataDir);
  if (!database) kept.set(dataDir, (database = freshDatabase(dataDir)));
  return database;
}

/** A whole server on a temporary data folder, driven through app.request (no port). */
export async function testParley(
  env: Record<string, string> = {},
  options: {
    fetch?: typeof fetch;
    widgetBuilt?: boolean;
    consoleBuilt?: boolean;
    answerer?: Answerer;
    clock?: () => Date;
    /** A data folder the caller owns (kept on close), e.g. to start again on it. */
    dataDir?: string;
    logger?: Logger;
    /** A database another test server already uses (a second instance); by default a fresh one. */
    database?: TestDatabase;
  } = {},
): Promise<TestParley> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "parley-test-"));
  const widgetDir = join(dataDir, "widget");
  if (options.widgetBuilt !== false) fakeWidgetBuild(widgetDir);
  const consoleDir = join(dataDir, "console");
  if (options.consoleBuilt !== false) fakeConsoleBuild(consoleDir);
  // A caller's data folder is a server's whole state: started again on it, it finds the same database.
  const database = options.database ?? (options.dataDir ? await databaseFor(options.dataDir) : await freshDatabase(dataDir));
  const config = loadConfig({
    DATA_DIR: dataDir,
    ...(database.databaseUrl && { DATABASE_URL: database.databaseUrl }),
    PARLEY_APP_ID: APP_ID,
    PARLEY_IDENTITY_SECRET: IDENTITY_SECRET,
    PARLEY_KNOWLEDGE_DIR: KNOWLEDGE_DIR,
    PORT: "8787",
    ...env,
  });
  const parley = await createParley(config, {
    widgetDir,
    consoleDir,
    log: () => {},
    ...(options.fetch && { fetch: options.fetch }),
    ...(options.answerer && { answerer: options.answerer }),
    ...(options.clock && { clock: options.clock }),
    logger: options.logger ?? silentLogger(),
  });
  parley.start();
  return {
    parley,
    config,
    request: async (path, init) => parley.app.request(path, init),
    async close() {
      await parley.stop();
      if (!options.database && !options.dataDir) await database.dispose();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) };
}

/** Calls the admin API of a test Parley with a bearer token (none with `null`) and a JSON body. */
export function adminCaller(defaultToken: string) {
  return (target: TestParley, method: string, path: string, body?: unknown, token: string | null = defaultToken) =>
    target.request(path, {
      method,
      headers: { ...(token && { Authorization: `Bearer ${token}` }), ...(body !== undefined && { "Content-Type": "application/json" }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
}

/** Reads server-sent events until `enough` says so (or the timeout passes), then closes the stream. */
export async function readEvents(
  response: Response,
  enough: (events: { id?: string; event?: string; data: string }[]) => boolean,
  timeoutMs = 3000,
): Promise<{ id?: string; event?: string; data: string }[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { id?: string; event?: string; data: string }[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (!enough(events) && Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: true; value: undefined }>((resolve) => setTimeout(() => resolve({ done: true, value: undefined }), deadline - Date.now())),
      ]);
      if (chunk.done) break;
      buffer += chunk.value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: { id?: string; event?: string; data: string } = { data: "" };
        for (const line of block.split("\n")) {
          const [field, ...rest] = line.split(":");
          const value = rest.join(":").replace(/^ /, "");
          if (field === "id") event.id = value;
          else if (field === "event") event.event = value;
          else if (field === "data") event.data += value;
        }
        if (event.event || event.data) events.push(event);
      }
    }
  } finally {
    await reader.cancel();
  }
  return events;
}
