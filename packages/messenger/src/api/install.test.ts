import { afterEach, expect, test, vi } from "vitest";
import type { Messenger } from "../app";
import snippetSource from "../loader/snippet.js?raw";
import { installIntercom, readQueuedCalls } from "./install";

type HostWindow = Window & { Intercom?: unknown; intercomSettings?: unknown; attachEvent?: unknown };
const host = window as HostWindow;

afterEach(() => {
  delete host.Intercom;
  delete host.intercomSettings;
  document.querySelectorAll("script").forEach((script) => script.remove());
});

/** A Messenger that records the commands it receives, in order. */
function recordingMessenger() {
  const calls: unknown[][] = [];
  let booted = false;
  const messenger: Messenger = {
    get booted() {
      return booted;
    },
    boot: (settings) => {
      booted = true;
      calls.push(["boot", settings]);
    },
    update: (settings) => calls.push(["update", settings]),
    show: () => calls.push(["show"]),
    hide: () => calls.push(["hide"]),
    shutdown: () => calls.push(["shutdown"]),
    onShow: () => calls.push(["onShow"]),
    onHide: () => calls.push(["onHide"]),
    onUnreadCountChange: () => calls.push(["onUnreadCountChange"]),
    onError: () => calls.push(["onError"]),
    getVisitorId: () => "visitor-1234",
    showSpace: (space) => calls.push(["showSpace", space]),
    showMessages: () => calls.push(["showMessages"]),
    showNewMessage: (text) => calls.push(["showNewMessage", text]),
    startConversation: (text) => calls.push(["startConversation", text]),
    showArticle: (id) => calls.push(["showArticle", id]),
    showConversation: (id) => calls.push(["showConversation", id]),
    ready: () => calls.push(["ready"]),
    onUserEmailSupplied: () => calls.push(["onUserEmailSupplied"]),
    reattachActivator: () => calls.push(["reattach_activator"]),
    trackEvent: (name, metadata) => calls.push(["trackEvent", name, metadata]),
    whoami: () => null,
  };
  return { messenger, calls };
}

function runSnippet(source: string) {
  new Function(source)();
}

/** Intercom's older snippet: also sends reattach_activator, loads only on window load. */
function runOldSnippet() {
  const w = host;
  const ic = w.Intercom;
  if (typeof ic === "function") {
    ic("reattach_activator");
    ic("update", w.intercomSettings);
  } else {
    // As Intercom's snippet writes it: the queue holds `arguments` objects.
    const i = Object.assign(
      function () {
        i.c(arguments);
      },
      { q: [] as unknown[], c: (args: unknown) => i.q.push(args) },
    );
    w.Intercom = i;
  }
}

/** @intercom/messenger-js-sdk's stub: `.q` plus `.loaderQueue`, the function that fills it. */
function runNpmStub() {
  const queueHolder = Object.assign(
    function () {
      queueHolder.loaderQueue(arguments);
    },
    { q: [] as unknown[], loaderQueue: (args: unknown) => queueHolder.q.push(args) },
  );
  host.Intercom = queueHolder;
}

function intercom(...args: unknown[]): unknown {
  return (host.Intercom as (...args: unknown[]) => unknown)(...args);
}

test("replays what the current snippet's stub queued, in order, after installing the real function", () => {
  host.intercomSettings = { app_id: "demo" };
  runSnippet(snippetSource);
  const onShow = () => {};
  intercom("onShow", onShow);
  intercom("update", { page: "pricing" });
  intercom("show");
  const { messenger, calls } = recordingMessenger();

  installIntercom(window, messenger);

  expect(calls).toEqual([
    ["boot", { app_id: "demo" }],
    ["onShow"],
    ["update", { page: "pricing" }],
    ["show"],
  ]);
  expect(typeof host.Intercom).toBe("function");
  expect(host.Intercom).not.toHaveProperty("q");
});

