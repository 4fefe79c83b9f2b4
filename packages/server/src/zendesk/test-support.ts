import type { Simulator } from "@parley/zendesk-sim";
import { ZendeskApiError } from "./errors";

/** The ZendeskApiError a call fails with; anything else (success included) fails the test. */
export async function failureOf(promise: Promise<unknown>): Promise<ZendeskApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ZendeskApiError)) throw new Error(`expected a ZendeskApiError, got ${String(error)}`);
  return error;
}

// The Zendesk simulator (@parley/zendesk-sim) as tests reach it: its address, its default
// credentials (the defaults of `createSimulator`), and Parley's settings for it.

/** Where tests reach the simulator: its `fetch` answers any host, and tests send this one to it. */
export const SIMULATOR_URL = "http://sim.test";

/** The simulator's admin agent ("Alex Agent", a person in Zendesk) and the API token it accepts for the Support API. */
export const SIMULATOR_SUPPORT_CREDENTIALS = { email: "agent@sim.zendesk.test", apiToken: "sim-token" } as const;

/** The `Authorization` header of the simulator's admin agent: a test reads and changes the simulator's tickets with it. */
export const SIMULATOR_SUPPORT_AUTH = `Basic ${Buffer.from(`${SIMULATOR_SUPPORT_CREDENTIALS.email}/token:${SIMULATOR_SUPPORT_CREDENTIALS.apiToken}`).toString("base64")}`;

/** The simulator's Conversations API app and its app key. */
export const SIMULATOR_CONVERSATIONS_APP = { appId: "sim-app", keyId: "sim-key", secret: "sim-secret" } as const;

/** The `Authorization` header of the simulator's app key (Basic): a test reads the simulator's Conversations API with it. */
export const SIMULATOR_CONVERSATIONS_AUTH = `Basic ${Buffer.from(`${SIMULATOR_CONVERSATIONS_APP.keyId}:${SIMULATOR_CONVERSATIONS_APP.secret}`).toString("base64")}`;

/** What an admin enters in the console to connect the simulator's Support API. */
export const SIMULATOR_SUPPORT_CONNECTION = { subdomain: "sim", baseUrl: SIMULATOR_URL, ...SIMULATOR_SUPPORT_CREDENTIALS } as const;

/** What an admin enters in the console to connect the simulator's Conversations API. */
export const SIMULATOR_CONVERSATIONS_CONNECTION = { subdomain: "sim", baseUrl: SIMULATOR_URL, ...SIMULATOR_CONVERSATIONS_APP } as const;

/** The environment that connects Parley's Support API (tickets) to the simulator at `base`. */
export function simulatorSupportEnv(base: string = SIMULATOR_URL): Record<string, string> {
  return { ZENDESK_BASE_URL: base, ZENDESK_EMAIL: SIMULATOR_SUPPORT_CREDENTIALS.email, ZENDESK_API_TOKEN: SIMULATOR_SUPPORT_CREDENTIALS.apiToken };
}

/** The environment that connects Parley's Conversations API (live chat) to the simulator at `base`. */
export function simulatorConversationsEnv(base: string = SIMULATOR_URL): Record<string, string> {
  return {
    ZENDESK_CONVERSATIONS_BASE_URL: base,
    ZENDESK_CONVERSATIONS_APP_ID: SIMULATOR_CONVERSATIONS_APP.appId,
    ZENDESK_CONVERSATIONS_KEY_ID: SIMULATOR_CONVERSATIONS_APP.keyId,
    ZENDESK_CONVERSATIONS_SECRET: SIMULATOR_CONVERSATIONS_APP.secret,
  };
}

/** The environment that connects Parley to the simulator at `base`: both APIs. */
export function simulatorZendeskEnv(base: string = SIMULATOR_URL): Record<string, string> {
  return { ...simulatorSupportEnv(base), ...simulatorConversationsEnv(base) };
}

/** A `fetch` for Parley whose every call the simulator answers, whatever the host. */
export function simulatorFetch(sim: Simulator): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return async (input, init) => sim.fetch(new Request(input, init));
}

/**
 * Calls the simulator's Support API as its admin agent (`path` under /api/v2/) and gives the
 * answer's JSON, which tests read freely.
 */
