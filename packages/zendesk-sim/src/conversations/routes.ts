import { Hono, type Context, type MiddlewareHandler } from "hono";
import { z } from "zod";
import { ZendeskError } from "../account/errors";
import type { ApiControls } from "../api/guard";
import { json, type ApiEnv } from "../api/http";
import type { FaultHit } from "../control/faults";
import { authenticateConversations } from "./auth";
import { type ConversationsAccount, conversationJson, type SunMessage, sunError } from "./model";

/**
 * The Conversations API subset Parley uses, at `/v2/apps/{appId}/…` (and under `/sc`, where a
 * Zendesk account serves it). Errors use the API's list envelope, `{"errors":[{"code","title"}]}`.
 */
export function conversationsRoutes(account: () => ConversationsAccount, controls: ApiControls): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  api.use("/v2/*", conversationsGuard(account, controls));

  api.get("/v2/apps/:appId", (c) => json(200, { app: appOf(c, account()).app() }));

  // Users
  api.post("/v2/apps/:appId/users", async (c) => {
    const input = await body(c, UserCreate);
    const user = appOf(c, account()).createUser(input);
    return json(201, { user });
  });
  api.get("/v2/apps/:appId/users/:user", (c) => json(200, { user: appOf(c, account()).user(c.req.param("user")) }));

  // Conversations
  api.post("/v2/apps/:appId/conversations", async (c) => {
    const app = appOf(c, account());
    const input = await body(c, ConversationCreate);
    const [participant] = input.participants;
    const user = participant && ("userId" in participant ? app.user(participant.userId) : app.user(participant.userExternalId));
    if (!user) throw sunError(400, "bad_request", "A personal conversation needs exactly one participant");
    const conversation = app.createConversation({ userId: user.id, displayName: input.displayName, description: input.description, metadata: input.metadata });
    return json(201, { conversation: conversationJson(conversation) });
  });
  api.get("/v2/apps/:appId/conversations", (c) => {
    const app = appOf(c, account());
    const userId = c.req.query("filter[userId]");
    const externalId = c.req.query("filter[userExternalId]");
    if (!userId && !externalId) throw sunError(400, "bad_request", "filter[userId] or filter[userExternalId] is required");
    const user = app.user((userId ?? externalId) as string);
    return json(200, page(c, app.conversationsOf(user.id).map(conversationJson), "conversations"));
  });
  api.get("/v2/apps/:appId/conversations/:id", (c) =>
    json(200, { conversation: conversationJson(appOf(c, account()).conversation(c.req.param("id"))) }),
  );

  // Messages
  api.post("/v2/apps/:appId/conversations/:id/messages", async (c) => {
    const app = appOf(c, account());
    const input = await body(c, MessagePost);
    const conversation = app.conversation(c.req.param("id"));
    let author: SunMessage["author"];
    if (input.author.type === "user") {
      const who = input.author.userId ?? input.author.userExternalId;
      if (!who) throw sunError(400, "bad_request", "A user author needs userId or userExternalId");
      author = { type: "user", userId: app.user(who).id, ...(input.author.displayName && { displayName: input.author.displayName }) };
    } else {
      if (input.author.userId || input.author.userExternalId) {
        throw sunError(400, "bad_request", "userId and userExternalId are only supported when author.type is user");
      }
      author = {
        type: "business",
        ...(input.author.subtypes && { subtypes: input.author.subtypes }),
        ...(input.author.displayName && { displayName: input.author.displayName }),
        ...(input.author.avatarUrl && { avatarUrl: input.author.avatarUrl }),
      };
    }
    const message = app.postMessage(conversation.id, {
      author,
      text: input.content.text,
      source: { type: "api:conversations" },
      metadata: input.metadata,
    });
    return json(201, { messages: [message] });
  });
  api.get("/v2/apps/:appId/conversations/:id/messages", (c) => {
    const app = appOf(c, account());
    const all = app.messages.get(app.conversation(c.req.param("id")).id) ?? [];
    // Newest first in pages of 100, each page in chronological order, as the API lists them.
    const before = c.req.query("page[before]");
    const end = before ? all.findIndex((message) => message.id === before) : all.length;
    if (end < 0) throw sunError(400, "bad_request", "page[before] is not a message of this conversation");
    const start = Math.max(0, end - 100);
    const messages = all.slice(start, end);
    const hasMore = start > 0;
    return json(200, {
      messages,
      meta: { hasMore, ...(hasMore && messages[0] && { beforeCursor: messages[0].id }) },
      links: hasMore && messages[0] ? { prev: `${new URL(c.req.url).pathname}?page[before]=${messages[0].id}` } : {},
    });
  });

  // Switchboard control
  api.post("/v2/apps/:appId/conversations/:id/passControl", async (c) => {
    const input = await body(c, ControlBody);
    appOf(c, account()).passControl(c.req.param("id"), input.switchboardIntegration, input.metadata);
    return json(200, {});
  });
  api.post("/v2/apps/:appId/conversations/:id/offerControl", async (c) => {
    const input = await body(c, ControlBody);
    appOf(c, account()).offerControl(c.req.param("id"), input.switchboardIntegration, input.metadata);
    return json(200, {});
  });
  api.post("/v2/apps/:appId/conversations/:id/acceptControl", async (c) => {
    const input = await body(c, ReleaseBody, true);
    appOf(c, account()).acceptControl(c.req.param("id"), input.metadata);
    return json(200, {});
  });
  api.post("/v2/apps/:appId/conversations/:id/releaseControl", async (c) => {
    const input = await body(c, ReleaseBody, true);
    appOf(c, account()).releaseControl(c.req.param("id"), input.metadata);
    return json(200, {});
  });
  api.get("/v2/apps/:appId/switchboards", (c) => {
    const app = appOf(c, account());
    const first = app.switchboardIntegrations[0];
    return json(200, { switchboards: [{ id: app.switchboardId, enabled: true, defaultSwitchboardIntegrationId: first?.id }] });
  });
  api.get("/v2/apps/:appId/switchboards/:sb/switchboardIntegrations", (c) => {
    const app = switchboardOf(c, account());
    return json(200, { switchboardIntegrations: app.switchboardIntegrations });
  });
  api.post("/v2/apps/:appId/switchboards/:sb/switchboardIntegrations", async (c) => {
    const app = switchboardOf(c, account());
    const input = await body(c, SwitchboardIntegrationCreate);
    // The simulator's app only holds custom integrations of its own: a switchboard integration names one of them.
    if (!input.integrationId) throw sunError(400, "bad_request", "integrationId is required (the simulator has no other integrations of that type)");
    if (!app.integrations.has(input.integrationId)) throw sunError(404, "integration_not_found", "Integration not found");
    const created = app.addSwitchboardIntegration({
      name: input.name,
      integrationType: "custom",
      integrationId: input.integrationId,
      deliverStandbyEvents: input.deliverStandbyEvents,
      ...(input.nextSwitchboardIntegrationId && { nextSwitchboardIntegrationId: input.nextSwitchboardIntegrationId }),
      ...(input.messageHistoryCount && { messageHistoryCount: input.messageHistoryCount }),
    });
    return json(201, { switchboardIntegration: created });
  });

  // Integrations (custom, with their one webhook)
  api.get("/v2/apps/:appId/integrations", (c) => {
    const app = appOf(c, account());
    const types = (c.req.query("filter[types]") ?? "").split(",").filter(Boolean);
    const integrations = [...app.integrations.values()].filter((integration) => types.length === 0 || types.includes(integration.type));
    return json(200, { integrations, meta: { hasMore: false }, links: {} });
  });
  api.post("/v2/apps/:appId/integrations", async (c) => {
    const input = await body(c, IntegrationCreate);
    const integration = appOf(c, account()).createCustomIntegration({
      displayName: input.displayName,
      webhooks: input.webhooks.map((webhook) => ({
        target: webhook.target,
        triggers: webhook.triggers,
        includeFullUser: webhook.includeFullUser,
        includeFullSource: webhook.includeFullSource,
      })),
    });
    return json(201, { integration });
  });

  api.all("/v2/*", () => {
    throw sunError(404, "not_found", "Resource not found");
  });
  return api;
}

