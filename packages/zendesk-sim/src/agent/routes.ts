import type { Context, Hono } from "hono";
import { ZendeskError } from "../account/errors";
import { TICKET_STATUSES, type TicketStatus } from "../account/state";
import type { TicketInput } from "../account/tickets";
import { baseUrl, isObject, type ApiEnv } from "../api/http";
import type { SimulatedZendesk } from "../zendesk";
import { notFoundPage, ticketListPage, ticketPage, type ReplyFormState } from "./pages";

const HTML = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" };

/**
 * The agent page. No sign-in: it is a local simulator, and whoever opens it answers as the
 * simulator's agent. Replies are web comments (via_id 0) and fire triggers like any update.
 */
export function agentRoutes(app: Hono<ApiEnv>, zendesk: SimulatedZendesk): void {
  const account = zendesk.settings.subdomain;

  app.get("/", (c) => c.redirect("/agent"));
  app.get("/agent", () => html(200, ticketListPage(zendesk.store, account, zendesk.agent())));

  app.get("/agent/tickets/:id", (c) => {
    const ticket = zendesk.store.tickets.get(Number(c.req.param("id")));
    if (!ticket) return html(404, notFoundPage(account, zendesk.agent()));
    return html(200, ticketPage(zendesk.store, account, zendesk.agent(), ticket));
  });

  // What the page polls to know whether to reload.
  app.get("/agent/tickets/:id/stamp", (c) => {
    const ticket = zendesk.store.tickets.get(Number(c.req.param("id")));
    const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
    return new Response(ticket?.updated_at ?? "", { status: ticket ? 200 : 404, headers });
  });

  app.post("/agent/tickets/:id/comments", async (c) => replyRoute(c, zendesk));
}

async function replyRoute(c: Context<ApiEnv>, zendesk: SimulatedZendesk): Promise<Response> {
  const account = zendesk.settings.subdomain;
  const agent = zendesk.agent();
  const id = Number(c.req.param("id"));
  const ticket = zendesk.store.tickets.get(id);
  if (!ticket) return html(404, notFoundPage(account, agent));

  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const text = typeof form.body === "string" ? form.body : "";
  const internal = form.internal !== undefined;
  const requested = typeof form.status === "string" ? form.status : ticket.status;
  const state: ReplyFormState = { body: text, internal, status: requested };
  const again = (error: string): Response =>
    html(422, ticketPage(zendesk.store, account, agent, zendesk.store.tickets.get(id) ?? ticket, { ...state, error }));

  const status = TICKET_STATUSES.find((candidate): candidate is TicketStatus => candidate === requested);
  if (!status) return again(`"${requested}" is not a ticket status.`);
  const input: TicketInput = {};
  if (text.trim() !== "") input.comment = { body: text, public: !internal };
  if (status !== ticket.status) input.status = status;
  if (!input.comment && !input.status) return again("Write a reply or change the status.");

  try {
    zendesk.updateTicket(id, input, zendesk.context(agent, "web"), baseUrl(c));
  } catch (error) {
    if (error instanceof ZendeskError && error.status === 422) return again(describe(error));
    throw error;
  }
  return c.redirect(`/agent/tickets/${id}`, 303);
}

/** The validation messages of a 422, for the agent to read. */
function describe(error: ZendeskError): string {
  const details = isObject(error.body) && isObject(error.body.details) ? Object.values(error.body.details) : [];
  const messages = details
    .flatMap((list): unknown[] => (Array.isArray(list) ? list : []))
    .map((item) => (isObject(item) && typeof item.description === "string" ? item.description : ""));
  return messages.filter(Boolean).join(" ") || "The ticket could not be updated.";
}

function html(status: number, body: string): Response {
  return new Response(body, { status, headers: HTML });
}
