import * as z from "zod/mini";

/** Why a connection does not work, said so the owner knows what to change; `field` names the input at fault. */
export const ConnectionProblem = z.object({ code: z.string(), message: z.string(), field: z.string() });
export type ConnectionProblem = z.infer<typeof ConnectionProblem>;

/** Whether a live hand-off can open a live chat; if not, why and where to change it in Zendesk. */
export const LiveChatAvailability = z.union([
  z.object({ available: z.literal(true) }),
  z.object({ available: z.literal(false), reason: z.string(), manageUrl: z.optional(z.string()) }),
]);
export type LiveChatAvailability = z.infer<typeof LiveChatAvailability>;

/** The Support API connection made in the console, never its token. `checkedAt`: the last check, null if never. */
export const SupportConnection = z.object({
  api: z.literal("support"),
  subdomain: z.string(),
  auth: z.enum(["api_token", "oauth"]),
  /** The agent an API token belongs to. */
  email: z.optional(z.string()),
  connected: z.boolean(),
  /** Who Parley acts as in Zendesk, once a check succeeded. */
  agent: z.optional(z.object({ id: z.number(), name: z.string(), email: z.nullable(z.string()), role: z.string() })),
  problem: z.optional(ConnectionProblem),
  checkedAt: z.nullable(z.string()),
});
export type SupportConnection = z.infer<typeof SupportConnection>;

/** The Conversations API connection (live chat) made in the console, never its secret. */
export const ConversationsConnection = z.object({
  api: z.literal("conversations"),
  subdomain: z.string(),
  appId: z.string(),
  keyId: z.string(),
  auth: z.enum(["jwt", "basic"]),
  connected: z.boolean(),
  app: z.optional(z.object({ id: z.string(), displayName: z.nullable(z.string()) })),
  /** Live chat needs multiple conversations on in the account's messaging settings. */
  multiConversations: z.optional(z.boolean()),
  liveChat: z.optional(LiveChatAvailability),
  problem: z.optional(ConnectionProblem),
  checkedAt: z.nullable(z.string()),
});
export type ConversationsConnection = z.infer<typeof ConversationsConnection>;

/** GET, PUT /admin/api/zendesk/support and POST …/check (404 while none was made in the console). */
export const SupportConnectionResponse = z.object({ connection: SupportConnection });
export type SupportConnectionResponse = z.infer<typeof SupportConnectionResponse>;

/** GET, PUT /admin/api/zendesk/conversations and POST …/check. */
export const ConversationsConnectionResponse = z.object({ connection: ConversationsConnection });
export type ConversationsConnectionResponse = z.infer<typeof ConversationsConnectionResponse>;

/** Where a connection in effect comes from: the console, or ZENDESK_* variables; null: none. */
const ConnectionSource = z.nullable(z.enum(["console", "environment"]));

/** What the Zendesk connections in effect allow now (a console connection wins over the environment). */
export const ZendeskReadiness = z.object({
  /** The Zendesk API (tickets): connected in the console and working, or configured by ZENDESK_* variables. */
  support: z.object({ connected: z.boolean(), source: ConnectionSource, problem: z.nullable(z.string()) }),
  /** The Conversations API (live chat), and whether live chat is possible (multiple conversations on). */
  conversations: z.object({
    connected: z.boolean(),
    source: ConnectionSource,
    liveChat: z.union([
      z.object({ available: z.literal(true) }),
      z.object({ available: z.literal(false), reason: z.string(), manageUrl: z.nullable(z.string()) }),
    ]),
  }),
});
export type ZendeskReadiness = z.infer<typeof ZendeskReadiness>;
