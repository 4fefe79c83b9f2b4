import type { ConversationsConnection, ConversationsConnectionResponse, SupportConnection, SupportConnectionResponse } from "@parley/protocol";
import { Hono } from "hono";
import * as z from "zod";
import type { Config } from "../../config";
import { secretBoxFor } from "../../security/secret-box";
import type { Db } from "../../store/db";
import { type CheckOptions, ConversationsCheck, checkConversations, checkSupport, SupportCheck } from "../../zendesk/connections/check";
import { ConversationsCredentials, Subdomain, SupportCredentials, supportBaseUrl } from "../../zendesk/connections/credentials";
import { createZendeskClient, type ZendeskClient } from "../../zendesk/client";
import { ZendeskApiError } from "../../zendesk/errors";
import { loadConnection, saveCheck, saveConnection } from "../../zendesk/connections/store";
import { requireAdminToken } from "../admin-auth";
import { limitBody, readJson } from "../body";
import { ApiError } from "../errors";

export interface AdminZendeskDeps {
  config: Pick<Config, "adminToken" | "security">;
  db: Db;
  clock: () => Date;
  /** fetch for the checks (tests inject one). */
  fetch?: typeof fetch | undefined;
  /** The Support API the server works with now, if any. */
  supportApi?: (() => Promise<{ client: ZendeskClient } | null>) | undefined;
  /** Called once a connection is saved, so the server uses it at once. */
  onConnected?: (() => Promise<void>) | undefined;
}

const SupportInput = z
  .strictObject({
    subdomain: Subdomain,
    email: z.email().optional(),
    apiToken: z.string().trim().min(1).optional(),
    oauthToken: z.string().trim().min(1).optional(),
    baseUrl: z.url().optional(),
  })
  .superRefine((input, ctx) => {
    const token = input.email !== undefined || input.apiToken !== undefined;
    if (token === (input.oauthToken !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["oauthToken"], message: "send either email and apiToken, or oauthToken" });
    } else if (token && (!input.email || !input.apiToken)) {
      ctx.addIssue({ code: "custom", path: [input.email ? "apiToken" : "email"], message: "an API token goes with the email of the agent it belongs to" });
    }
  })
  .transform(
    (input): SupportCredentials => ({
      subdomain: input.subdomain,
      ...(input.baseUrl && { baseUrl: input.baseUrl }),
      auth: input.oauthToken ? { kind: "oauth", accessToken: input.oauthToken } : { kind: "api_token", email: input.email ?? "", token: input.apiToken ?? "" },
    }),
  );

const ConversationsInput = ConversationsCredentials.extend({}).strict();

/**
 * "Connect Zendesk" as an admin API: /admin/api/zendesk/{support,conversations}. PUT tries the
 * credentials for real and keeps them only if they work (422 `zendesk_connection_failed` says
 * what is wrong, `issues[0].path` which field); GET shows the connection without its secrets;
 * POST …/check tries the kept credentials again (e.g. after turning on multiple conversations).
 */
