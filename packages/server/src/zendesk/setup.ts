import type { ZendeskClient } from "./client";

export const WEBHOOK_NAME = "Parley: agent replies";
export const TRIGGER_TITLE = "Parley: send agent replies to the Messenger";

/** The trigger's webhook body. Parley reads only ticket_id and fetches the comments itself. */
const BODY_TEMPLATE = JSON.stringify({
  type: "agent_reply",
  ticket_id: "{{ticket.id}}",
  external_id: "{{ticket.external_id}}",
  agent: "{{current_user.name}}",
  comment: "{{ticket.latest_public_comment}}",
});

/**
 * Makes sure Zendesk tells Parley when an agent replies: a webhook to /webhooks/zendesk and a
 * trigger that fires it on public comments on Messenger tickets, leaving out comments made
 * through the API (via 5), which are Parley's own. Safe to run on every start. Returns the
 * webhook's signing secret.
 */
export async function ensureAgentReplyWebhook(client: ZendeskClient, options: { endpoint: string; messengerTag: string }): Promise<string> {
  const webhooks = await client.webhooks.list();
  const webhook =
    webhooks.find((candidate) => candidate.name === WEBHOOK_NAME && candidate.endpoint === options.endpoint) ??
    (await client.webhooks.create({
      name: WEBHOOK_NAME,
      status: "active",
      endpoint: options.endpoint,
      http_method: "POST",
      request_format: "json",
      subscriptions: ["conditional_ticket_events"],
    }));
  const triggers = await client.triggers.list();
  const firesWebhook = (trigger: (typeof triggers)[number]) => JSON.stringify(trigger).includes(webhook.id);
  if (!triggers.some((trigger) => trigger.title === TRIGGER_TITLE && firesWebhook(trigger))) {
    await client.triggers.create({
      title: TRIGGER_TITLE,
      active: true,
      conditions: {
        all: [
          { field: "comment_is_public", operator: "is", value: "requester_can_see_comment" },
          { field: "current_via_id", operator: "is_not", value: "5" },
          { field: "current_tags", operator: "includes", value: options.messengerTag },
        ],
        any: [],
      },
      actions: [{ field: "notification_webhook", value: [webhook.id, BODY_TEMPLATE] }],
    });
  }
  return client.webhooks.signingSecret(webhook.id);
}