export async function supportApi(sim: Simulator, method: string, path: string, body?: unknown): Promise<any> {
  const response = await sim.fetch(
    new Request(`${SIMULATOR_URL}/api/v2/${path}`, {
      method,
      headers: { Authorization: SIMULATOR_SUPPORT_AUTH, ...(body !== undefined && { "Content-Type": "application/json" }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }),
  );
  return response.json();
}

/**
 * The environment that connects Parley's Support API to Acme's Zendesk at `baseUrl`: a stand-in
 * account (a FakeZendesk, or whatever the test's `fetch` answers) with placeholder credentials.
 */
export function acmeSupportEnv(baseUrl: string): Record<string, string> {
  return { ZENDESK_BASE_URL: baseUrl, ZENDESK_EMAIL: "agent@acme.test", ZENDESK_API_TOKEN: "token" };
}

/** A request the fake Zendesk received. */
export interface FakeZendeskCall {
  method: string;
  /** Path and query. */
  path: string;
  body: unknown;
  headers: Headers;
}

/**
 * A Zendesk account with one ticket, answering the Support API calls Parley makes along a
 * conversation (requester, ticket, comments, tags, the agent-reply webhook and trigger) as Zendesk
 * documents them, for tests that want exact answers rather than the simulator. Everything it is
 * asked is kept in `calls`; agents' comments are what a test puts in `comments`.
 */
export class FakeZendesk {
  readonly calls: FakeZendeskCall[] = [];
  /** The ticket's comments, as `GET …/comments.json` lists them. */
  comments: unknown[] = [];
  /** While true, new tickets are refused with 422 (which no retry fixes). */
  refuseTickets = false;
  ticketsCreated = 0;

  constructor(
    readonly options: {
      ticketId?: number;
      requesterId?: number;
      /** The signing secret of the agent-reply webhook Parley registers. */
      signingSecret?: string;
      /** What the requester is called in answers. */
      requester?: { name: string; email: string | null; external_id: string | null };
    } = {},
  ) {}

  get ticketId(): number {
    return this.options.ticketId ?? 35436;
  }

  get requesterId(): number {
    return this.options.requesterId ?? 9001;
  }

  /** A `fetch` that answers from this account, whatever the host. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => this.answer(new Request(input, init));

  /** Answers one request (an msw handler can pass its request here). */
  async answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
    this.calls.push({ method: request.method, path: url.pathname + url.search, body: text ? JSON.parse(text) : null, headers: request.headers });
    const route = `${request.method} ${url.pathname}`;
    const now = "2026-11-23T10:00:00Z";
    const ticket = { id: this.ticketId, status: "open", requester_id: this.requesterId, tags: [], updated_at: now };
    const requester = this.options.requester ?? { name: "Visitor", email: null, external_id: null };
    switch (route) {
      case "POST /api/v2/users/create_or_update.json":
        return Response.json({ user: { id: this.requesterId, ...requester, role: "end-user" } }, { status: 201 });
      case "GET /api/v2/users/me.json":
        // The API user: the AI agent's Zendesk identity when none is configured.
        return Response.json({ user: { id: 5, name: "Parley API", email: "admin@acme.test", role: "admin" } });
      case "GET /api/v2/users/7.json":
        return Response.json({ user: { id: 7, name: "Sam Rivera", email: "sam@acme.test", role: "agent" } });
      case "POST /api/v2/tickets.json":
        if (this.refuseTickets) return Response.json({ error: "RecordInvalid", description: "Record validation errors" }, { status: 422 });
        this.ticketsCreated++;
        return Response.json(
          { ticket: { ...ticket, status: "new" } },
          { status: 201, headers: { "x-idempotency-lookup": "miss", Location: `${url.origin}/api/v2/tickets/${this.ticketId}.json` } },
        );
      case `GET /api/v2/tickets/${this.ticketId}.json`:
        // The AI agent (the API user here) took the ticket when it was created.
        return Response.json({ ticket: { ...ticket, assignee_id: 5 } });
      case `PUT /api/v2/tickets/${this.ticketId}.json`:
        return Response.json({ ticket, audit: { events: [] } });
      case `GET /api/v2/tickets/${this.ticketId}/audits.json`:
        return Response.json({ audits: [], next_page: null, previous_page: null, count: 0 });
      case `PUT /api/v2/tickets/${this.ticketId}/tags.json`:
      case `DELETE /api/v2/tickets/${this.ticketId}/tags.json`:
        return Response.json({ tags: [] });
      case `GET /api/v2/tickets/${this.ticketId}/comments.json`:
        return Response.json({ comments: this.comments, next_page: null, previous_page: null, count: this.comments.length });
      case "GET /api/v2/webhooks.json":
        return Response.json({ webhooks: [], meta: { has_more: false }, links: {} });
      case "POST /api/v2/webhooks.json":
        return Response.json({ webhook: { id: "01HWEBHOOK", name: "Parley: agent replies", endpoint: "x", status: "active" } }, { status: 201 });
      case "GET /api/v2/webhooks/01HWEBHOOK/signing_secret.json":
        return Response.json({ signing_secret: { algorithm: "SHA256", secret: this.options.signingSecret ?? "webhook-secret-from-zendesk" } });
      case "GET /api/v2/triggers.json":
        return Response.json({ triggers: [], next_page: null });
      case "POST /api/v2/triggers.json":
        return Response.json({ trigger: { id: 1, title: "t", active: true } }, { status: 201 });
    }
    return Response.json({ error: "RecordNotFound", description: "Not found" }, { status: 404 });
  }
}