test("replays the older snippet's queue and accepts its reattach_activator", () => {
  host.intercomSettings = { app_id: "demo" };
  runOldSnippet();
  intercom("boot", { app_id: "demo", name: "Ada" });
  intercom("hide");
  const { messenger, calls } = recordingMessenger();
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});

  installIntercom(window, messenger);
  runOldSnippet(); // the snippet pasted twice: Intercom is now ours

  expect(calls).toEqual([
    ["boot", { app_id: "demo", name: "Ada" }],
    ["hide"],
    ["reattach_activator"],
    ["update", { app_id: "demo" }],
  ]);
  expect(warn).not.toHaveBeenCalled();
  warn.mockRestore();
});

test("replays the npm SDK's .q / .loaderQueue stub", () => {
  runNpmStub();
  intercom("boot", { app_id: "demo" });
  intercom("onUnreadCountChange", () => {});
  const { messenger, calls } = recordingMessenger();

  installIntercom(window, messenger);

  expect(calls).toEqual([["boot", { app_id: "demo" }], ["onUnreadCountChange"]]);
});

test("reads queued calls given as arrays, and a loaderQueue given as an array", () => {
  const stub = Object.assign(() => {}, { q: [["show"]], loaderQueue: [["hide"]] });
  expect(readQueuedCalls(stub)).toEqual([["show"], ["hide"]]);
  expect(readQueuedCalls(undefined)).toEqual([]);
  expect(readQueuedCalls({ q: "junk" })).toEqual([]);
});

test("auto-boots from intercomSettings unless the queue boots itself", () => {
  host.intercomSettings = { app_id: "demo", email: "ada@example.com" };
  const first = recordingMessenger();
  installIntercom(window, first.messenger);
  expect(first.calls).toEqual([["boot", { app_id: "demo", email: "ada@example.com" }]]);

  runNpmStub();
  intercom("update", { app_id: "demo" });
  const second = recordingMessenger();
  installIntercom(window, second.messenger);
  expect(second.calls).toEqual([["update", { app_id: "demo" }]]);
});

test("does not boot without an app_id", () => {
  host.intercomSettings = { name: "Ada" };
  const { messenger, calls } = recordingMessenger();

  installIntercom(window, messenger);

  expect(calls).toEqual([]);
});

test("the installed function answers getVisitorId synchronously and exposes booted", () => {
  const { messenger } = recordingMessenger();
  const installed = installIntercom(window, messenger);

  expect(installed("getVisitorId")).toBe("visitor-1234");
  expect(installed.booted).toBe(false);
  installed("boot", { app_id: "demo" });
  expect(installed.booted).toBe(true);
});

test("a command that throws inside the widget is reported, not thrown", () => {
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  const { messenger } = recordingMessenger();
  messenger.show = () => {
    throw new Error("widget bug");
  };
  const installed = installIntercom(window, messenger);

  expect(() => installed("show")).not.toThrow();
  expect(error).toHaveBeenCalledWith(expect.stringContaining("[Parley] Messenger Intercom('show') failed"), expect.any(Error));
  error.mockRestore();
});

test("features without a counterpart in Parley, and bad callbacks, warn without throwing", () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const installed = installIntercom(window, recordingMessenger().messenger);

  for (const command of ["startTour", "showNews", "startSurvey", "startChecklist", "showTicket"]) {
    expect(() => installed(command, 123)).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`Intercom('${command}') has no counterpart in Parley`));
  }
  installed("startTour", 456); // once per command
  expect(warn).toHaveBeenCalledTimes(5);
  installed("onShow", "not a function");
  expect(warn).toHaveBeenCalledWith(expect.stringContaining("Intercom('onShow', fn) needs a function"));
  // react-use-intercom registers its optional onUserEmailSupplied prop on every boot, given or not.
  installed("onUserEmailSupplied", undefined);
  expect(warn).toHaveBeenCalledTimes(6);
  warn.mockRestore();
});
