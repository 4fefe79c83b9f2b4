import { SendMessageRequest } from "@parley/protocol";
import { waitFor } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { expect, test, vi } from "vitest";
import { useApiServer } from "../test/api-server";
import { conversation, message } from "../test/fixtures";
import { openComposer, startMessenger, ui } from "../test/harness";

const { server, recorded } = useApiServer();

/** A start-conversation route whose answer waits until the test releases it. */
function heldStart() {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const bodies: SendMessageRequest[] = [];
  server.use(
    http.post("*/v1/apps/:app/conversations", async ({ request }) => {
      const body = SendMessageRequest.parse(await request.json());
      bodies.push(body);
      await released;
      return HttpResponse.json(
        {
          conversation: conversation({ id: "conv_1" }),
          message: message({
            id: "msg_hello",
            client_id: body.client_id,
            text: body.text,
            author: { type: "customer" },
          }),
        },
        { status: 201 },
      );
    }),
  );
  return { bodies, release };
}

test("a sent message shows at once as sending, then once, however the server echoes it", async () => {
  const user = userEvent.setup();
  const held = heldStart();
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  const textbox = await openComposer(intercom);

  await user.type(textbox, "Hello there{Enter}");

  expect(await ui().findByText("Sending…")).toBeInTheDocument();
  expect(ui().getAllByText("Hello there")).toHaveLength(1);
  expect(textbox).toHaveValue("");
  await waitFor(() => expect(held.bodies).toHaveLength(1));
  const clientId = held.bodies[0]!.client_id;

  held.release();
  await waitFor(() => expect(ui().queryByText("Sending…")).toBeNull());
  sources.latest().emit(
    {
      type: "message",
      message: message({
        id: "msg_hello",
        conversation_id: "conv_1",
        client_id: clientId,
        text: "Hello there",
        author: { type: "customer" },
      }),
    },
    "101",
  );
  await Promise.resolve();
  expect(ui().getAllByText("Hello there")).toHaveLength(1);
});

test("a stream echo that beats the HTTP answer settles the optimistic message (matched by client id)", async () => {
  const user = userEvent.setup();
  const held = heldStart();
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  const textbox = await openComposer(intercom);
  // Two identical texts: only the client id tells them apart.
  await user.type(textbox, "ok{Enter}");
  await waitFor(() => expect(held.bodies).toHaveLength(1));

  sources.latest().emit(
    {
      type: "message",
      message: message({
        id: "msg_hello",
        client_id: held.bodies[0]!.client_id,
        text: "ok",
        author: { type: "customer" },
      }),
    },
    "101",
  );

  await waitFor(() => expect(ui().queryByText("Sending…")).toBeNull());
  expect(ui().getAllByText("ok")).toHaveLength(1);
  held.release();
  await user.type(textbox, "ok{Enter}");
  await waitFor(() => expect(recorded.sends).toHaveLength(1));
  await waitFor(() => expect(ui().getAllByText("ok")).toHaveLength(2));
});

test("the first message starts the conversation and later ones are sent to it, in order, with the session token", async () => {
  const user = userEvent.setup();
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  const textbox = await openComposer(intercom);

  await user.type(textbox, "one{Enter}");
  await user.type(textbox, "two{Enter}");

  await waitFor(() => expect(recorded.sends).toHaveLength(2));
  expect(recorded.sends.map((send) => [new URL(send.url).pathname, send.body.text])).toEqual([
    ["/v1/apps/demo/conversations", "one"],
    ["/v1/apps/demo/conversations/conv_1/messages", "two"],
  ]);
  expect(recorded.sends.every((send) => send.authorization === "Bearer token-1")).toBe(true);
});

test("a send that meets 503s or a network failure is retried with the same client id and shown once", async () => {
  const user = userEvent.setup();
  const attempts: SendMessageRequest[] = [];
  server.use(
    http.post("*/v1/apps/:app/conversations", async ({ request }) => {
      attempts.push(SendMessageRequest.parse(await request.json()));
      if (attempts.length === 1) {
        return HttpResponse.json(
          { error: { code: "internal_error", message: "try later" } },
          { status: 503 },
        );
      }
      if (attempts.length === 2) return HttpResponse.error();
      return HttpResponse.json(
        { conversation: conversation(), message: message({ client_id: attempts[2]!.client_id, text: attempts[2]!.text, author: { type: "customer" } }) },
        { status: 201 },
      );
    }),
  );
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  const textbox = await openComposer(intercom);

  await user.type(textbox, "Where is my order?{Enter}");

  await waitFor(() => expect(attempts).toHaveLength(3));
  expect(new Set(attempts.map((attempt) => attempt.client_id)).size).toBe(1);
  await waitFor(() => expect(ui().queryByText("Sending…")).toBeNull());
  expect(ui().getAllByText("Where is my order?")).toHaveLength(1);
  expect(ui().queryByText("Not delivered.")).toBeNull();
});

