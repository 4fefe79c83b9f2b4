/**
 * `npm run build:server`: the server and `npm start`'s entry as plain JavaScript
 * (packages/server/dist/start.js), so production runs compiled code without a TypeScript loader
 * in memory. Our workspace packages are bundled in; everything from npm stays an import.
 */
import { cpSync } from "node:fs";
import { build } from "esbuild";

await build({
  entryPoints: { start: "scripts/start.ts" },
  outdir: "packages/server/dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.19",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "npm-packages-stay-imports",
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@parley/") ? undefined : { path: args.path, external: true }));
      },
    },
  ],
});
// The AI agent's word vectors are data read at run time, next to the module that reads them.
cpSync("packages/server/src/agent/word-vector-table", "packages/server/dist/word-vector-table", { recursive: true });
console.log("built packages/server/dist/start.js");
