// @vitest-environment node
import { expect, test } from "vitest";

test("the SDK imports and runs on a server without touching window, doing nothing", async () => {
  const sdk = await import("@parley/messenger/sdk");
  expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");

  expect(() => sdk.default({ app_id: "demo", api_base: "https://chat.example.com" })).not.toThrow();
  for (const name of ["boot", "update", "show", "hide", "shutdown", "showMessages", "showNewMessage", "getVisitorId"] as const) {
    expect((sdk[name] as () => unknown)()).toBeUndefined();
  }
  expect(sdk.whoami()).toBeNull();
  expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");
});