const Flat = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

const UserCreate = z.object({
  externalId: z.string().min(1).max(1024).optional(),
  signedUpAt: z.string().optional(),
  profile: z
    .object({
      givenName: z.string().optional(),
      surname: z.string().optional(),
      email: z.email().optional(),
      avatarUrl: z.string().optional(),
      locale: z.string().optional(),
    })
    .optional(),
  metadata: Flat.optional(),
});

const Participant = z.union([z.object({ userId: z.string().min(1) }), z.object({ userExternalId: z.string().min(1) })]);
const ConversationCreate = z.object({
  type: z.literal("personal", { message: "the simulator makes personal conversations only" }),
  participants: z.array(Participant).length(1, "a personal conversation has exactly one participant"),
  displayName: z.string().min(1).max(100).optional(),
  description: z.string().min(1).max(100).optional(),
  metadata: Flat.optional(),
});

const MessagePost = z.object({
  author: z.object({
    type: z.enum(["business", "user"]),
    subtypes: z.array(z.enum(["AI", "activity"])).max(1).optional(),
    userId: z.string().optional(),
    userExternalId: z.string().optional(),
    displayName: z.string().optional(),
    avatarUrl: z.string().optional(),
  }),
  content: z.object({ type: z.literal("text", { message: "the simulator accepts text messages only" }), text: z.string().min(1).max(4096) }),
  metadata: Flat.optional(),
});

