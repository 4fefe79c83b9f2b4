import { waitFor } from "@testing-library/preact";
import { afterEach, expect, test, vi } from "vitest";
// As the framework examples import it.
import Intercom, { getVisitorId, onShow, show, showNewMessage, shutdown, update } from "@parley/messenger/sdk";
import * as sdk from "@parley/messenger/sdk";
import { useApiServer } from "../test/api-server";
import { startMessenger, testWindow, ui } from "../test/harness";

const { recorded } = useApiServer();

afterEach(() => {
  shutdown();
  document.querySelectorAll("script").forEach((script) => script.remove());
});

function queued(): unknown[][] {
  const stub = testWindow.Intercom as { q?: ArrayLike<unknown>[] } | undefined;
  return (stub?.q ?? []).map((args) => Array.from(args));
}

test("Intercom({ … }) loads the Messenger from api_base once and boots it; a re-render with the same props does nothing", () => {
  Intercom({ app_id: "demo", api_base: "https://chat.example.com/", user_id: 7 });
  Intercom({ app_id: "demo", api_base: "https://chat.example.com/", user_id: 7 });

  const scripts = document.querySelectorAll("script[data-parley-sdk]");
  expect(scripts).toHaveLength(1);
  expect(scripts[0]).toHaveAttribute("src", "https://chat.example.com/widget/demo");
  expect(testWindow.intercomSettings).toMatchObject({ app_id: "demo", user_id: 7 });
  expect(queued()).toEqual([["boot", { app_id: "demo", api_base: "https://chat.example.com/", user_id: 7 }]]);

  Intercom({ app_id: "demo", api_base: "https://chat.example.com/", user_id: 8 });
  expect(queued().at(-1)).toEqual(["update", { app_id: "demo", api_base: "https://chat.example.com/", user_id: 8 }]);
});

test("widget_url wins; an Intercom api_base without widget_url is refused with a warning", () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  Intercom({ app_id: "demo", api_base: "https://api-iam.intercom.io" });
  expect(document.querySelector("script[data-parley-sdk]")).toBeNull();
  expect(warn).toHaveBeenCalledWith(expect.stringContaining("needs api_base"));

  Intercom({ app_id: "demo", api_base: "https://api-iam.intercom.io", widget_url: "https://chat.example.com/widget/demo" });
  expect(document.querySelector("script[data-parley-sdk]")).toHaveAttribute("src", "https://chat.example.com/widget/demo");
  expect(queued()[0]?.[1]).not.toHaveProperty("widget_url");
  warn.mockRestore();
});

test("calls made before the script arrives are replayed by the Messenger, in order", async () => {
  const shown = vi.fn();
  Intercom({ app_id: "demo", api_base: "http://api.test" });
  onShow(shown);
  update({ name: "Ada" });
  showNewMessage("About my order");
  expect(getVisitorId()).toBeUndefined(); // only the stub so far

  // The loader script runs: the real window.Intercom replaces the stub and drains its queue.
  startMessenger();

  // The first test to open the panel here pays for compiling its chunk.
  const textbox = await ui().findByRole("textbox", { name: "Message" }, { timeout: 5_000 });
  await waitFor(() => expect(textbox).toHaveValue("About my order"));
  expect(shown).toHaveBeenCalledTimes(1);
  await waitFor(() => expect(recorded.pings.at(-1)?.body.user.name).toBe("Ada"));
  expect(getVisitorId()).toMatch(/\S+/);
  show();
});

test("the SDK exports a typed function for every command @intercom/messenger-js-sdk has", () => {
  for (const name of [
    "Intercom", "boot", "shutdown", "update", "hide", "show", "showSpace", "showMessages", "showNewMessage",
    "onHide", "onShow", "onUnreadCountChange", "onUserEmailSupplied", "trackEvent", "getVisitorId", "startTour",
    "showArticle", "showNews", "startSurvey", "startChecklist", "showTicket", "showConversation",
  ]) {
    expect(typeof (sdk as Record<string, unknown>)[name]).toBe("function");
  }
  expect(sdk.default).toBe(sdk.Intercom);
});
