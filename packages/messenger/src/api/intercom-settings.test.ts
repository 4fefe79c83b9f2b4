// @vitest-environment node
import { expect, test } from "vitest";
import { resolveApiBase } from "../transport/api-base";
import { appIdOf, appearanceOf, DEFAULT_Z_INDEX } from "./intercom-settings";

const BAKED = "https://parley.example.com";

test("api_base on an Intercom host is replaced by the baked address", () => {
  for (const intercom of [
    "https://api-iam.intercom.io",
    "https://api-iam.eu.intercom.io",
    "https://api-iam.au.intercom.io",
    "https://abc123.intercom-messenger.com",
  ]) {
    expect(resolveApiBase(intercom, BAKED)).toBe(BAKED);
  }
});

test("any other api_base is honoured (without a trailing slash); junk falls back to the baked address", () => {
  expect(resolveApiBase("https://chat.example.com/", BAKED)).toBe("https://chat.example.com");
  expect(resolveApiBase("https://example.com/parley/", BAKED)).toBe("https://example.com/parley");
  expect(resolveApiBase("https://intercom.io.evil.example", BAKED)).toBe("https://intercom.io.evil.example");
  expect(resolveApiBase(undefined, `${BAKED}/`)).toBe(BAKED);
  expect(resolveApiBase("not a url", BAKED)).toBe(BAKED);
  expect(resolveApiBase("javascript:alert(1)", BAKED)).toBe(BAKED);
});

test("app_id may be a string or a number", () => {
  expect(appIdOf({ app_id: " demo " })).toBe("demo");
  expect(appIdOf({ app_id: 123 })).toBe("123");
  expect(appIdOf({ app_id: "" })).toBeNull();
  expect(appIdOf({})).toBeNull();
});

test("appearance has Intercom's defaults and clamps", () => {
  expect(appearanceOf({})).toEqual({
    alignment: "right",
    color: "#1f6feb",
    background: "#1f6feb",
    zIndex: DEFAULT_Z_INDEX,
    hideLauncher: false,
    verticalPadding: 20,
    horizontalPadding: 20,
  });
  expect(
    appearanceOf({
      alignment: "center",
      action_color: "red; background: url(x)",
      z_index: "10",
      hide_default_launcher: "yes",
      vertical_padding: 5,
      horizontal_padding: 80,
    }),
  ).toEqual({
    alignment: "right",
    color: "#1f6feb",
    background: "#1f6feb",
    zIndex: 10,
    hideLauncher: false,
    verticalPadding: 20,
    horizontalPadding: 80,
  });
});

test("background_color colours the launcher and header apart from action_color (else the action colour)", () => {
  const look = appearanceOf({ action_color: "#2f6b4f", background_color: "#f5d90a" });
  expect(look).toMatchObject({ color: "#2f6b4f", background: "#f5d90a" });
  expect(appearanceOf({ action_color: "#2f6b4f" }).background).toBe("#2f6b4f");
  expect(appearanceOf({ action_color: "#2f6b4f", background_color: "red;background:url(x)" }).background).toBe("#2f6b4f");
});
