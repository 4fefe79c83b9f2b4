import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// The console is a single page served by the server under /admin/; the server never imports its source.
export default defineProject({
  root,
  base: "/admin/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    sourcemap: false,
  },
  test: {
    name: "admin",
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["../../scripts/test-setup-preact.ts", "src/test/setup.ts"],
  },
});
