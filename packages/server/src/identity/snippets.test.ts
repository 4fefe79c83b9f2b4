import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { createUserHash } from "./verify";

// The server-side snippets in packages/server/snippets, each run against one known-answer vector.
const SNIPPETS = fileURLToPath(new URL("../../snippets/", import.meta.url));
const VECTOR = {
  secret: "parley-known-answer-secret-0001",
  userId: "42",
  email: "ada@example.com",
  /** hex(HMAC-SHA256(secret, "42")): user_id wins over the email. */
  byUserId: "7ebb7a48d050b4aef4c4d5c985e94c78f0e0d51a08dd68ea092d6f6d6d5370c2",
  /** hex(HMAC-SHA256(secret, "ada@example.com")): no user_id. */
  byEmail: "fe2643bc1fdd2db52383e2956fd658f197057fba89a28a0883095086bc4718d6",
};

/** Where the C# snippet is compiled to (mcs makes an .exe that mono runs). */
const BUILD = mkdtempSync(join(tmpdir(), "parley-snippets-"));
afterAll(() => rmSync(BUILD, { recursive: true, force: true }));

/** How to run each snippet with `<secret> <user_id> <email>`, the programs it needs, and what builds it first. */
const RUNNERS: { language: string; program: string; args: string[]; required: boolean; needs?: string[]; build?: () => void }[] = [
  { language: "Node.js", program: process.execPath, args: ["user-hash.mjs"], required: true },
  { language: "Python", program: "python3", args: ["user_hash.py"], required: true },
  { language: "Ruby", program: "ruby", args: ["user_hash.rb"], required: false },
  { language: "PHP", program: "php", args: ["user_hash.php"], required: false },
  { language: "Go", program: "go", args: ["run", "user_hash.go"], required: false },
  { language: "Java", program: "java", args: ["UserHash.java"], required: false },
  // C# with Mono (Debian's mono-mcs); the snippet avoids .NET 5-only APIs, so the same code runs on .NET.
  {
    language: "C#",
    program: "mono",
    args: [join(BUILD, "UserHash.exe")],
    required: false,
    needs: ["mcs"],
    build: () => execFileSync("mcs", [`-out:${join(BUILD, "UserHash.exe")}`, "UserHash.cs"], { cwd: SNIPPETS, stdio: "pipe" }),
  },
];

function has(program: string): boolean {
  try {
    execFileSync(program, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    // `go` and old `java` answer `version`/`-version` instead; trying them costs little.
    for (const flag of ["version", "-version"]) {
      try {
        execFileSync(program, [flag], { stdio: "ignore" });
        return true;
      } catch {
        // try the next
      }
    }
    return false;
  }
}

test("the known-answer vector is what createUserHash computes", () => {
  expect(createUserHash(VECTOR.secret, { userId: VECTOR.userId, email: VECTOR.email })).toBe(VECTOR.byUserId);
  expect(createUserHash(VECTOR.secret, { email: VECTOR.email })).toBe(VECTOR.byEmail);
});

test(
  "every snippet this machine can run gives the known answer (Node.js and Python always; .ci/run installs Ruby, PHP, Go, Java and Mono for C#)",
  () => {
    const checked: string[] = [];
    for (const runner of RUNNERS) {
      if (!runner.required && ![runner.program, ...(runner.needs ?? [])].every(has)) continue;
      runner.build?.();
      const run = (userId: string) =>
        execFileSync(runner.program, [...runner.args, VECTOR.secret, userId, VECTOR.email], { cwd: SNIPPETS, encoding: "utf8" }).trim();
      expect(run(VECTOR.userId), runner.language).toBe(VECTOR.byUserId);
      expect(run(""), `${runner.language} without a user_id`).toBe(VECTOR.byEmail);
      checked.push(runner.language);
    }
    expect(checked).toEqual(expect.arrayContaining(["Node.js", "Python"]));
    console.log(`user_hash snippets checked: ${checked.join(", ")}`);
  },
  120_000,
);
