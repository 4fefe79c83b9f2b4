import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const FRAMEWORKS = ["react", "vue", "angular", "ember", "spa"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/**
 * ember-source is a v2 addon: its modules (`@ember/service`, `@glimmer/tracking`, `rsvp`…) are
 * files inside it, named by its `renamed-modules` table. Ember's own build (Embroider) resolves
 * them from that table; this does the same for esbuild.
 */
function emberModules(): Plugin {
  const root = dirname(require.resolve("ember-source/package.json"));
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { "ember-addon": { "renamed-modules": Record<string, string> } };
  const renamed = manifest["ember-addon"]["renamed-modules"];
  const fileOf = (specifier: string): string | undefined => {
    const target = renamed[`${specifier}.js`] ?? renamed[`${specifier}/index.js`] ?? renamed[specifier];
    return target && join(root, "dist", "prod", "packages", target.replace(/^ember-source\//, ""));
  };
  return {
    name: "ember-modules",
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, (args) => {
        const file = fileOf(args.path);
        return file ? { path: file } : undefined;
      });
    },
  };
}

/** The address every example names for "your Parley server". */
const EXAMPLES_API_BASE = "https://chat.example.com";

/**
 * Puts the run's server where the examples say "https://chat.example.com", as a site owner puts
 * theirs; nothing else of the example changes. An example that no longer names that address fails
 * the build, so the test cannot silently run without it.
 */
function pointExamplesAt(apiBase: string): Plugin {
  const examples = join(here, "..", "..", "examples");
  return {
    name: "point-examples-at-parley",
    setup(builder) {
      builder.onLoad({ filter: /\/examples\/[^/]+\/[^/]+\.tsx?$/ }, (args) => {
        if (!args.path.startsWith(examples)) return undefined;
        const source = readFileSync(args.path, "utf8");
        const quoted = JSON.stringify(EXAMPLES_API_BASE);
        if (source.split(quoted).length !== 2) throw new Error(`${args.path} should name ${quoted} once, as its api_base.`);
        return { contents: source.replace(quoted, JSON.stringify(apiBase)), loader: args.path.endsWith(".tsx") ? "tsx" : "ts" };
      });
    },
  };
}

/**
 * Bundles the shop app of one framework (e2e/framework-apps/{framework}) with the framework's
 * real npm packages and the example from examples/{framework}, as a site's build would. Returns
 * the script's text.
 */
export function bundleFrameworkApp(framework: Framework, apiBase: string): Promise<string> {
  const entry = join(here, "..", "framework-apps", framework === "react" ? "react.tsx" : `${framework}.ts`);
  return bundleApp(entry, [pointExamplesAt(apiBase), ...(framework === "ember" ? [emberModules()] : [])]);
}

/** Bundles one app for the browser as a site's build would (esbuild, production mode); returns the script's text. */
export async function bundleApp(entry: string, plugins: Plugin[] = []): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: false,
    sourcemap: false,
    logLevel: "silent",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"', __VUE_OPTIONS_API__: "false", __VUE_PROD_DEVTOOLS__: "false", __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false" },
    // Angular and Ember examples use decorators the way their TypeScript projects compile them.
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    plugins,
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild made no bundle of ${entry}.`);
  return output.text;
}

/**
 * A real HTTP server for the shops (Chromium lets only pages it fetched from the network reach a
 * loopback Parley): /{framework}/… answers every path with the app's page (client-side routes),
 * /{framework}.js with its bundle.
 */
export function serveFrameworkApps(apiBase: string): Promise<{ origin: string; close(): Promise<void> }> {
  return serveBundledApps(FRAMEWORKS, (framework) => bundleFrameworkApp(framework, apiBase));
}

/**
 * Serves one page per app name: /{name}/… answers every path with a page that runs /{name}.js,
 * the app's bundle (made on first request, once).
 */
export async function serveBundledApps<Name extends string>(
  names: readonly Name[],
  bundle: (name: Name) => Promise<string>,
): Promise<{ origin: string; close(): Promise<void> }> {
  const bundles = new Map<Name, Promise<string>>();
  const bundleOf = (name: Name) => {
    let made = bundles.get(name);
    if (!made) bundles.set(name, (made = bundle(name)));
    return made;
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://shop").pathname;
    const name = names.find((candidate) => path === `/${candidate}.js` || path === `/${candidate}` || path.startsWith(`/${candidate}/`));
    if (!name) {
      response.writeHead(404).end("not found");
      return;
    }
    if (path.endsWith(".js")) {
      bundleOf(name).then(
        (script) => response.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8" }).end(script),
        (error: unknown) => response.writeHead(500, { "Content-Type": "text/plain" }).end(String(error)),
      );
      return;
    }
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`<!doctype html><html><head><title>Shop (${name})</title><link rel="icon" href="data:,"></head>
<body><div id="app"></div><script type="module" src="/${name}.js"></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
