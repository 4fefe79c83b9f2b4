import { waitFor } from "@testing-library/preact";
import { expect, test } from "vitest";
import { useApiServer } from "../test/api-server";
import { message, pingResponse } from "../test/fixtures";
import { messengerRoot, startMessenger, ui } from "../test/harness";

// This file never loads the panel chunk, so @preact/signals' Preact integration (which the panel
// brings) is not in: the launcher must follow the Messenger's state on its own, as it does on a
// page before the panel has loaded.
const { answers } = useApiServer();

test("before the panel chunk is in, the launcher shows unread replies, the page's settings and opening", async () => {
  answers.ping = () =>
    pingResponse({
      conversations: [
        {
          id: "conv_1",
          status: "ai",
          version: 1,
          created_at: "2025-06-01T09:00:00.000Z",
          updated_at: "2025-06-01T09:00:00.000Z",
          last_message: null,
        },
      ],
    });
  const { intercom, sources } = startMessenger({
    settings: { app_id: "demo" },
    loadPanel: () => new Promise(() => {}),
  });
  const root = () => messengerRoot()?.querySelector(".parley");

  await waitFor(() => expect(sources.all).toHaveLength(1));
  sources.latest().open();
  sources.latest().emit({ type: "message", message: message({ author: { type: "ai" } }) }, "101");
  expect(await ui().findByText("1 unread message")).toBeInTheDocument();

  intercom("update", { alignment: "left" });
  await waitFor(() => expect(root()).toHaveClass("parley--left"));

  intercom("show");
  const launcher = await ui().findByRole("button", { name: "Close Messenger" });
  expect(launcher).toHaveAttribute("aria-expanded", "true");
  expect(ui().queryByText("1 unread message")).toBeNull();

  intercom("update", { hide_default_launcher: true });
  await waitFor(() => expect(ui().queryByRole("button")).toBeNull());
});