const ControlBody = z.object({ switchboardIntegration: z.string().min(1), metadata: Flat.optional() });
const ReleaseBody = z.object({ metadata: Flat.optional() });

const SwitchboardIntegrationCreate = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  integrationId: z.string().optional(),
  integrationType: z.string().optional(),
  deliverStandbyEvents: z.boolean().default(true),
  nextSwitchboardIntegrationId: z.string().optional(),
  messageHistoryCount: z.number().int().min(1).max(10).optional(),
});

const IntegrationCreate = z.object({
  type: z.literal("custom", { message: "the simulator makes custom integrations only" }),
  displayName: z.string().min(1).max(100),
  webhooks: z
    .array(
      z.object({
        target: z.url(),
        triggers: z.array(z.string()).min(1),
        includeFullUser: z.boolean().default(false),
        includeFullSource: z.boolean().default(false),
      }),
    )
    .length(1, "a custom integration has exactly one webhook"),
});

function appOf(c: Context, account: ConversationsAccount): ConversationsAccount {
  if (c.req.param("appId") !== account.settings.appId) throw sunError(404, "app_not_found", "App not found");
  return account;
}

function switchboardOf(c: Context, account: ConversationsAccount): ConversationsAccount {
  const app = appOf(c, account);
  if (c.req.param("sb") !== app.switchboardId) throw sunError(404, "not_found", "Switchboard not found");
  return app;
}

/** The JSON body checked against `schema`; every problem is one entry of a 400's error list. */
async function body<T extends z.ZodType>(c: Context, schema: T, optional = false): Promise<z.output<T>> {
  const text = await c.req.text();
  if (Buffer.byteLength(text) > 100 * 1024) throw sunError(413, "request_too_large", "JSON bodies are limited to 100kb");
  let value: unknown = {};
  if (text.trim() !== "" || !optional) {
    try {
      value = JSON.parse(text);
    } catch {
      throw sunError(400, "bad_request", "The request body is not valid JSON");
    }
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ZendeskError(400, {
    errors: parsed.error.issues.map((issue) => ({
      code: "bad_request",
      title: `${issue.path.join(".") || "body"}: ${issue.message}`,
    })),
  });
}

function page(c: Context, items: { id?: unknown }[], key: string): Record<string, unknown> {
  const size = Math.min(100, Math.max(1, Number(c.req.query("page[size]") ?? 25) || 25));
  const after = c.req.query("page[after]");
  const start = after ? items.findIndex((item) => item.id === after) + 1 : 0;
  const slice = items.slice(start, start + size);
  const hasMore = start + size < items.length;
  const last = slice.at(-1)?.id;
  return {
    [key]: slice,
    meta: { hasMore, ...(hasMore && typeof last === "string" && { afterCursor: last }) },
    links: hasMore && typeof last === "string" ? { next: `${new URL(c.req.url).pathname}?page[after]=${last}&page[size]=${size}` } : {},
  };
}

/** Injected latency and faults, the rate limit, then authentication: as in front of the Support API. */
function conversationsGuard(account: () => ConversationsAccount, controls: ApiControls): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (controls.latency.ms > 0) await new Promise((resolve) => setTimeout(resolve, controls.latency.ms));
    const fault = controls.faults.take(c.req.method, new URL(c.req.url).pathname);
    if (fault) return faultResponse(fault);
    const budget = controls.limiter.take();
    if (!budget.allowed) {
      return json(429, { errors: [{ code: "too_many_requests", title: "Rate limit exceeded" }] }, { "Retry-After": String(budget.resetSeconds) });
    }
    const problem = await authenticateConversations(account().settings, c.req.header("Authorization"));
    if (problem) return json(401, { errors: [{ code: "unauthorized", title: problem }] });
    await next();
  };
}

const FAULT_CODES: Record<number, string> = {
  429: "too_many_requests",
  500: "internal_server_error",
  502: "bad_gateway",
  503: "service_unavailable",
  504: "gateway_timeout",
};

function faultResponse(fault: FaultHit): Response {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
  else if (fault.status === 429 && !fault.plainText) headers["Retry-After"] = "1";
  if (fault.plainText) {
    return new Response(`HTTP ${fault.status}`, { status: fault.status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  }
  const code = FAULT_CODES[fault.status] ?? "error";
  return json(fault.status, { errors: [{ code, title: `Simulated ${fault.status}` }] }, headers);
}

