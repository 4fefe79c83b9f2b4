import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// One Vitest run covers every package; each package's own vite.config.ts sets its environment
// (and, for the Messenger, its build).
export default defineConfig({
  test: {
    projects: ["packages/*"],
    // Vitest's own default, a worker per core but one, leaves a 2-core machine a single worker while
    // many server tests mostly wait (on timers, sockets, child processes): two finish sooner there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
