import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as z from "zod";
import { BuildFiles } from "../build-files";
import { prepareBody, type PreparedBody } from "./prepared";

const Manifest = z.record(z.string(), z.object({ file: z.string(), isEntry: z.boolean().optional() }));
const ENTRY = "src/main.ts";
/** The address written into the snippet's source, replaced by the server's own. */
export const SNIPPET_BASE = "http://localhost:8787";

/**
 * The built Messenger (packages/messenger/dist): the server serves the build, never the source.
 * Files are read once and kept; a missing build is reported on each request until it appears.
 */
export class WidgetAssets {
  readonly #files: BuildFiles;
  readonly #prepared = new Map<string, PreparedBody>();
  #entry: string | null = null;

  constructor(readonly dir: string) {
    this.#files = new BuildFiles(dir);
  }

  /** The entry module's file name under /widget/assets/. */
  async entryFile(): Promise<string> {
    if (this.#entry) return this.#entry;
    const text = await readFile(join(this.dir, ".vite", "manifest.json"), "utf8").catch(() => {
      throw new WidgetNotBuilt(this.dir);
    });
    const entry = Manifest.parse(JSON.parse(text))[ENTRY];
    if (!entry) throw new WidgetNotBuilt(this.dir);
    this.#entry = entry.file.replace(/^assets\//, "");
    return this.#entry;
  }

  /** A built asset by its file name, or null when there is none. */
  async asset(name: string): Promise<Buffer | null> {
    if (!/^[\w.-]+\.js$/.test(name)) return null;
    return this.#files.read(join("assets", name));
  }

  /** A built asset compressed and tagged for serving, or null when there is none. */
  async preparedAsset(name: string): Promise<PreparedBody | null> {
    const ready = this.#prepared.get(name);
    if (ready) return ready;
    const content = await this.asset(name);
    if (!content) return null;
    const prepared = prepareBody(content);
    this.#prepared.set(name, prepared);
    return prepared;
  }

  /** The minified loader snippet site owners paste into their pages. */
  async snippet(): Promise<string> {
    const file = await this.#files.read("snippet.min.js");
    if (!file) throw new WidgetNotBuilt(this.dir);
    return file.toString("utf8").trim();
  }

  /** The snippet loading the Messenger from `base` (this server's public address). */
  async snippetFor(base: string): Promise<string> {
    return (await this.snippet()).split(SNIPPET_BASE).join(base);
  }

}

export class WidgetNotBuilt extends Error {
  constructor(dir: string) {
    super(`The Messenger is not built (nothing usable in ${dir}): run "npm run build".`);
  }
}

/** The script served at /widget/{app_id}: loads the entry module from this server and starts it. */
export function loaderScript(apiBase: string, appId: string, entryFile: string): string {
  const base = JSON.stringify(apiBase);
  const entry = JSON.stringify(`/widget/assets/${entryFile}`);
  return `/* Parley Messenger */
(function () {
  var base = ${base};
  import(base + ${entry})
    .then(function (messenger) { messenger.start({ apiBase: base, appId: ${JSON.stringify(appId)} }); })
    .catch(function (error) { console.error("[Parley] The Messenger could not load.", error); });
})();
`;
}

/**
 * The script served at /widget/{app_id} while the app is in test mode: the Messenger starts only
 * on a page opened with the test link (`?parley_test=<token>`), and on the pages browsed after it
 * in that tab (the token is kept in sessionStorage). The server checks the token: the real loader
 * comes from /widget/{app_id}?test=<token>, as a classic script so no CORS is involved.
 */
export function testModeLoaderScript(apiBase: string, appId: string, parameter: string): string {
  return `/* Parley Messenger: test mode (shown only on pages opened with the test link) */
(function () {
  var key = ${JSON.stringify(`parley-test-link:${appId}`)}, token = null;
  try {
    token = new URLSearchParams(location.search).get(${JSON.stringify(parameter)});
    if (token) sessionStorage.setItem(key, token);
    else token = sessionStorage.getItem(key);
  } catch (error) {}
  if (!token) return;
  var script = document.createElement("script");
  script.async = true;
  script.src = ${JSON.stringify(`${apiBase}/widget/${encodeURIComponent(appId)}?test=`)} + encodeURIComponent(token);
  (document.head || document.documentElement).appendChild(script);
})();
`;
}

/** The answer to a test link whose token is not (or no longer) this app's: forget it, and say why. */
export function testLinkRefusedScript(appId: string): string {
  return `/* Parley Messenger: test link refused */
(function () {
  try { sessionStorage.removeItem(${JSON.stringify(`parley-test-link:${appId}`)}); } catch (error) {}
  console.warn("[Parley] This test link is not valid (anymore): open the one the admin console shows under Test.");
})();
`;
}
