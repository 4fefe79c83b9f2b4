import { DataFile } from "./account/persistence";
import type { TicketRecord, UserRecord } from "./account/state";
import { AccountStore } from "./account/store";
import { seedSystemFields } from "./account/ticket-fields";
import {
  changeTags,
  createTicket,
  updateTicket,
  type TagsOperation,
  type TicketInput,
  type TicketUpdate,
  type UpdateContext,
} from "./account/tickets";
import { ensureAgent } from "./account/users";
import { WebhookDispatcher } from "./automation/delivery";
import { renderTemplate } from "./automation/placeholders";
import { runTriggers } from "./automation/triggers";
import { zendeskTime, type Clock } from "./clock";
import { ConversationsAccount, type ConversationsSettings } from "./conversations/model";
import { ConversationsWebhooks } from "./conversations/webhooks";
import { HelpCenter } from "./help-center/model";

export interface ZendeskSettings {
  subdomain: string;
  agentEmail: string;
  agentName: string;
  apiToken: string;
  webhookSigningSecret: string;
  clock: Clock;
  fetch: typeof fetch;
  dataFile: string | undefined;
  webhookRetryDelaysMs: readonly number[];
  /** OAuth access tokens the Support API accepts as `Bearer`, each acting as a user with scopes. */
  oauthTokens: readonly { token: string; email: string; scopes: readonly string[] }[];
  /** The Conversations API app and its key. */
  conversations: ConversationsSettings;
  /** Waits before each Conversations webhook retry (Zendesk: up to 5 attempts over 15 minutes). */
  conversationsRetryDelaysMs: readonly number[];
}

/**
 * The simulated account: its records, the agent whose token the API accepts, and what happens
 * after every ticket change (triggers, then webhook deliveries). The API and the agent page both
 * change tickets through here, so both fire triggers the same way.
 */
export class SimulatedZendesk {
  store: AccountStore;
  readonly dispatcher: WebhookDispatcher;
  /** The Conversations API's app: users, conversations, messages, switchboard, integrations. */
  conversations: ConversationsAccount;
  readonly conversationWebhooks: ConversationsWebhooks;
  /** Zendesk Guide: help-center articles and their translations (kept in memory, not in the data file). */
  helpCenter = new HelpCenter();
  private readonly dataFile: DataFile | undefined;

  constructor(readonly settings: ZendeskSettings) {
    this.dataFile = settings.dataFile ? new DataFile(settings.dataFile, () => this.store.toData()) : undefined;
    const saved = this.dataFile?.load();
    this.store = saved ? AccountStore.fromData(saved) : new AccountStore();
    this.prepare();
    if (!saved) this.changed();
    this.dispatcher = new WebhookDispatcher({
      fetch: settings.fetch,
      clock: settings.clock,
      accountId: () => this.store.accountId,
      retryDelaysMs: settings.webhookRetryDelaysMs,
      timeoutMs: 10_000,
      logSize: 500,
    });
    this.conversationWebhooks = new ConversationsWebhooks({
      fetch: settings.fetch,
      clock: settings.clock,
      retryDelaysMs: settings.conversationsRetryDelaysMs,
      timeoutMs: 20_000,
    });
    this.conversations = this.newConversations();
  }

  private newConversations(): ConversationsAccount {
    const account: ConversationsAccount = new ConversationsAccount({ ...this.settings.conversations }, this.settings.clock, (event) =>
      this.conversationWebhooks.dispatch(account, event),
    );
    return account;
  }

  /** Now, in Zendesk's timestamp format. */
  now(): string {
    return zendeskTime(this.settings.clock());
  }

  /** The admin agent the API token belongs to, who also answers on the agent page. */
  agent(): UserRecord {
    const agent = this.store.userByEmail(this.settings.agentEmail);
    if (!agent) throw new Error("the simulator's agent is missing from its own account");
    return agent;
  }

  context(actor: UserRecord, channel: UpdateContext["channel"]): UpdateContext {
    return { actor, channel, now: this.now() };
  }

  createTicket(input: TicketInput, ctx: UpdateContext, base: string): TicketRecord {
    return this.afterChange(createTicket(this.store, input, ctx), base);
  }

  updateTicket(
    id: number,
    input: TicketInput,
    ctx: UpdateContext,
    base: string,
  ): { ticket: TicketRecord; update: TicketUpdate } {
    const update = updateTicket(this.store, id, input, ctx);
    return { ticket: this.afterChange(update, base), update };
  }

  changeTags(
    id: number,
    operation: TagsOperation,
    tags: readonly string[],
    safe: { safe_update?: boolean | undefined; updated_stamp?: string | undefined },
    ctx: UpdateContext,
    base: string,
  ): TicketRecord {
    return this.afterChange(changeTags(this.store, id, operation, tags, safe, ctx), base);
  }

  /** Runs the triggers on a change that happened, then sends the webhooks they asked for. */
  private afterChange(update: TicketUpdate, base: string): TicketRecord {
    if (update.audit.events.length === 0) return update.ticket;
    const { ticket, notifications } = runTriggers(this.store, update, update.audit.created_at);
    update.ticket = ticket;
    for (const { webhook, template, trigger } of notifications) {
      const scope = { store: this.store, ticket, currentUser: update.actor, base, accountName: this.settings.subdomain };
      this.dispatcher.dispatch(webhook, renderTemplate(template, scope, webhook.request_format), {
        triggerId: trigger.id,
        ticketId: ticket.id,
      });
    }
    this.changed();
    return ticket;
  }

  /** Marks the account as changed: it will be saved to the data file, if there is one. */
  changed(): void {
    this.dataFile?.schedule();
  }

  /** Back to an empty account (the agent and system fields stay), without webhooks in flight. */
  reset(): void {
    this.dispatcher.clear();
    this.conversationWebhooks.clear();
    this.conversations = this.newConversations();
    this.helpCenter = new HelpCenter();
    this.store = new AccountStore();
    this.prepare();
    this.changed();
  }

  async flush(): Promise<void> {
    await this.dataFile?.flush();
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
    await this.conversationWebhooks.close();
    await this.flush();
  }

  private prepare(): void {
    const now = this.now();
    ensureAgent(this.store, this.settings.agentEmail, this.settings.agentName, now);
    seedSystemFields(this.store, now);
  }
}
