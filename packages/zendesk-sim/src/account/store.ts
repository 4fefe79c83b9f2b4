import {
  ACCOUNT_ID,
  FIRST_IDS,
  type AccountData,
  type AuditRecord,
  type CommentRecord,
  type IdempotencyRecord,
  type NextIds,
  type TicketFieldRecord,
  type TicketRecord,
  type TriggerRecord,
  type UserRecord,
  type WebhookRecord,
} from "./state";

/** The account's records in memory, indexed the way the API reads them. */
export class AccountStore {
  accountId = ACCOUNT_ID;
  nextIds: NextIds = { ...FIRST_IDS };
  readonly users = new Map<number, UserRecord>();
  readonly tickets = new Map<number, TicketRecord>();
  /** Comments and audits per ticket id, oldest first. */
  readonly comments = new Map<number, CommentRecord[]>();
  readonly audits = new Map<number, AuditRecord[]>();
  readonly webhooks = new Map<string, WebhookRecord>();
  readonly triggers = new Map<number, TriggerRecord>();
  readonly ticketFields = new Map<number, TicketFieldRecord>();
  readonly idempotency = new Map<string, IdempotencyRecord>();

  static fromData(data: AccountData): AccountStore {
    const store = new AccountStore();
    store.accountId = data.account_id;
    store.nextIds = { ...data.next_ids };
    for (const user of data.users) store.users.set(user.id, user);
    for (const ticket of data.tickets) store.tickets.set(ticket.id, ticket);
    for (const comment of data.comments) store.commentsOf(comment.ticket_id).push(comment);
    for (const audit of data.audits) store.auditsOf(audit.ticket_id).push(audit);
    for (const webhook of data.webhooks) store.webhooks.set(webhook.id, webhook);
    for (const trigger of data.triggers) store.triggers.set(trigger.id, trigger);
    for (const field of data.ticket_fields) store.ticketFields.set(field.id, field);
    for (const entry of data.idempotency) store.idempotency.set(entry.key, entry);
    return store;
  }

  toData(): AccountData {
    return {
      version: 1,
      account_id: this.accountId,
      next_ids: { ...this.nextIds },
      users: [...this.users.values()],
      tickets: [...this.tickets.values()],
      comments: [...this.comments.values()].flat(),
      audits: [...this.audits.values()].flat(),
      webhooks: [...this.webhooks.values()],
      triggers: [...this.triggers.values()],
      ticket_fields: [...this.ticketFields.values()],
      idempotency: [...this.idempotency.values()],
    };
  }

  nextId(kind: keyof NextIds): number {
    const id = this.nextIds[kind];
    this.nextIds[kind] = id + 1;
    return id;
  }

  commentsOf(ticketId: number): CommentRecord[] {
    let list = this.comments.get(ticketId);
    if (!list) this.comments.set(ticketId, (list = []));
    return list;
  }

  auditsOf(ticketId: number): AuditRecord[] {
    let list = this.audits.get(ticketId);
    if (!list) this.audits.set(ticketId, (list = []));
    return list;
  }

  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.trim().toLowerCase();
    for (const user of this.users.values()) if (user.email === wanted) return user;
    return undefined;
  }

  /** External ids match regardless of case, as in Zendesk. */
  userByExternalId(externalId: string): UserRecord | undefined {
    const wanted = externalId.toLowerCase();
    for (const user of this.users.values()) if (user.external_id?.toLowerCase() === wanted) return user;
    return undefined;
  }
}