export function adminZendesk(deps: AdminZendeskDeps): Hono {
  const { db, clock } = deps;
  const box = secretBoxFor(deps.config.security.secretsKey);
  const checks: CheckOptions = deps.fetch ? { fetch: deps.fetch } : {};
  const api = new Hono();
  api.use("/zendesk/*", requireAdminToken(deps.config));
  api.use("/zendesk/*", limitBody(16 * 1024));

  api.put("/zendesk/support", async (c) => {
    const credentials = await readJson(c, SupportInput);
    const check = await checkSupport(credentials, checks);
    if (!check.ok) throw connectionFailed(check.problem);
    await saveConnection(db, "support", credentials, check, clock().toISOString(), box);
    await deps.onConnected?.();
    return c.json({ connection: supportView(credentials, check, clock().toISOString()) } satisfies SupportConnectionResponse);
  });
  api.get("/zendesk/support", async (c) => {
    const stored = await loadConnection(db, "support", SupportCheck, box);
    if (!stored) throw notConnected("support");
    return c.json({ connection: supportView(stored.credentials, stored.check, stored.checkedAt) } satisfies SupportConnectionResponse);
  });
  api.post("/zendesk/support/check", async (c) => {
    const stored = await loadConnection(db, "support", SupportCheck, box);
    if (!stored) throw notConnected("support");
    const check = await checkSupport(stored.credentials, checks);
    const at = clock().toISOString();
    await saveCheck(db, "support", check, at);
    return c.json({ connection: supportView(stored.credentials, check, at) } satisfies SupportConnectionResponse);
  });

  api.put("/zendesk/conversations", async (c) => {
    const credentials = await readJson(c, ConversationsInput);
    const check = await checkConversations(credentials, checks);
    if (!check.ok) throw connectionFailed(check.problem);
    await saveConnection(db, "conversations", credentials, check, clock().toISOString(), box);
    await deps.onConnected?.();
    return c.json({ connection: conversationsView(credentials, check, clock().toISOString()) } satisfies ConversationsConnectionResponse);
  });
  api.get("/zendesk/conversations", async (c) => {
    const stored = await loadConnection(db, "conversations", ConversationsCheck, box);
    if (!stored) throw notConnected("conversations");
    return c.json({ connection: conversationsView(stored.credentials, stored.check, stored.checkedAt) } satisfies ConversationsConnectionResponse);
  });
  api.post("/zendesk/conversations/check", async (c) => {
    const stored = await loadConnection(db, "conversations", ConversationsCheck, box);
    if (!stored) throw notConnected("conversations");
    const check = await checkConversations(stored.credentials, checks);
    const at = clock().toISOString();
    await saveCheck(db, "conversations", check, at);
    return c.json({ connection: conversationsView(stored.credentials, check, at) } satisfies ConversationsConnectionResponse);
  });
  // The AI's identity in Zendesk: an agent user of the connected account.
  api.put("/zendesk/ai-agent", async (c) => {
    const { userId } = await readJson(c, z.strictObject({ userId: z.number().int().positive() }));
    const client = await supportClient();
    if (!client) throw new ApiError(409, "zendesk_connection_failed", "Connect the Support API first: the AI's agent user is checked against it.", [{ path: "userId", message: "not_connected" }]);
    let user;
    try {
      user = await client.users.show(userId);
    } catch (error) {
      if (error instanceof ZendeskApiError && error.status === 404) {
        throw new ApiError(422, "zendesk_connection_failed", `Zendesk has no user ${userId}.`, [{ path: "userId", message: "not_found" }]);
      }
      throw error;
    }
    if (user.role !== "agent" && user.role !== "admin") {
      throw new ApiError(422, "zendesk_connection_failed", `${user.name} is an end user: the AI's identity must be an agent of the account.`, [{ path: "userId", message: "not_an_agent" }]);
    }
    const identity = { userId: user.id, name: user.name };
    await saveConnection(db, "ai_agent", identity, null, clock().toISOString(), box);
    return c.json({ aiAgent: identity });
  });
  api.get("/zendesk/ai-agent", async (c) => {
    const stored = await loadConnection(db, "ai_agent", z.null(), box);
    if (!stored) throw new ApiError(404, "not_found", "No AI agent user is set: PUT /admin/api/zendesk/ai-agent {\"userId\": …}.");
    return c.json({ aiAgent: stored.credentials });
  });

  async function supportClient(): Promise<ZendeskClient | null> {
    const stored = await loadConnection(db, "support", SupportCheck, box);
    if (!stored) return (await deps.supportApi?.())?.client ?? null;
    return createZendeskClient({ baseUrl: supportBaseUrl(stored.credentials), auth: stored.credentials.auth, retry: { maxAttempts: 2 }, ...(deps.fetch && { fetch: deps.fetch }) });
  }
  return api;
}

function connectionFailed(problem: { code: string; message: string; field: string }): ApiError {
  return new ApiError(422, "zendesk_connection_failed", problem.message, [{ path: problem.field, message: problem.code }]);
}

function notConnected(api: string): ApiError {
  return new ApiError(404, "not_found", `The Zendesk ${api === "support" ? "Support" : "Conversations"} API is not connected yet: PUT /admin/api/zendesk/${api} first.`);
}

/** A connection as the admin sees it: never its token or secret. */
function supportView(credentials: SupportCredentials, check: SupportCheck | null, checkedAt: string | null): SupportConnection {
  return {
    api: "support",
    subdomain: credentials.subdomain,
    auth: credentials.auth.kind,
    ...(credentials.auth.kind === "api_token" && { email: credentials.auth.email }),
    connected: check?.ok ?? false,
    ...(check?.ok && { agent: check.agent }),
    ...(check && !check.ok && { problem: check.problem }),
    checkedAt,
  };
}

function conversationsView(credentials: ConversationsCredentials, check: ConversationsCheck | null, checkedAt: string | null): ConversationsConnection {
  return {
    api: "conversations",
    subdomain: credentials.subdomain,
    appId: credentials.appId,
    keyId: credentials.keyId,
    auth: credentials.auth,
    connected: check?.ok ?? false,
    ...(check?.ok && { app: check.app, multiConversations: check.multiConversations, liveChat: check.liveChat }),
    ...(check && !check.ok && { problem: check.problem, liveChat: { available: false, reason: check.problem.message } }),
    checkedAt,
  };
}
