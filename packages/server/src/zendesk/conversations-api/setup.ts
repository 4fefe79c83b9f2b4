import type { ConversationsClient } from "./client";

export const INTEGRATION_NAME = "Parley";
export const WEBHOOK_TRIGGERS = ["conversation:message", "switchboard:passControl", "switchboard:releaseControl"];

/**
 * Makes sure the Conversations API tells Parley about live chats: a custom integration named
 * "Parley" whose webhook calls /webhooks/conversations with agent messages and control changes.
 * Safe on every start; returns the webhook's secret (Zendesk sends it as `X-API-Key`).
 */
export async function ensureConversationsWebhook(client: ConversationsClient, endpoint: string): Promise<string> {
  const existing = (await client.integrations.list()).find(
    (integration) => integration.type === "custom" && integration.displayName === INTEGRATION_NAME && integration.webhooks?.some((webhook) => webhook.target === endpoint),
  );
  const integration = existing ?? (await client.integrations.createCustom({ displayName: INTEGRATION_NAME, target: endpoint, triggers: WEBHOOK_TRIGGERS }));
  const secret = integration.webhooks?.find((webhook) => webhook.target === endpoint)?.secret;
  if (!secret) throw new Error(`the Conversations API did not say the secret of the "${INTEGRATION_NAME}" integration's webhook`);
  return secret;
}
