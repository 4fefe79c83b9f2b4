import type { Conversation, Message, SendMessageRequest } from "@parley/protocol";
import { type ConversationState, type Effect, type EngineConfig, type EngineEvent, initialState, step } from "../engine";
import type { StreamBus } from "../realtime/bus";
import { type Contact, contactFacts, keepCollected } from "../store/contacts";
import {
  type ConversationRow,
  getContactConversation,
  getConversation,
  insertConversation,
  saveState,
  stateOf,
  statusOf,
  toConversation,
} from "../store/conversations";
import type { Db } from "../store/db";
import { newId } from "../store/ids";
import { externalRefExists, findByClientId, insertMessage, toMessage } from "../store/messages";
import { enqueue } from "../store/outbox";
import { appendFrame, type StoredFrame } from "../store/stream-events";
import { cancelTimers, claimTimer, type DueTimer, scheduleTimer } from "../store/timers";
import { insertDecisions } from "../store/decisions";
import { collectFormData, type FieldProblem } from "../workflow";
import { decisionsOf } from "./decisions";
import type { WorkflowCatalog } from "../workflow/catalog";

/** Effects the service performs itself, in the step's own transaction; the rest go to the outbox. */
type LocalEffect = Extract<Effect, { type: "message.send" | "contact.update" | "timer.schedule" | "timer.cancel" }>;
export type ExternalEffect = Exclude<Effect, LocalEffect>;

/** The outbox lane each external effect runs in; effects of one lane run in order per conversation. */
export function laneOf(effect: ExternalEffect): string {
  return effect.type === "ai.answer" ? "ai" : "zendesk";
}

export interface ConversationsDeps {
  db: Db;
  /** Everything but the workflow, which each conversation takes from the version it started on. */
  engine: Omit<EngineConfig, "workflow">;
  workflows: WorkflowCatalog;
  bus: StreamBus;
  /** Lanes someone performs; effects for other lanes (e.g. Zendesk when it is not configured) are not kept. */
  lanes: ReadonlySet<string>;
  /** Called after a commit that queued external effects, with the lanes they were queued in. */
  onEffectsQueued: (lanes: ReadonlySet<string>) => void;
  /** Called when a durable timer is set, so the outbox worker can wake in time for it. */
  onTimerScheduled?: (dueAt: string) => void;
  /** Called with the frames of each commit (for metrics). */
  onCommitted?: (frames: readonly StoredFrame[]) => void;
  clock: () => Date;
}

export type ReceiveResult =
  | { kind: "created" | "replayed"; conversation: Conversation; message: Message }
  | { kind: "not_found" }
  | { kind: "client_id_conflict" }
  /** A collect-data form with values the workflow cannot accept: nothing was stored. */
  | { kind: "invalid_form"; problems: FieldProblem[] };

/**
 * Runs conversations: every event goes through the engine's `step`, and the new state, the
 * messages it sends and the effects it asks for are stored in one transaction. Only then are
 * frames published to open streams and the outbox woken to perform the effects.
 */
/** No lane: nothing was queued. */
const NONE: ReadonlySet<string> = new Set();

export class Conversations {
  constructor(private readonly deps: ConversationsDeps) {}

  /**
   * A message from the customer: starts a conversation when `conversationId` is null. Sending the
   * same client id again returns the stored message and changes nothing.
   */
  async receiveCustomerMessage(contact: Contact, conversationId: string | null, request: SendMessageRequest): Promise<ReceiveResult> {
    const now = this.deps.clock();
    const at = now.toISOString();
    const frames: StoredFrame[] = [];
    let queued: ReadonlySet<string> = NONE;
    const result = await this.deps.db.transaction().execute(async (trx): Promise<ReceiveResult> => {
      const earlier = await findByClientId(trx, contact.id, request.client_id);
      if (earlier) {
        if (conversationId !== null && earlier.conversation_id !== conversationId) return { kind: "client_id_conflict" };
        const row = await getConversation(trx, earlier.conversation_id);
        if (!row) return { kind: "not_found" };
        return { kind: "replayed", conversation: toConversation(row), message: toMessage(earlier) };
      }
      let row: ConversationRow | undefined;
      if (conversationId === null) {
        // A new conversation runs the live workflow, and keeps that version until it ends.
        const start = initialState(await this.deps.workflows.liveVersion(trx));
        row = {
          id: newId("conv"),
          app_id: contact.app_id,
          contact_id: contact.id,
          status: statusOf(start.phase),
          version: 0,
          state: JSON.stringify(start),
          created_at: at,
          updated_at: at,
        };
        await insertConversation(trx, row);
      } else {
        row = await getContactConversation(trx, contact.id, conversationId, { forUpdate: true });
        if (!row) return { kind: "not_found" };
      }
      if (request.form) {
        const problems = await this.#formProblems(stateOf(row), request.form, trx);
        if (problems.length > 0) return { kind: "invalid_form", problems };
      }
      const message: Message = {
        id: newId("msg"),
        conversation_id: row.id,
        client_id: request.client_id,
        author: { type: "customer", name: contact.name },
        text: request.text,
        created_at: at,
        citations: [],
        buttons: [],
      };
      await insertMessage(trx, message, null, contact.id);
      frames.push(await appendFrame(trx, contact.id, row.id, { type: "message", message }, at));
      const event: EngineEvent = {
        type: "customer.message",
        messageId: message.id,
        text: request.text,
        action: request.action,
        articleId: request.article_id,
        form: request.form,
        contact: contactFacts(contact),
        pageUrl: request.page_url,
        locale: request.locale,
      };
      const applied = await this.#stepAndStore(trx, row, event, now, frames);
      queued = applied.queued;
      return { kind: "created", conversation: applied.conversation, message };
    });
    this.#afterCommit(frames, queued);
    return result;
  }

