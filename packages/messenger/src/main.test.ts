import { waitFor } from "@testing-library/preact";
import { afterEach, expect, test } from "vitest";
import { start } from "./main";
import { API, useApiServer } from "./test/api-server";

const { recorded } = useApiServer();
type HostWindow = Window & { Intercom?: unknown; intercomSettings?: unknown };
const host = window as HostWindow;

afterEach(() => {
  (host.Intercom as ((command: string) => void) | undefined)?.("shutdown");
});

/** A loader stub as Intercom's snippet (and the libraries copying it) puts on window.Intercom. */
function loaderStub() {
  const stub = Object.assign(
    function () {
      stub.c(arguments);
    },
    { q: [] as unknown[], c: (args: unknown) => stub.q.push(args) },
  );
  return stub;
}

test("start installs window.Intercom, replays the stub and draws one launcher, however often it runs", async () => {
  host.intercomSettings = { app_id: "demo" };
  const stub = loaderStub();
  host.Intercom = stub;
  (host.Intercom as (...args: unknown[]) => void)("update", { name: "Ada" });

  start({ apiBase: API, appId: "demo" });
  const installed = host.Intercom;
  start({ apiBase: API, appId: "demo" });

  expect(host.Intercom).toBe(installed);
  expect(host.Intercom).not.toBe(stub);
  expect(document.querySelectorAll("#parley-messenger")).toHaveLength(1);
  expect((host.Intercom as { booted: boolean }).booted).toBe(true);
  await waitFor(() => expect(recorded.pings.at(-1)?.body.user.name).toBe("Ada"));
});

test("loaded again after the page deleted window.Intercom and put a new stub there, it takes up that stub's queue with the same Messenger", async () => {
  // react-intercom on unmount: shutdown, then `delete window.Intercom`; on the next mount, a new
  // stub, a queued boot and Intercom's script added again. Intercom starts again there.
  host.intercomSettings = { app_id: "demo" };
  start({ apiBase: API, appId: "demo" });
  (host.Intercom as (command: string) => void)("shutdown");
  delete host.Intercom;
  expect(document.querySelectorAll("#parley-messenger")).toHaveLength(0);

  const stub = loaderStub();
  host.Intercom = stub;
  (host.Intercom as (...args: unknown[]) => void)("boot", { name: "Grace" });
  start({ apiBase: API, appId: "demo" });

  expect(host.Intercom).not.toBe(stub);
  expect((host.Intercom as { booted: boolean }).booted).toBe(true);
  expect(document.querySelectorAll("#parley-messenger")).toHaveLength(1);
  await waitFor(() => expect(recorded.pings.at(-1)?.body.user.name).toBe("Grace"));
});
