import { minify } from "vite";
import { afterEach, expect, test, vi } from "vitest";
import snippetSource from "./snippet.js?raw";

type HostWindow = Window & { Intercom?: unknown; intercomSettings?: unknown };
const host = window as HostWindow;

afterEach(() => {
  delete host.Intercom;
  delete host.intercomSettings;
  document.querySelectorAll("script").forEach((script) => script.remove());
  vi.restoreAllMocks();
});

function runSnippet() {
  new Function(snippetSource)();
}

function widgetScripts(): HTMLScriptElement[] {
  return [...document.querySelectorAll("script")].filter((script) => script.src.includes("/widget/"));
}

test("the stub queues calls, as arguments objects, before the widget script loads", () => {
  host.intercomSettings = { app_id: "demo" };
  runSnippet();

  (host.Intercom as (...args: unknown[]) => void)("boot", { app_id: "demo" });
  (host.Intercom as (...args: unknown[]) => void)("show");

  const queue = (host.Intercom as { q: IArguments[] }).q;
  expect(queue.map((args) => Array.prototype.slice.call(args))).toEqual([
    ["boot", { app_id: "demo" }],
    ["show"],
  ]);
  expect(Object.prototype.toString.call(queue[0])).toBe("[object Arguments]");
});

test("loads the widget for the app id at once when the page has loaded", () => {
  host.intercomSettings = { app_id: "demo app" };
  runSnippet();

  const [script] = widgetScripts();
  expect(script?.src).toBe("http://localhost:8787/widget/demo%20app");
  expect(script?.async).toBe(true);
});

test("waits for the window load event while the page is still loading", () => {
  vi.spyOn(document, "readyState", "get").mockReturnValue("loading");
  host.intercomSettings = { app_id: "demo" };
  runSnippet();
  expect(widgetScripts()).toHaveLength(0);

  window.dispatchEvent(new Event("load"));

  expect(widgetScripts()).toHaveLength(1);
});

test("when the Messenger is already on the page it sends update with the settings, and loads nothing", () => {
  const intercom = vi.fn();
  host.Intercom = intercom;
  host.intercomSettings = { app_id: "demo", name: "Ada" };

  runSnippet();

  expect(intercom).toHaveBeenCalledWith("update", { app_id: "demo", name: "Ada" });
  expect(widgetScripts()).toHaveLength(0);
});

test("stays under 1 KB minified, with the widget base as one literal the server can replace", async () => {
  const { code } = await minify("snippet.js", snippetSource, { compress: true, mangle: true });

  // The budget from DESIGN.md; size-limit checks the built file too.
  expect(code.length).toBeLessThanOrEqual(1000);
  expect(code.split("http://localhost:8787")).toHaveLength(2);
});