  /** An event from outside the customer's browser: the AI agent's reply, an agent's reply from Zendesk. */
  async apply(conversationId: string, event: EngineEvent): Promise<void> {
    const now = this.deps.clock();
    const frames: StoredFrame[] = [];
    let queued: ReadonlySet<string> = NONE;
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await getConversation(trx, conversationId, { forUpdate: true });
      if (!row) return;
      if (event.type === "agent.replied" && (await externalRefExists(trx, event.externalRef))) return;
      queued = (await this.#stepAndStore(trx, row, event, now, frames)).queued;
    });
    this.#afterCommit(frames, queued);
  }

  /**
   * A durable timer came due: marked fired and applied in one transaction, so it fires exactly once
   * (another process, or a retry after a crash, finds it already fired or still pending). False
   * when it had fired or been cancelled already.
   */
  async fireTimer(timer: DueTimer): Promise<boolean> {
    const now = this.deps.clock();
    const frames: StoredFrame[] = [];
    let queued: ReadonlySet<string> = NONE;
    const fired = await this.deps.db.transaction().execute(async (trx) => {
      // The conversation first, then the timer: the order a customer's message takes them in (it
      // cancels the timer), so the two never deadlock, and neither step overwrites the other's state.
      const row = await getConversation(trx, timer.conversationId, { forUpdate: true });
      if (!(await claimTimer(trx, timer.id, now.toISOString()))) return false;
      if (!row) return true;
      queued = (await this.#stepAndStore(trx, row, { type: "timer.fired", kind: timer.kind, since: timer.since }, now, frames)).queued;
      return true;
    });
    this.#afterCommit(frames, queued);
    return fired;
  }

  /** What is wrong with a collect-data form sent to this conversation, by field (none: the step will take it). */
  async #formProblems(state: ConversationState, form: Record<string, string>, trx: Db): Promise<FieldProblem[]> {
    const workflow = await this.deps.workflows.version(state.workflow.version, trx);
    const step = state.workflow.at === null ? undefined : workflow.steps[state.workflow.at];
    if (step?.type !== "collect_data" || state.phase === "team") return [];
    const result = collectFormData(step, workflow.attributes, form);
    return result.ok ? [] : result.problems;
  }

  async #stepAndStore(trx: Db, row: ConversationRow, event: EngineEvent, now: Date, frames: StoredFrame[]) {
    const at = now.toISOString();
    const before = stateOf(row);
    const workflow = await this.deps.workflows.version(before.workflow.version, trx);
    const { state, effects } = step(before, event, now, { ...this.deps.engine, workflow });
    const queued = new Set<string>();
    // The transcript shows the step's decisions under the last message it sent (or the customer's).
    let lastMessageId = event.type === "customer.message" ? event.messageId : null;
    for (const effect of effects) {
      if (effect.type === "message.send") {
        const { externalRef, ...content } = effect.message;
        const message: Message = { id: newId("msg"), conversation_id: row.id, client_id: null, created_at: at, ...content };
        await insertMessage(trx, message, externalRef ?? null, row.contact_id);
        lastMessageId = message.id;
        frames.push(await appendFrame(trx, row.contact_id, row.id, { type: "message", message }, at));
        continue;
      }
      if (effect.type === "contact.update") {
        await keepCollected(trx, row.contact_id, effect.attributes, at);
        continue;
      }
      if (effect.type === "timer.schedule") {
        const timer = { conversationId: row.id, kind: effect.kind, workflowVersion: state.workflow.version, since: effect.since, dueAt: effect.dueAt };
        await scheduleTimer(trx, timer, at);
        this.deps.onTimerScheduled?.(effect.dueAt);
        continue;
      }
      if (effect.type === "timer.cancel") {
        await cancelTimers(trx, row.id, effect.kind, at);
        continue;
      }
      const lane = laneOf(effect);
      if (!this.deps.lanes.has(lane)) continue;
      await enqueue(trx, row.id, lane, effect, at);
      queued.add(lane);
    }
    await insertDecisions(trx, row.id, lastMessageId, decisionsOf({ event, before, after: state, effects, workflow }), at);
    const conversation = toConversation(await saveState(trx, row, state, at));
    if (statusOf(before.phase) !== conversation.status) {
      frames.push(await appendFrame(trx, row.contact_id, row.id, { type: "conversation", conversation }, at));
    }
    return { conversation, queued };
  }

  #afterCommit(frames: StoredFrame[], queued: ReadonlySet<string>): void {
    this.deps.bus.publish(frames);
    this.deps.onCommitted?.(frames);
    if (queued.size > 0) this.deps.onEffectsQueued(queued);
  }
}
