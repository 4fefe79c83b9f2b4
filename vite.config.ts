import { defineConfig } from "vitest/config";

// One Vitest run covers every package; each package's own vite.config.ts sets its environment
// (and, for the Messenger, its build).
export default defineConfig({
  test: {
    projects: ["packages/*"],
  },
});
