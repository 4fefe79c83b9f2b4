import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "shopify",
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
