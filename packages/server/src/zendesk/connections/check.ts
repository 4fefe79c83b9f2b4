import * as z from "zod";
import { createZendeskClient } from "../client";
import { createConversationsClient } from "../conversations-api/client";
import { ZendeskApiError } from "../errors";
import {
  type ConversationsCredentials,
  conversationsBaseUrl,
  messagingSettingsUrl,
  type SupportCredentials,
  supportBaseUrl,
} from "./credentials";

/** Why a connection does not work, said so an admin knows what to change; `field` names the input at fault. */
export const ConnectionProblem = z.object({
  code: z.enum(["wrong_subdomain", "wrong_address", "bad_credentials", "missing_scope", "not_an_agent", "wrong_app", "wrong_key", "zendesk_unavailable"]),
  message: z.string(),
  field: z.string(),
});
export type ConnectionProblem = z.infer<typeof ConnectionProblem>;

export const SupportCheck = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), agent: z.object({ id: z.number(), name: z.string(), email: z.string().nullable(), role: z.string() }) }),
  z.object({ ok: z.literal(false), problem: ConnectionProblem }),
]);
export type SupportCheck = z.infer<typeof SupportCheck>;

export const LiveChatAvailability = z.discriminatedUnion("available", [
  z.object({ available: z.literal(true) }),
  z.object({ available: z.literal(false), reason: z.string(), manageUrl: z.string() }),
]);

export const ConversationsCheck = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    app: z.object({ id: z.string(), displayName: z.string().nullable() }),
    multiConversations: z.boolean(),
    liveChat: LiveChatAvailability,
  }),
  z.object({ ok: z.literal(false), problem: ConnectionProblem }),
]);
export type ConversationsCheck = z.infer<typeof ConversationsCheck>;

export interface CheckOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The owner gave an address instead of {subdomain}.zendesk.com (a proxy, the simulator): that address is at fault, not the subdomain. */
function nothingAtAddress(address: string): ConnectionProblem {
  return {
    code: "wrong_address",
    field: "baseUrl",
    message: `Nothing answers at ${address}: check the Zendesk address, or leave it empty to use https://<subdomain>.zendesk.com.`,
  };
}

/** Tries the Support credentials for real: `GET /api/v2/users/me`, and says exactly what is wrong. */
export async function checkSupport(credentials: SupportCredentials, options: CheckOptions = {}): Promise<SupportCheck> {
  const host = `${credentials.subdomain}.zendesk.com`;
  const tokenField = credentials.auth.kind === "oauth" ? "oauthToken" : "apiToken";
  const fail = (problem: ConnectionProblem): SupportCheck => ({ ok: false, problem });
  try {
    const client = createZendeskClient({
      baseUrl: supportBaseUrl(credentials),
      auth: credentials.auth,
      retry: { maxAttempts: 1 },
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.fetch && { fetch: options.fetch }),
    });
    const me = await client.users.me();
    if (me.role !== "agent" && me.role !== "admin") {
      const who = credentials.auth.kind === "api_token" ? credentials.auth.email : "The OAuth token's user";
      return fail({
        code: "not_an_agent",
        field: credentials.auth.kind === "api_token" ? "email" : "oauthToken",
        message: `${who} is an end user of ${host}, not an agent: Parley acts as an agent (or admin) to create tickets and add notes.`,
      });
    }
    return { ok: true, agent: { id: me.id, name: me.name, email: me.email, role: me.role } };
  } catch (error) {
    if (!(error instanceof ZendeskApiError)) throw error;
    if (error.status === 0 || error.status === 404 || (error.status === 200 && /not JSON|unexpected/i.test(error.message))) {
      if (credentials.baseUrl) return fail(nothingAtAddress(supportBaseUrl(credentials)));
      return fail({ code: "wrong_subdomain", field: "subdomain", message: `No Zendesk account answers at ${host}: check the subdomain (acme for acme.zendesk.com).` });
    }
    if (error.status === 401) {
      const message =
        credentials.auth.kind === "api_token"
          ? `${host} did not accept the email and API token: check both, and that token access is turned on (Admin Center → Apps and integrations → Zendesk API).`
          : `${host} did not accept the OAuth token: it may be revoked or expired.`;
      return fail({ code: "bad_credentials", field: tokenField, message });
    }
    if (error.status === 403) {
      const scope = /scopes?:\s*([\w:, ]+)/i.exec(error.description ?? "")?.[1]?.trim();
      return fail({
        code: "missing_scope",
        field: tokenField,
        message: scope
          ? `The token lacks the "${scope}" scope: Parley needs read and write (users, tickets, webhooks, triggers).`
          : `${host} refused the request (403): the token's user or scopes do not allow reading users; Parley needs an agent with read and write scopes.`,
      });
    }
    return fail({ code: "zendesk_unavailable", field: "subdomain", message: `${host} could not be checked right now (${error.status === 0 ? "no answer" : `HTTP ${error.status}`}); try again.` });
  }
}

/**
 * Tries the Conversations API key for real: `GET /v2/apps/{appId}`. A live hand-off needs multiple
 * conversations on; without them the check passes but live chat is refused, with the reason and
 * where to turn them on. Parley never turns them on itself: that cannot be undone.
 */
export async function checkConversations(credentials: ConversationsCredentials, options: CheckOptions = {}): Promise<ConversationsCheck> {
  const host = `${credentials.subdomain}.zendesk.com`;
  const fail = (problem: ConnectionProblem): ConversationsCheck => ({ ok: false, problem });
  try {
    const client = createConversationsClient({
      baseUrl: conversationsBaseUrl(credentials),
      appId: credentials.appId,
      auth: { kind: credentials.auth, keyId: credentials.keyId, secret: credentials.secret },
      maxAttempts: 1,
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.fetch && { fetch: options.fetch }),
    });
    const app = await client.app();
    const multiConversations = app.settings?.multiConvoEnabled === true;
    return {
      ok: true,
      app: { id: app.id, displayName: app.displayName ?? null },
      multiConversations,
      liveChat: multiConversations
        ? { available: true }
        : {
            available: false,
            reason:
              "Live chat needs multiple conversations turned on in Zendesk messaging (each hand-off opens a conversation of its own). Turning it on cannot be undone, so Parley leaves that to you: Admin Center → Channels → Messaging and social → Messaging → Manage settings → Multi-conversations. Then check again.",
            manageUrl: messagingSettingsUrl(credentials.subdomain),
          },
    };
  } catch (error) {
    if (!(error instanceof ZendeskApiError)) throw error;
    if (error.status === 0) {
      if (credentials.baseUrl) return fail(nothingAtAddress(conversationsBaseUrl(credentials)));
      return fail({ code: "wrong_subdomain", field: "subdomain", message: `No Zendesk account answers at ${host}: check the subdomain.` });
    }
    if (error.status === 401) {
      return fail({ code: "bad_credentials", field: "secret", message: `${host} did not accept the key id and secret: copy both from Admin Center → Apps and integrations → Conversations API.` });
    }
    if (error.status === 403) {
      return fail({ code: "wrong_key", field: "keyId", message: "This key cannot read the app: use an app key (its id starts with app_), not an integration key." });
    }
    if (error.status === 404) {
      return fail({ code: "wrong_app", field: "appId", message: `${host} has no Conversations API app with id ${credentials.appId}: copy the App ID from Admin Center → Apps and integrations → Conversations API.` });
    }
    return fail({ code: "zendesk_unavailable", field: "subdomain", message: `${host} could not be checked right now (HTTP ${error.status}); try again.` });
  }
}
