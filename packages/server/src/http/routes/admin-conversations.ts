import type { CitingQuestionsResponse, ConversationOverview as AdminConversationOverview, ConversationOverviewsResponse, Transcript } from "@parley/protocol";
import { Hono } from "hono";
import { z } from "zod";
import type { Config } from "../../config";
import type { KnowledgeSnapshot } from "../../agent";
import { appConversation, listAppConversations, questionsCiting, type ConversationOverview } from "../../store/admin-conversations";
import { listContactEvents, summarizeContactEvents } from "../../store/contact-events";
import type { Db } from "../../store/db";
import { requireAdminToken } from "../admin-auth";
import { ApiError } from "../errors";
import { standingBase } from "../public-url";

const ListQuery = z.strictObject({
  status: z.enum(["ai", "resolved", "team"], { error: "use ai, resolved or team" }).optional(),
  tag: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1).max(200).default(50),
});

/**
 * The owner's view of every conversation: GET /admin/api/conversations (filter by status and tag)
 * and GET /admin/api/conversations/{id} (the whole transcript: what the AI answered, with its
 * sources, what it asked, and the Zendesk ticket it is mirrored to; what the AI agent and the
 * workflow decided at each step (answered, clarified, handed off and why, notes, summary,
 * classification); and the events the customer's
 * pages tracked); and for an article, the
 * questions the AI answered citing it (GET /admin/api/articles/{id}/questions).
 */
export function adminConversations(deps: { config: Config; db: Db; knowledge: { current(): KnowledgeSnapshot<unknown> } }): Hono {
  const { config, db } = deps;
  const api = new Hono();
  api.use("*", requireAdminToken(config));

  api.get("/conversations", async (c) => {
    const parsed = ListQuery.safeParse(c.req.query());
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join(".") || "(query)", message: issue.message }));
      throw new ApiError(400, "invalid_request", issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "), issues);
    }
    const conversations = await listAppConversations(db, config.app.id, parsed.data);
    return c.json({ conversations: conversations.map(withTicketUrl) } satisfies ConversationOverviewsResponse);
  });

  api.get("/conversations/:id", async (c) => {
    const found = await appConversation(db, config.app.id, c.req.param("id"));
    if (found === undefined) throw new ApiError(404, "conversation_not_found", `No conversation has the id "${c.req.param("id")}".`);
    // What the customer did on the site (Intercom('trackEvent')), beside what they wrote.
    const contactId = found.overview.contact.id;
    const customerEvents = {
      summary: await summarizeContactEvents(db, contactId),
      recent: (await listContactEvents(db, config.app.id, { contactId, limit: 20 })).map(({ contact: _, ...event }) => event),
    };
    return c.json({
      conversation: withTicketUrl(found.overview),
      messages: found.messages,
      decisions: found.decisions,
      customer_events: customerEvents,
    } satisfies Transcript);
  });

  // Which customer questions an article answered: what the owner looks at before changing it.
  api.get("/articles/:id/questions", async (c) => {
    const entry = deps.knowledge.current().entries.get(c.req.param("id"));
    if (entry === undefined) throw new ApiError(404, "article_not_found", `No help-center article has the id "${c.req.param("id")}".`);
    const url = new URL(entry.article.url, standingBase(config)).href;
    return c.json({ questions: await questionsCiting(db, config.app.id, url, 20) } satisfies CitingQuestionsResponse);
  });

  /** Where the ticket opens in Zendesk's agent workspace (the simulator has the same address). */
  function withTicketUrl(conversation: ConversationOverview): AdminConversationOverview {
    const base = config.zendesk?.baseUrl;
    return { ...conversation, ticket_url: conversation.ticket_id !== null && base ? `${base}/agent/tickets/${conversation.ticket_id}` : null };
  }

  return api;
}
