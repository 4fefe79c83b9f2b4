import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { minify, type Plugin } from "vite";
import { defineProject } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const snippetSource = fileURLToPath(new URL("./src/loader/snippet.js", import.meta.url));

/** Emits `dist/snippet.min.js`: the paste-in loader, minified (budget: 1 KB). */
function snippet(): Plugin {
  return {
    name: "parley-snippet",
    apply: "build",
    async generateBundle() {
      const source = await readFile(snippetSource, "utf8");
      const result = await minify("snippet.js", source, { compress: true, mangle: true });
      if (result.errors.length > 0) {
        this.error(`snippet.js does not minify: ${result.errors.map((e) => e.message).join("; ")}`);
      }
      this.emitFile({ type: "asset", fileName: "snippet.min.js", source: result.code });
    },
  };
}

/**
 * Vite wraps every `import()` in a preload helper that writes <link> tags into the host page's
 * <head> and fires `vite:preloadError` on its window. We load no CSS and preload nothing, so
 * the wrapper only has to call the import, and each call is unwrapped to the plain `import()`
 * (the wrapper's arguments cost bytes at every lazy chunk and language).
 */
function plainDynamicImports(): Plugin {
  const helper = "\0vite/preload-helper.js";
  return {
    name: "parley-plain-dynamic-imports",
    apply: "build",
    enforce: "pre",
    resolveId(id) {
      return id === helper ? helper : null;
    },
    load(id) {
      return id === helper ? "export const __vitePreload = (load) => load();" : null;
    },
    renderChunk(code, chunk) {
      const plain = code.replace(/__vitePreload\(\(\) => (.+?), __VITE_PRELOAD__, import\.meta\.url\)/g, "$1");
      // A Vite that writes the wrapper another way fails the build here instead of shipping its bytes.
      if (plain.includes("__vitePreload(")) this.error(`${chunk.fileName}: a dynamic import kept Vite's preload wrapper.`);
      return plain === code ? null : { code: plain, map: null };
    },
  };
}

/**
 * Fails the build when a module lands outside the chunk it belongs in. The wire schemas (with zod)
 * live in the session chunk: the panel needs only `@parley/protocol/limits`, and importing the
 * package index from it would split them out into a chunk the two share. @preact/signals' Preact
 * integration (with preact/hooks) lives in the panel chunk: the entry, at its size budget, uses
 * @preact/signals-core.
 */
function modulesKeepTheirChunk(): Plugin {
  const homes: Array<[module: RegExp, chunk: string]> = [
    [/[\\/](zod[\\/]|protocol[\\/]src[\\/](?!limits\.ts$))/, "session"],
    [/[\\/](@preact[\\/]signals|preact[\\/]hooks)[\\/]/, "panel"],
  ];
  return {
    name: "parley-modules-keep-their-chunk",
    apply: "build",
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        for (const id of output.moduleIds) {
          const home = homes.find(([module]) => module.test(id))?.[1];
          if (home && output.name !== home) this.error(`${output.fileName} carries ${id}, which belongs in the ${home} chunk.`);
        }
      }
    },
  };
}

export default defineProject({
  root,
  // The entry is imported cross-origin from `${apiBase}/widget/assets/…`: every chunk must
  // resolve relative to the module that imports it, never to the host page.
  base: "./",
  plugins: [plainDynamicImports(), snippet(), modulesKeepTheirChunk()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    manifest: true,
    target: "es2022",
    // The preload helper writes <link> tags into the host page's head with page-relative URLs.
    modulePreload: false,
    cssCodeSplit: false,
    sourcemap: false,
    rolldownOptions: {
      input: { messenger: "src/main.ts" },
      // Keep `start` exported (the server's loader calls `m.start({ apiBase, appId })`), and let
      // the lazy chunks import what the entry already has instead of splitting it out.
      preserveEntrySignatures: "allow-extension",
      output: {
        entryFileNames: "assets/messenger-[hash].js",
        chunkFileNames: "assets/[name]-[hash].js",
      },
    },
  },
  test: {
    name: "messenger",
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["../../scripts/test-setup-preact.ts", "src/test/setup.ts"],
  },
});
