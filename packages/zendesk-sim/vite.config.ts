import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "zendesk-sim",
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
