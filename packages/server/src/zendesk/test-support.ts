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
