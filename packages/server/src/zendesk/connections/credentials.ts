import * as z from "zod";

/** A Zendesk subdomain: `acme` of acme.zendesk.com. */
export const Subdomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "use the subdomain only: acme for acme.zendesk.com");

/** The Support API: an agent's email and API token, or an OAuth access token. */
export const SupportCredentials = z.object({
  subdomain: Subdomain,
  /** Instead of https://{subdomain}.zendesk.com (the simulator, a proxy). */
  baseUrl: z.url().optional(),
  auth: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("api_token"), email: z.email(), token: z.string().trim().min(1) }),
    z.object({ kind: z.literal("oauth"), accessToken: z.string().trim().min(1) }),
  ]),
});
export type SupportCredentials = z.infer<typeof SupportCredentials>;

/** The Conversations API: the app id and an app key (key id and secret). */
export const ConversationsCredentials = z.object({
  subdomain: Subdomain,
  baseUrl: z.url().optional(),
  appId: z.string().trim().min(1),
  keyId: z.string().trim().min(1),
  secret: z.string().trim().min(1),
  auth: z.enum(["jwt", "basic"]).default("jwt"),
});
export type ConversationsCredentials = z.infer<typeof ConversationsCredentials>;

export function supportBaseUrl(credentials: Pick<SupportCredentials, "subdomain" | "baseUrl">): string {
  return (credentials.baseUrl ?? `https://${credentials.subdomain}.zendesk.com`).replace(/\/+$/, "");
}

export function conversationsBaseUrl(credentials: Pick<ConversationsCredentials, "subdomain" | "baseUrl">): string {
  return (credentials.baseUrl ?? `https://${credentials.subdomain}.zendesk.com/sc`).replace(/\/+$/, "");
}

/**
 * Where an admin turns on multiple conversations: Admin Center → Channels → Messaging and social →
 * Messaging, then "Manage settings" → Multi-conversations. Parley never turns it on itself: it
 * cannot be undone.
 */
export function messagingSettingsUrl(subdomain: string): string {
  return `https://${subdomain}.zendesk.com/admin/channels/messaging_and_social/channels_list`;
}

/** The Zendesk agent user that is the AI's identity: its answers are its comments, its tickets are assigned to it. */
export const AiAgentIdentity = z.object({ userId: z.number().int().positive(), name: z.string() });
export type AiAgentIdentity = z.infer<typeof AiAgentIdentity>;
