import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, test } from "vitest";

// `npm start`'s script (scripts/start.ts) run as a child, as an owner runs it: two starts on one
// data folder, each a few seconds on a busy two-core machine.
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const TSX = join(ROOT, "node_modules/.bin/tsx");

const children: ChildProcess[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the script on `dataDir` without PARLEY_ADMIN_TOKEN, waits for its banner's last line, stops it, and returns what it printed. */
async function npmStart(dataDir: string): Promise<{ output: string; port: number }> {
  const [port, simPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ZENDESK_SIM_PORT: String(simPort), DATA_DIR: dataDir, DATABASE_URL: "", PARLEY_LOG_LEVEL: "silent" };
  for (const name of Object.keys(env)) if (/^(PARLEY_ADMIN_|PARLEY_PUBLIC_URL|ZENDESK_)/.test(name) && name !== "ZENDESK_SIM_PORT") delete env[name];
  // Its own process group, so stopping it stops tsx's child too.
  const child = spawn(TSX, ["scripts/start.ts"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const deadline = Date.now() + 60_000;
  while (!/admin token: .*\n/.test(output)) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start printed no admin token in 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGTERM");
  await exited;
  return { output, port };
}

test("npm start prints the admin console's address and, on the first run only, the token it made", { timeout: 150_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-start-"));
  folders.push(dataDir);

  const first = await npmStart(dataDir);
  const token = /admin token: (\S+) \(made for this install and shown only now/.exec(first.output)?.[1] ?? "";
  expect(token.length).toBeGreaterThanOrEqual(32);
  expect(first.output).toContain(`admin:       http://localhost:${first.port}/admin`);
  expect(first.output.split(token).length - 1).toBe(1); // printed once
  // At rest, only its hash.
  const kept = readFileSync(join(dataDir, "admin-token"), "utf8").trim();
  expect(kept).toBe(`sha256:${createHash("sha256").update(token).digest("hex")}`);

  const second = await npmStart(dataDir);
  expect(second.output).toContain(`admin:       http://localhost:${second.port}/admin`);
  expect(second.output).not.toContain(token);
  expect(second.output).toContain(`admin token: the one printed on the first run (${join(dataDir, "admin-token")} keeps only its hash`);
  expect(readFileSync(join(dataDir, "admin-token"), "utf8").trim()).toBe(kept); // the same token, kept
});
