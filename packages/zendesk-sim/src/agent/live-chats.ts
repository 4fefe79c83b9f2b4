import type { Context, Hono } from "hono";
import { escapeHtml } from "../account/comment-text";
import type { ApiEnv } from "../api/http";
import { AGENT_WORKSPACE, type ConversationsAccount, displayNameOf, type SunConversation } from "../conversations/model";
import type { SimulatedZendesk } from "../zendesk";
import { page } from "./pages";

const HTML = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" };

/**
 * The agent workspace's side of live chats (Conversations API): the list of messaging
 * conversations and one conversation with a reply form while the agent workspace has control.
 * A reply is a business message from the agent (`source.type` `zd:agentWorkspace`); "Solve and
 * hand back" releases control with reason `ticketClosed`, as closing the messaging ticket does.
 * Controls are named for assistive technology: the "Reply" textbox, the "Send reply" and
 * "Solve and hand back" buttons.
 */
export function liveChatRoutes(app: Hono<ApiEnv>, zendesk: SimulatedZendesk): void {
  const account = zendesk.settings.subdomain;

  app.get("/agent/conversations", () => html(200, listPage(zendesk)));
  app.get("/agent/conversations/:id", (c) => {
    const conversation = zendesk.conversations.conversations.get(c.req.param("id"));
    if (!conversation) return html(404, page("Not found", account, zendesk.agent(), `<h1>Conversation not found</h1>`));
    return html(200, conversationPage(zendesk, conversation));
  });
  app.get("/agent/conversations/:id/stamp", (c) => {
    const conversation = zendesk.conversations.conversations.get(c.req.param("id"));
    const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
    return new Response(conversation ? stampOf(conversation) : "", { status: conversation ? 200 : 404, headers });
  });
  app.post("/agent/conversations/:id/messages", async (c) => {
    const conversation = withControl(c, zendesk.conversations);
    if (conversation instanceof Response) return conversation;
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const text = typeof form.body === "string" ? form.body.trim() : "";
    if (text === "") return html(422, conversationPage(zendesk, conversation, "Write a reply first."));
    const agent = zendesk.agent();
    zendesk.conversations.postMessage(conversation.id, {
      author: { type: "business", subtypes: ["agent"], displayName: agent.name },
      text,
      source: { type: AGENT_WORKSPACE },
    });
    return c.redirect(`/agent/conversations/${conversation.id}`, 303);
  });
  app.post("/agent/conversations/:id/release", (c) => {
    const conversation = withControl(c, zendesk.conversations);
    if (conversation instanceof Response) return conversation;
    zendesk.conversations.releaseControl(conversation.id, undefined, "ticketClosed");
    return c.redirect(`/agent/conversations/${conversation.id}`, 303);
  });

  function withControl(c: Context<ApiEnv>, conversations: ConversationsAccount): SunConversation | Response {
    const conversation = conversations.conversations.get(c.req.param("id") ?? "");
    if (!conversation) return html(404, page("Not found", account, zendesk.agent(), `<h1>Conversation not found</h1>`));
    if (conversation.activeSwitchboardIntegration?.integrationType !== AGENT_WORKSPACE) {
      return html(409, conversationPage(zendesk, conversation, "The agent workspace does not have control of this conversation."));
    }
    return conversation;
  }
}

function stampOf(conversation: SunConversation): string {
  return `${conversation.lastUpdatedAt}|${conversation.activeSwitchboardIntegration?.id ?? "none"}`;
}

function listPage(zendesk: SimulatedZendesk): string {
  const account = zendesk.conversations;
  const rows = [...account.conversations.values()]
    .sort((a, b) => b.lastUpdatedAt.localeCompare(a.lastUpdatedAt))
    .map((conversation) => {
      const user = account.users.get(conversation.userId);
      const last = account.messages.get(conversation.id)?.at(-1);
      return `<tr>
<td><a href="/agent/conversations/${escapeHtml(conversation.id)}">${escapeHtml(user ? displayNameOf(user) : "Customer")}</a></td>
<td>${escapeHtml(controlOf(conversation))}</td>
<td>${escapeHtml(last?.content.text.slice(0, 80) ?? "")}</td>
<td>${escapeHtml(conversation.lastUpdatedAt)}</td>
</tr>`;
    })
    .join("\n");
  const content = rows
    ? `<table aria-label="Live chats"><thead><tr><th scope="col">Customer</th><th scope="col">Control</th><th scope="col">Last message</th><th scope="col">Updated</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="empty">No live chats yet. Conversations created through the Conversations API show up here.</p>`;
  return page("Live chats", zendesk.settings.subdomain, zendesk.agent(), `<h1>Live chats</h1>\n${content}`);
}

