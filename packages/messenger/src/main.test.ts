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

test("start installs window.Intercom, replays the stub and draws one launcher, however often it runs", async () => {
  host.intercomSettings = { app_id: "demo" };
  const stub = Object.assign(
    function () {
      stub.c(arguments);
    },
    { q: [] as unknown[], c: (args: unknown) => stub.q.push(args) },
  );
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
