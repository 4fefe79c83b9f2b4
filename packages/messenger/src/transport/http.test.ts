// @vitest-environment node
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { message } from "../test/fixtures";
import { ApiError, createHttpClient } from "./http";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createHttpClient({ apiBase: "http://api.test", appId: "my app", token: () => "tok" });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the request to fail");
}

test("sends JSON with the bearer token and parses the answer with the protocol", async () => {
  let seen: { authorization: string | null; type: string | null; url: string } | null = null;
  const answer = message({ client_id: "client-0001", author: { type: "customer" } });
  server.use(
    http.post("http://api.test/v1/apps/:app/conversations/:id/messages", ({ request }) => {
      seen = {
        authorization: request.headers.get("authorization"),
        type: request.headers.get("content-type"),
        url: request.url,
      };
      return HttpResponse.json({ message: answer }, { status: 201 });
    }),
  );

  const sent = await client.sendMessage("conv 1", { client_id: "client-0001", text: "Hi" });

  expect(sent.message).toEqual(answer);
  expect(seen).toEqual({
    authorization: "Bearer tok",
    type: "application/json",
    url: "http://api.test/v1/apps/my%20app/conversations/conv%201/messages",
  });
});

test("turns an ErrorBody into an ApiError with its code", async () => {
  server.use(
    http.get("http://api.test/v1/apps/:app/conversations/:id", () =>
      HttpResponse.json({ error: { code: "conversation_not_found", message: "No such conversation" } }, { status: 404 }),
    ),
  );

  const error = await failure(client.getConversation("nope"));

  expect(error).toMatchObject({ status: 404, code: "conversation_not_found", message: "No such conversation" });
  expect(error.retryable).toBe(false);
});

test("an error code this build does not know (a newer server) keeps its code, message and issues", async () => {
  server.use(
    http.post("http://api.test/v1/apps/:app/conversations", () =>
      HttpResponse.json({ error: { code: "message_too_long_for_channel", message: "Shorten it", issues: [{ path: "text", message: "too long" }] } }, { status: 422 }),
    ),
  );

  const error = await failure(client.startConversation({ client_id: "client-0002", text: "Hi" }));

  expect(error).toMatchObject({ status: 422, code: "message_too_long_for_channel", message: "Shorten it", issues: [{ path: "text", message: "too long" }] });
});

test("a 5xx without an ErrorBody and a network failure are retryable", async () => {
  server.use(http.post("http://api.test/v1/apps/:app/ping", () => new HttpResponse("oops", { status: 502 })));
  const bad = await failure(client.ping({ visitor_id: "visitor-0001", user: {} }));
  expect(bad).toMatchObject({ status: 502, code: "http_error" });
  expect(bad.retryable).toBe(true);

  server.use(http.post("http://api.test/v1/apps/:app/ping", () => HttpResponse.error()));
  const offline = await failure(client.ping({ visitor_id: "visitor-0001", user: {} }));
  expect(offline).toMatchObject({ status: 0, code: "network_error" });
  expect(offline.retryable).toBe(true);
});

test("an answer that breaks the protocol is an invalid_response error", async () => {
  server.use(http.post("http://api.test/v1/apps/:app/ping", () => HttpResponse.json({ session: "?" })));

  const error = await failure(client.ping({ visitor_id: "visitor-0001", user: {} }));

  expect(error.code).toBe("invalid_response");
});
