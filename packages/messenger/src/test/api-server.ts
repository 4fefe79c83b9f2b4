import {
  PingRequest,
  SendMessageRequest,
  TrackEventRequest,
  type Conversation,
  type ConversationSummary,
  type Message,
  type PingResponse,
} from "@parley/protocol";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { conversation, message, pingResponse } from "./fixtures";

export const API = "http://api.test";

/** What the fake server saw, parsed with the protocol (a request that does not parse fails the test). */
export interface Recorded {
  pings: Array<{ url: string; body: PingRequest }>;
  sends: Array<{ url: string; body: SendMessageRequest; authorization: string | null }>;
  historyLoads: string[];
  events: Array<{ body: TrackEventRequest; authorization: string | null }>;
}

/**
 * An msw server for the widget's HTTP API with sensible answers; tests override single
 * routes with `server.use(...)`.
 */
export function useApiServer() {
  const recorded: Recorded = { pings: [], sends: [], historyLoads: [], events: [] };
  /** How the server answers pings; tests replace it (reset after each test). */
  const answers: { ping: () => PingResponse | Response; conversations: () => ConversationSummary[] } = {
    ping: () => pingResponse(),
    conversations: () => [],
  };
  const stored = new Map<string, Message>();
  let started: Conversation | null = null;

  function store(body: SendMessageRequest, conversationId: string): Message {
    const existing = stored.get(body.client_id);
    if (existing) return existing;
    const created = message({
      conversation_id: conversationId,
      client_id: body.client_id,
      text: body.text,
      author: { type: "customer", name: null },
    });
    stored.set(body.client_id, created);
    return created;
  }

  const handlers = [
    http.post(`*/v1/apps/:app/ping`, async ({ request }) => {
      const body = PingRequest.parse(await request.json());
      recorded.pings.push({ url: request.url, body });
      const answer = answers.ping();
      return answer instanceof Response ? answer : HttpResponse.json(answer);
    }),
    http.post(`*/v1/apps/:app/conversations`, async ({ request }) => {
      const body = SendMessageRequest.parse(await request.json());
      recorded.sends.push({ url: request.url, body, authorization: request.headers.get("authorization") });
      started ??= conversation({ id: "conv_1" });
      return HttpResponse.json({ conversation: started, message: store(body, started.id) }, { status: 201 });
    }),
    http.post(`*/v1/apps/:app/conversations/:id/messages`, async ({ request, params }) => {
      const body = SendMessageRequest.parse(await request.json());
      recorded.sends.push({ url: request.url, body, authorization: request.headers.get("authorization") });
      return HttpResponse.json({ message: store(body, String(params["id"])) }, { status: 201 });
    }),
    http.get(`*/v1/apps/:app/conversations`, () => HttpResponse.json({ conversations: answers.conversations() })),
    http.get(`*/v1/apps/:app/conversations/:id`, ({ request, params }) => {
      recorded.historyLoads.push(request.url);
      return HttpResponse.json({ conversation: conversation({ id: String(params["id"]) }), messages: [] });
    }),
    http.post(`*/v1/apps/:app/events`, async ({ request }) => {
      const body = TrackEventRequest.parse(await request.json());
      recorded.events.push({ body, authorization: request.headers.get("authorization") });
      return HttpResponse.json({ event: { id: `evt_${recorded.events.length}`, event_name: body.event_name, created_at: new Date().toISOString(), metadata: body.metadata ?? {} } }, { status: 201 });
    }),
  ];

  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    recorded.pings.length = 0;
    recorded.sends.length = 0;
    recorded.historyLoads.length = 0;
    recorded.events.length = 0;
    stored.clear();
    started = null;
    answers.ping = () => pingResponse();
    answers.conversations = () => [];
  });
  afterAll(() => server.close());

  return { server, recorded, answers };
}
