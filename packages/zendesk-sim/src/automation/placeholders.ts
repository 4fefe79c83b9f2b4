import { type CommentRecord, STATUS_NAMES, type TicketRecord, type UserRecord, type WebhookRecord } from "../account/state";
import type { AccountStore } from "../account/store";

/**
 * Zendesk placeholders (`{{ticket.id}}`, `{{current_user.name}}`, …) in a webhook body. Values are
 * plain text, escaped for the body's format so a JSON template stays valid JSON whatever the
 * comment says. Unknown placeholders render empty, as in Zendesk. A few Liquid filters
 * (`downcase`, `upcase`, `capitalize`, `strip`) are understood; other filters are ignored.
 */

export interface PlaceholderScope {
  store: AccountStore;
  ticket: TicketRecord;
  currentUser: UserRecord;
  /** The address agents open tickets at, e.g. `http://127.0.0.1:8788`. */
  base: string;
  accountName: string;
}

const PLACEHOLDER = /\{\{\s*([^{}|]+?)\s*((?:\|\s*[\w]+\s*)*)\}\}/g;

export function renderTemplate(template: string, scope: PlaceholderScope, format: WebhookRecord["request_format"]): string {
  return template.replace(PLACEHOLDER, (_match, path: string, filters: string) => {
    let value = resolvePlaceholder(path.trim(), scope) ?? "";
    for (const filter of filters.split("|").map((name) => name.trim()).filter(Boolean)) value = applyFilter(filter, value);
    return escapeFor(format, value);
  });
}

function applyFilter(filter: string, value: string): string {
  switch (filter) {
    case "downcase":
      return value.toLowerCase();
    case "upcase":
      return value.toUpperCase();
    case "capitalize":
      return value.charAt(0).toUpperCase() + value.slice(1);
    case "strip":
      return value.trim();
    default:
      return value;
  }
}

function escapeFor(format: WebhookRecord["request_format"], value: string): string {
  switch (format) {
    case "json":
      return JSON.stringify(value).slice(1, -1);
    case "xml":
      return value
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&apos;");
    case "form_encoded":
      return encodeURIComponent(value);
  }
}


function capitalized(value: string | null): string {
  return value ? value.charAt(0).toUpperCase() + value.slice(1) : "";
}

/** The text of one placeholder, or `undefined` when Zendesk would render nothing. */
export function resolvePlaceholder(path: string, scope: PlaceholderScope): string | undefined {
  const { store, ticket, currentUser } = scope;
  const user = (id: number | null): UserRecord | undefined => (id === null ? undefined : store.users.get(id));
  const comments = store.comments.get(ticket.id) ?? [];
  const newestFirst = [...comments].reverse();
  const publicNewestFirst = newestFirst.filter((comment) => comment.public);

  const userScopes: Record<string, UserRecord | undefined> = {
    "ticket.requester": user(ticket.requester_id),
    "ticket.assignee": user(ticket.assignee_id),
    "ticket.submitter": user(ticket.submitter_id),
    current_user: currentUser,
  };
  for (const [prefix, scoped] of Object.entries(userScopes)) {
    if (!path.startsWith(`${prefix}.`)) continue;
    return scoped ? userProperty(scoped, path.slice(prefix.length + 1), scope.base) : undefined;
  }

  const listed = /^ticket\.(public_comments|comments)\[(\d+)\]\.(.+)$/.exec(path);
  if (listed) {
    const list = listed[1] === "public_comments" ? publicNewestFirst : newestFirst;
    const comment = list[Number(listed[2])];
    return comment && listed[3] ? commentProperty(comment, listed[3], store) : undefined;
  }

  const agentPage = `${scope.base}/agent/tickets/${ticket.id}`;
  switch (path) {
    case "ticket.id":
      return String(ticket.id);
    case "ticket.external_id":
      return ticket.external_id ?? undefined;
    case "ticket.title":
      return ticket.subject ?? undefined;
    case "ticket.description":
      return ticket.description;
    case "ticket.status":
      return STATUS_NAMES[ticket.status];
    case "ticket.priority":
      return capitalized(ticket.priority);
    case "ticket.ticket_type":
      return capitalized(ticket.type);
    case "ticket.tags":
      return ticket.tags.join(" ");
    case "ticket.via":
      return ticket.via.channel === "api" ? "Web Service" : ticket.via.channel === "web" ? "Web Form" : "Trigger";
    case "ticket.url":
      return agentPage.replace(/^https?:\/\//, "");
    case "ticket.link":
      return agentPage;
    case "ticket.account":
      return scope.accountName;
    case "ticket.created_at_with_timestamp":
    case "ticket.created_at":
      return ticket.created_at;
    case "ticket.updated_at_with_timestamp":
    case "ticket.updated_at":
      return ticket.updated_at;
    case "ticket.latest_comment":
      return newestFirst[0]?.plain_body;
    case "ticket.latest_comment_html":
      return newestFirst[0]?.html_body;
    case "ticket.latest_public_comment":
      return publicNewestFirst[0]?.plain_body;
    case "ticket.latest_public_comment_html":
      return publicNewestFirst[0]?.html_body;
    default:
      if (path.startsWith("ticket.ticket_field_")) {
        const id = Number(path.slice("ticket.ticket_field_".length));
        const value = ticket.custom_fields.find((field) => field.id === id)?.value;
        return value === undefined || value === null ? undefined : Array.isArray(value) ? value.join(" ") : String(value);
      }
      return undefined;
  }
}

function userProperty(user: UserRecord, property: string, base: string): string | undefined {
  const [first, ...rest] = user.name.split(" ");
  switch (property) {
    case "id":
      return String(user.id);
    case "name":
      return user.name;
    case "first_name":
      return first;
    case "last_name":
      return rest.join(" ");
    case "email":
      return user.email ?? undefined;
    case "external_id":
      return user.external_id ?? undefined;
    case "phone":
      return user.phone ?? undefined;
    case "language":
    case "locale":
      return user.locale;
    case "role":
      return user.role === "end-user" ? "end-user" : user.role;
    case "details":
      return user.details;
    case "notes":
      return user.notes;
    case "tags":
      return user.tags.join(" ");
    case "url":
      return `${base}/api/v2/users/${user.id}.json`;
    default:
      return undefined;
  }
}

function commentProperty(comment: CommentRecord, property: string, store: AccountStore): string | undefined {
  switch (property) {
    case "id":
      return String(comment.id);
    case "value":
    case "plain_value":
    case "body":
      return comment.plain_body;
    case "value_rich":
    case "html_value":
      return comment.html_body;
    case "is_public":
      return String(comment.public);
    case "created_at":
    case "created_at_with_time":
      return comment.created_at;
    case "author.id":
      return String(comment.author_id);
    case "author.name":
      return store.users.get(comment.author_id)?.name;
    case "author.email":
      return store.users.get(comment.author_id)?.email ?? undefined;
    default:
      return undefined;
  }
}