test("a send the server rejects is marked not delivered, and Retry sends it again with the same client id", async () => {
  const user = userEvent.setup();
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  const attempts: SendMessageRequest[] = [];
  server.use(
    http.post("*/v1/apps/:app/conversations", async ({ request }) => {
      attempts.push(SendMessageRequest.parse(await request.json()));
      if (attempts.length === 1) {
        return HttpResponse.json(
          { error: { code: "rate_limited", message: "slow down" } },
          { status: 400 },
        );
      }
      const last = attempts[attempts.length - 1]!;
      return HttpResponse.json(
        { conversation: conversation(), message: message({ client_id: last.client_id, text: last.text, author: { type: "customer" } }) },
        { status: 201 },
      );
    }),
  );
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  const textbox = await openComposer(intercom);

  await user.type(textbox, "Hello?{Enter}");

  expect(await ui().findByText("Not delivered.")).toBeInTheDocument();
  expect(error).toHaveBeenCalledWith(expect.stringContaining("[Parley] A message could not be sent"));
  await user.click(ui().getByRole("button", { name: "Retry" }));

  await waitFor(() => expect(attempts).toHaveLength(2));
  expect(attempts.map((attempt) => attempt.client_id)).toEqual([
    attempts[0]!.client_id,
    attempts[0]!.client_id,
  ]);
  await waitFor(() => expect(ui().queryByText("Not delivered.")).toBeNull());
  expect(ui().getAllByText("Hello?")).toHaveLength(1);
  error.mockRestore();
});

test("Shift+Enter adds a line, Enter sends, and line breaks survive", async () => {
  const user = userEvent.setup();
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  const textbox = await openComposer(intercom);

  await user.type(textbox, "line one{Shift>}{Enter}{/Shift}line two{Enter}");

  await waitFor(() => expect(recorded.sends).toHaveLength(1));
  expect(recorded.sends[0]!.body.text).toBe("line one\nline two");
  const bubble = await ui().findByText((_, element) => element?.textContent === "line one\nline two" && element.tagName === "P");
  expect(bubble).toBeInTheDocument();
});

test("stream messages of another conversation are not mixed into this one", async () => {
  const user = userEvent.setup();
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  const textbox = await openComposer(intercom);
  await user.type(textbox, "Hi{Enter}");
  await waitFor(() => expect(recorded.sends).toHaveLength(1));
  await waitFor(() => expect(ui().queryByText("Sending…")).toBeNull());

  sources.latest().emit({ type: "message", message: message({ conversation_id: "conv_other", text: "Not yours" }) }, "101");
  sources.latest().emit({ type: "message", message: message({ conversation_id: "conv_1", text: "Yours" }) }, "102");

  expect(await ui().findByText("Yours")).toBeInTheDocument();
  expect(ui().queryByText("Not yours")).toBeNull();
});

test("a message typed while the server is unreachable is kept in localStorage until it is delivered", async () => {
  const user = userEvent.setup();
  let reachable = false;
  server.use(
    http.post("*/v1/apps/:app/conversations", async ({ request }) => {
      if (!reachable) return HttpResponse.error();
      const body = SendMessageRequest.parse(await request.json());
      return HttpResponse.json(
        { conversation: conversation({ id: "conv_1" }), message: message({ client_id: body.client_id, text: body.text, author: { type: "customer" } }) },
        { status: 201 },
      );
    }),
  );
  const { intercom } = startMessenger({ settings: { app_id: "demo" }, network: { retryDelayMs: () => 50 } });
  const textbox = await openComposer(intercom);
  await user.type(textbox, "Sent from a train{Enter}");

  await waitFor(() => expect(JSON.parse(localStorage.getItem("parley-demo-unsent") ?? "[]")).toEqual([{ clientId: expect.any(String), text: "Sent from a train", owner: intercom("getVisitorId") }]));
  reachable = true;
  await waitFor(() => expect(ui().queryByText("Sending…")).toBeNull());
  expect(localStorage.getItem("parley-demo-unsent")).toBeNull();
});

test("unsent messages a previous page of the same user left are sent once, in order, with their client ids, when the Messenger starts", async () => {
  const unsent = [
    { clientId: "11111111-1111-4111-8111-111111111111", text: "first, offline", owner: "u-1" },
    { clientId: "22222222-2222-4222-8222-222222222222", text: "second, offline", owner: "u-1" },
  ];
  localStorage.setItem("parley-demo-unsent", JSON.stringify(unsent));
  startMessenger({ settings: { app_id: "demo", user_id: "u-1" } });

  await waitFor(() => expect(recorded.sends).toHaveLength(2));
  expect(recorded.sends.map((send) => [send.body.client_id, send.body.text])).toEqual(unsent.map((item) => [item.clientId, item.text]));
  await waitFor(() => expect(localStorage.getItem("parley-demo-unsent")).toBeNull());
});

test("shutdown forgets unsent messages with the rest of the visitor's data", async () => {
  server.use(http.post("*/v1/apps/:app/conversations", () => HttpResponse.error()));
  localStorage.setItem("parley-demo-unsent", JSON.stringify([{ clientId: "33333333-3333-4333-8333-333333333333", text: "private", owner: "u-1" }]));
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  await waitFor(() => expect(recorded.pings).toHaveLength(1));
  intercom("shutdown");
  expect(localStorage.getItem("parley-demo-unsent")).toBeNull();
});