function controlOf(conversation: SunConversation): string {
  const active = conversation.activeSwitchboardIntegration;
  if (!active) return "Nobody (released)";
  return active.integrationType === AGENT_WORKSPACE ? "Agent workspace" : active.name;
}

function conversationPage(zendesk: SimulatedZendesk, conversation: SunConversation, error?: string): string {
  const account = zendesk.conversations;
  const user = account.users.get(conversation.userId);
  const messages = (account.messages.get(conversation.id) ?? [])
    .map((message) => {
      const who = message.author.displayName ?? (message.author.type === "user" ? "Customer" : "Business");
      const kind = message.author.type === "user" ? "Customer" : message.author.subtypes?.includes("agent") ? "Agent" : message.author.subtypes?.includes("AI") ? "AI" : "Bot";
      // Every message of a live chat is seen by the customer: none is styled as an internal note.
      return `<li class="comment public"><article aria-label="${escapeHtml(`${kind} message from ${who}`)}">
<header><strong>${escapeHtml(who)}</strong><span class="kind">${kind}</span><span class="muted">${escapeHtml(message.received)}</span></header>
<div class="text">${escapeHtml(message.content.text)}</div></article></li>`;
    })
    .join("\n");
  const hasControl = conversation.activeSwitchboardIntegration?.integrationType === AGENT_WORKSPACE;
  const form = hasControl
    ? `<form class="reply" method="post" action="/agent/conversations/${escapeHtml(conversation.id)}/messages" aria-label="Reply in live chat">
${error ? `<p class="alert" role="alert">${escapeHtml(error)}</p>` : ""}
<label for="reply">Reply</label>
<textarea id="reply" name="body" rows="3"></textarea>
<div class="controls"><button type="submit">Send reply</button></div>
</form>
<form method="post" action="/agent/conversations/${escapeHtml(conversation.id)}/release" style="margin-top:12px"><button type="submit">Solve and hand back</button></form>`
    : `${error ? `<p class="alert" role="alert">${escapeHtml(error)}</p>` : ""}<p class="note">The agent workspace does not have control of this conversation (${escapeHtml(controlOf(conversation))}).</p>`;
  const details = `<aside class="details" aria-label="Conversation details"><dl>
<dt>Customer</dt><dd>${escapeHtml(user ? displayNameOf(user) : "Customer")}</dd>
<dt>External ID</dt><dd>${escapeHtml(user?.externalId ?? "")}</dd>
<dt>Email</dt><dd>${escapeHtml(user?.profile.email ?? "")}</dd>
<dt>Control</dt><dd>${escapeHtml(controlOf(conversation))}</dd>
${Object.entries({ ...conversation.metadata, ...conversation.handoffMetadata }).map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(String(value))}</dd>`).join("\n")}
</dl></aside>`;
  const content = `<nav aria-label="Breadcrumb"><a href="/agent/conversations">All live chats</a></nav>
<h1>Live chat with ${escapeHtml(user ? displayNameOf(user) : "Customer")}</h1>
<div class="layout">${details}<section aria-labelledby="conversation"><h2 id="conversation">Conversation</h2>
<ol class="comments" aria-label="Messages">${messages}</ol>${form}</section></div>`;
  return page("Live chat", zendesk.settings.subdomain, zendesk.agent(), content, refreshScript(conversation));
}

/** Reloads when the conversation changes elsewhere, unless the agent is typing. */
function refreshScript(conversation: SunConversation): string {
  const stampUrl = JSON.stringify(`/agent/conversations/${conversation.id}/stamp`);
  const stamp = JSON.stringify(stampOf(conversation));
  return `<script>
(function () {
  var box = document.getElementById("reply");
  setInterval(function () {
    if (document.hidden || (box && (box.value !== "" || document.activeElement === box))) return;
    fetch(${stampUrl}, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (s) {
      if (s && s !== ${stamp}) location.reload();
    }).catch(function () {});
  }, 1000);
})();
</script>`;
}

function html(status: number, body: string): Response {
  return new Response(body, { status, headers: HTML });
}
