/**
 * `npm run typecheck`: `tsc` over every TypeScript project (the root's, e2e's, the examples', and each
 * workspace's own `typecheck` script), as many at a time as the machine has cores: one `tsc` uses one.
 * Each project's output is printed whole once it is done; the check fails if any project fails.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

interface Check {
  name: string;
  command: string;
  args: string[];
}

const root = JSON.parse(readFileSync("package.json", "utf8")) as { workspaces: string[] };
const checks: Check[] = [
  ...[".", "e2e", "examples"].map((project) => ({ name: `tsc -p ${project}`, command: "npx", args: ["tsc", "-p", project] })),
  ...root.workspaces
    .filter((workspace) => (JSON.parse(readFileSync(`${workspace}/package.json`, "utf8")) as { scripts?: Record<string, string> }).scripts?.typecheck)
    .map((workspace) => ({ name: `${workspace}: npm run typecheck`, command: "npm", args: ["run", "typecheck", "--silent", "--workspace", workspace] })),
];

function run(check: Check): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => {
      process.stdout.write(`${code === 0 ? "✓" : "✗"} ${check.name}\n${output}`);
      resolve(code === 0);
    });
  });
}

const waiting = [...checks];
const results: boolean[] = [];
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), checks.length) }, async () => {
    for (let check = waiting.shift(); check; check = waiting.shift()) results.push(await run(check));
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
