import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { InstallInfo } from "@parley/protocol";
import { Hono } from "hono";
import type { Config } from "../../config";
import type { WidgetAssets } from "../../widget/assets";
import { requireAdminToken } from "../admin-auth";
import { publicBase } from "../public-url";

/** The user_hash snippets in packages/server/snippets, by language, as the console shows them. */
const SNIPPETS = {
  node: "user-hash.mjs",
  python: "user_hash.py",
  ruby: "user_hash.rb",
  php: "user_hash.php",
  go: "user_hash.go",
  java: "UserHash.java",
  csharp: "UserHash.cs",
} as const;
// packages/server/snippets, from this source file or from the compiled server (packages/server/dist).
const SNIPPET_DIR = [new URL("../../../snippets/", import.meta.url), new URL("../snippets/", import.meta.url)].find((dir) =>
  existsSync(new URL(SNIPPETS.node, dir)),
);

let snippets: Promise<Record<keyof typeof SNIPPETS, string>> | undefined;
function identitySnippets() {
  snippets ??= Promise.all(
    Object.entries(SNIPPETS).map(async ([language, file]) => [language, SNIPPET_DIR ? await readFile(new URL(file, SNIPPET_DIR), "utf8") : ""] as const),
  ).then((entries) => Object.fromEntries(entries) as Record<keyof typeof SNIPPETS, string>);
  return snippets;
}

/**
 * GET /admin/api/install: what the console's install step fills into the code it shows, and the
 * server code that computes user_hash in each language.
 */
export function adminInstall(deps: { config: Config; widget: WidgetAssets }): Hono {
  const { config, widget } = deps;
  const api = new Hono();
  api.use("*", requireAdminToken(config));
  api.get("/install", async (c) => {
    const base = publicBase(c, config);
    return c.json({
      app_id: config.app.id,
      app_name: config.app.name,
      server_url: base,
      snippet: await widget.snippetFor(base),
      identity_snippets: await identitySnippets(),
    } satisfies InstallInfo);
  });
  return api;
}
