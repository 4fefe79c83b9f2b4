import { escapeHtml } from "../account/comment-text";
import { type CommentRecord, STATUS_NAMES, type TicketRecord, type TicketStatus, type UserRecord } from "../account/state";
import type { AccountStore } from "../account/store";

/**
 * The agent's view of the simulated account: server-rendered HTML, every piece of text escaped,
 * no external resources. Controls are named for assistive technology (browser tests find them
 * by role and name): the "Reply" textbox, the "Internal note" checkbox, the "Status" select and
 * the "Send reply" button.
 */


const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#2f3941;background:#f8f9f9}
a{color:#1f73b7;text-decoration:none}a:hover{text-decoration:underline}
.topbar{display:flex;justify-content:space-between;align-items:center;padding:10px 24px;background:#03363d;color:#fff}
.topbar a{color:#fff;font-weight:600}.topbar a.nav{margin-left:16px;font-weight:400}.topbar .who{opacity:.85;font-size:13px}
.badge{margin-left:8px;padding:0 6px;border-radius:3px;background:#17494d;font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.05em}
main{max-width:1120px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 16px;font-weight:600}h2{font-size:16px;margin:0 0 12px;font-weight:600}
.muted{color:#68737d;font-weight:400}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d8dcde;border-radius:4px}
th,td{text-align:left;padding:10px 12px;border-bottom:1px solid #e9ebed;vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#68737d;font-weight:600;background:#f8f9f9}
tr:last-child td{border-bottom:0}
.status{display:inline-block;min-width:64px;padding:1px 8px;border-radius:4px;font-size:12px;font-weight:600;text-align:center;color:#fff}
.status-new{background:#ffb648;color:#2f3941}.status-open{background:#e34f32}.status-pending{background:#3091ec}
.status-hold{background:#2f3941}.status-solved{background:#87929d}.status-closed{background:#d8dcde;color:#2f3941}
.tag{display:inline-block;margin:0 4px 4px 0;padding:0 6px;border-radius:3px;background:#e9ebed;font-size:12px}
.layout{display:grid;grid-template-columns:280px 1fr;gap:24px;align-items:start}
.details{background:#fff;border:1px solid #d8dcde;border-radius:4px;padding:16px}
.details dl{margin:0}.details dt{font-size:12px;color:#68737d;margin-top:10px}.details dt:first-child{margin-top:0}
.details dd{margin:2px 0 0;word-break:break-word}
.comments{list-style:none;margin:0 0 24px;padding:0}
.comment{background:#fff;border:1px solid #d8dcde;border-radius:4px;padding:12px 16px;margin-bottom:12px}
.comment.internal{background:#fff8e1;border-color:#f5d37a;border-left:4px solid #f5b800}
.comment header{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline;margin-bottom:6px}
.kind{font-size:12px;font-weight:600;padding:0 6px;border-radius:3px;background:#edf7ff;color:#1f73b7}
.internal .kind{background:#ffeeb0;color:#7a5a00}
.text{white-space:pre-wrap;word-break:break-word}
form.reply{background:#fff;border:1px solid #d8dcde;border-radius:4px;padding:16px}
form.reply label{font-weight:600}
textarea{display:block;width:100%;margin:6px 0 12px;padding:8px;font:inherit;border:1px solid #c2c8cc;border-radius:4px;resize:vertical}
.controls{display:flex;flex-wrap:wrap;gap:16px;align-items:center}
.controls .check{font-weight:400}
select{font:inherit;padding:4px 8px;border:1px solid #c2c8cc;border-radius:4px;margin-left:6px}
button{font:inherit;font-weight:600;padding:6px 16px;border:0;border-radius:4px;background:#1f73b7;color:#fff;cursor:pointer;margin-left:auto}
button:hover{background:#144a75}
.alert{padding:10px 12px;border-radius:4px;background:#fff0f1;border:1px solid #f5b5ba;color:#8c232c;margin-bottom:12px}
.note{padding:12px 16px;border-radius:4px;background:#e9ebed}
.empty{padding:32px;text-align:center;background:#fff;border:1px solid #d8dcde;border-radius:4px;color:#68737d}
@media (max-width:800px){.layout{grid-template-columns:1fr}}
`;

export function page(title: string, account: string, agent: UserRecord, content: string, script = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(account)} (Zendesk simulator)</title>
<style>${STYLE}</style>
</head>
<body>
<header class="topbar">
<span><a href="/agent">${escapeHtml(account)} · Zendesk Support</a><span class="badge">Simulator</span> <a class="nav" href="/agent">Tickets</a> <a class="nav" href="/agent/conversations">Live chats</a></span>
<span class="who">Signed in as ${escapeHtml(agent.name)}</span>
</header>
<main>
${content}
</main>
${script}
</body>
</html>`;
}

export function time(timestamp: string): string {
  const shown = timestamp.replace("T", " ").replace(/:\d\dZ$/, " UTC");
  return `<time datetime="${escapeHtml(timestamp)}">${escapeHtml(shown)}</time>`;
}

function status(ticket: TicketRecord): string {
  return `<span class="status status-${ticket.status}">${STATUS_NAMES[ticket.status]}</span>`;
}

const NONE = `<span class="muted">None</span>`;

function tags(list: readonly string[]): string {
  return list.length ? list.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join("") : NONE;
}

function optional(value: string | null | undefined): string {
  return value ? escapeHtml(value) : NONE;
}

function person(user: UserRecord | undefined): string {
  if (!user) return `<span class="muted">Unknown user</span>`;
  return `${escapeHtml(user.name)}${user.email ? ` <span class="muted">${escapeHtml(user.email)}</span>` : ""}`;
}

const COLUMNS = ["ID", "Subject", "Requester", "Status", "Tags", "Updated"];

/** `GET /agent`: every ticket, newest first. */
export function ticketListPage(store: AccountStore, account: string, agent: UserRecord): string {
  const tickets = [...store.tickets.values()].sort((a, b) => b.id - a.id);
  const rows = tickets
    .map(
      (ticket) => `<tr>
<td class="muted">#${ticket.id}</td>
<td><a href="/agent/tickets/${ticket.id}">${escapeHtml(ticket.subject ?? `Ticket #${ticket.id}`)}</a></td>
<td>${person(store.users.get(ticket.requester_id))}</td>
<td>${status(ticket)}</td>
<td>${tags(ticket.tags)}</td>
<td>${time(ticket.updated_at)}</td>
</tr>`,
    )
    .join("\n");
  const content = tickets.length
    ? `<table aria-label="Tickets">
<thead><tr>${COLUMNS.map((column) => `<th scope="col">${column}</th>`).join("")}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : `<p class="empty">No tickets yet. Tickets created through the API show up here.</p>`;
  return page("Tickets", account, agent, `<h1>Tickets</h1>\n${content}`);
}

const VIA_LABELS: Record<string, string> = { api: "API", web: "Web", rule: "Trigger" };

function commentItem(store: AccountStore, comment: CommentRecord): string {
  const author = store.users.get(comment.author_id);
  const kind = comment.public ? "Public reply" : "Internal note";
  const name = author?.name ?? "Unknown user";
  return `<li class="comment ${comment.public ? "public" : "internal"}">
<article aria-label="${escapeHtml(`${kind} from ${name}`)}">
<header>
<strong>${escapeHtml(name)}</strong><span class="kind">${kind}</span>
<span class="muted">via ${VIA_LABELS[comment.via.channel] ?? escapeHtml(comment.via.channel)}</span>
<span class="muted">${time(comment.created_at)}</span>
</header>
<div class="text">${escapeHtml(comment.plain_body)}</div>
</article>
</li>`;
}

/** Like Zendesk's submit button: a ticket can't go back to New, and agents don't close tickets. */
const SUBMIT_STATUSES: readonly TicketStatus[] = ["open", "pending", "hold", "solved"];

export interface ReplyFormState {
  error?: string;
  body?: string;
  internal?: boolean;
  status?: string;
}

/** `GET /agent/tickets/{id}`: the ticket, its conversation, and the reply form. */
export function ticketPage(
  store: AccountStore,
  account: string,
  agent: UserRecord,
  ticket: TicketRecord,
  form: ReplyFormState = {},
): string {
  const requester = store.users.get(ticket.requester_id);
  const assignee = ticket.assignee_id === null ? undefined : store.users.get(ticket.assignee_id);
  const comments = store.commentsOf(ticket.id);
  const selected = form.status ?? ticket.status;
  const statuses = ticket.status === "new" ? ["new" as const, ...SUBMIT_STATUSES] : SUBMIT_STATUSES;
  const options = statuses
    .map((value) => `<option value="${value}"${value === selected ? " selected" : ""}>${STATUS_NAMES[value]}</option>`)
    .join("");
  const replyForm =
    ticket.status === "closed"
      ? `<p class="note">This ticket is closed and can't be updated.</p>`
      : `<form class="reply" method="post" action="/agent/tickets/${ticket.id}/comments" aria-label="Reply to ticket">
${form.error ? `<p class="alert" role="alert">${escapeHtml(form.error)}</p>` : ""}
<label for="reply">Reply</label>
<textarea id="reply" name="body" rows="5">${escapeHtml(form.body ?? "")}</textarea>
<div class="controls">
<label class="check"><input type="checkbox" name="internal" value="1"${form.internal ? " checked" : ""}> Internal note</label>
<label for="status">Status</label><select id="status" name="status">${options}</select>
<button type="submit">Send reply</button>
</div>
</form>`;

  const details = `<aside class="details" aria-label="Ticket details"><dl>
<dt>Requester</dt><dd>${person(requester)}</dd>
<dt>Requester external ID</dt><dd>${optional(requester?.external_id)}</dd>
<dt>Status</dt><dd>${status(ticket)}</dd>
<dt>Assignee</dt><dd>${assignee ? escapeHtml(assignee.name) : `<span class="muted">Unassigned</span>`}</dd>
<dt>Priority</dt><dd>${optional(ticket.priority)}</dd>
<dt>Tags</dt><dd>${tags(ticket.tags)}</dd>
<dt>External ID</dt><dd>${optional(ticket.external_id)}</dd>
<dt>Created</dt><dd>${time(ticket.created_at)} via ${VIA_LABELS[ticket.via.channel] ?? ""}</dd>
<dt>Updated</dt><dd>${time(ticket.updated_at)}</dd>
</dl></aside>`;

  const content = `<nav aria-label="Breadcrumb"><a href="/agent">All tickets</a></nav>
<h1>${escapeHtml(ticket.subject ?? `Ticket #${ticket.id}`)} <span class="muted">#${ticket.id}</span></h1>
<div class="layout">
${details}
<section aria-labelledby="conversation">
<h2 id="conversation">Conversation</h2>
<ol class="comments" aria-label="Comments">
${comments.map((comment) => commentItem(store, comment)).join("\n")}
</ol>
${replyForm}
</section>
</div>`;
  return page(ticket.subject ?? `Ticket #${ticket.id}`, account, agent, content, refreshScript(ticket));
}

/**
 * Reloads the page when the ticket changed elsewhere (the API, another tab), but only while the
 * agent isn't writing: the form untouched and not focused.
 */
function refreshScript(ticket: TicketRecord): string {
  const stampUrl = JSON.stringify(`/agent/tickets/${ticket.id}/stamp`);
  const stamp = JSON.stringify(ticket.updated_at);
  return `<script>
(function () {
  var form = document.querySelector("form.reply");
  var pristine = form ? new URLSearchParams(new FormData(form)).toString() : "";
  function busy() {
    if (!form) return false;
    return form.contains(document.activeElement) || new URLSearchParams(new FormData(form)).toString() !== pristine;
  }
  setInterval(function () {
    if (document.hidden || busy()) return;
    fetch(${stampUrl}, { cache: "no-store" }).then(function (response) { return response.text(); }).then(function (stamp) {
      if (stamp && stamp !== ${stamp} && !busy()) location.reload();
    }).catch(function () {});
  }, 4000);
})();
</script>`;
}

export function notFoundPage(account: string, agent: UserRecord): string {
  return page("Not found", account, agent, `<h1>Ticket not found</h1><p><a href="/agent">Back to all tickets</a></p>`);
}
