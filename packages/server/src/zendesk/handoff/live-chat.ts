import type { Db } from "../../store/db";
import {
  type LiveChat,
  liveChatBySuncoId,
  liveChatFor,
  moveLiveChat,
  postedMessageIds,
  recordPost,
  saveLiveChat,
} from "../../store/zendesk-live-chats";
import type { ConversationsClient, MessageAuthor } from "../conversations-api/client";
import {
  ControlEventPayload,
  MessageEventPayload,
  type Metadata,
  type SunConversation,
  type SunMessage,
  type SunWebhookCall,
} from "../conversations-api/schemas";
import { ZendeskApiError } from "../errors";
import type { HandoffRequest, HandoffTransport, TranscriptLine } from "./types";

/** The switchboard integration type of Zendesk's agent workspace: passing control to it starts a live chat. */
export const AGENT_WORKSPACE = "zd:agentWorkspace";
/** Metadata key carrying Parley's message id on every message Parley posts: how duplicates and echoes are recognised. */
export const MESSAGE_MARKER = "parley_message_id";
/** Metadata key carrying Parley's conversation id on the Conversations API conversation. */
export const CONVERSATION_MARKER = "parley_conversation_id";
const METADATA_BYTES = 4096;

/** A live hand-off that cannot happen in this account as it is set up; trying again will not help. */
export class LiveChatUnavailable extends Error {
  override readonly name = "LiveChatUnavailable";
  readonly retryable = false;
}

/** How often one transcript line or relayed message is posted when Zendesk answers 5xx, and the pause before looking (times the try). */
const POST_TRIES = 3;
const POST_PAUSE_MS = 250;

/** How long a read of the app's multi-conversations setting is trusted. */
const SETTINGS_TTL_MS = 60_000;

/** What a live chat tells the rest of Parley. */
export interface LiveChatEvents {
  /** An agent wrote in the live chat: show it in the Messenger (idempotent by `externalRef`). */
  agentReplied(conversationId: string, reply: { text: string; authorName: string; avatarUrl: string | null; externalRef: string }): Promise<void>;
  /** The agent workspace gave the conversation back (ticket solved or closed, or moved to email): the AI takes over again. */
  controlReleased(conversationId: string, reason: string | null): Promise<void>;
}

export interface LiveChatDeps {
  db: Db;
  client: ConversationsClient;
  /** The AI's name on transcript lines it wrote. */
  aiName: string;
  clock: () => Date;
  /**
   * Whether Parley's Conversations API webhook is registered: until it is, Parley would not hear the
   * agent's replies or the release, so a hand-off waits (absent: always listening).
   */
  listening?: (() => boolean) | undefined;
}

/** Parley's webhook is not registered yet (just after a start or a new connection): the outbox tries the hand-off again. */
export class NotListeningYet extends Error {
  override readonly name = "NotListeningYet";
  readonly retryable = true;
}

/**
 * Live hand-off through the Conversations API: the customer becomes a Conversations API user
 * (externalId = their user id), gets a personal conversation, the transcript so far is posted, and
 * control passes to the agent workspace with first-message and data-capture metadata. Every step
 * looks before it acts (the user by externalId, the conversation by its metadata, messages by
 * their marker), so a retry after any failure, or a crash, finishes the job without doubling it.
 */
export class LiveChatTransport implements HandoffTransport {
  readonly mode = "live" as const;
  #multiConversations: { value: boolean; at: number } | null = null;

  constructor(private readonly deps: LiveChatDeps) {}

  async handOff(request: HandoffRequest): Promise<void> {
    const { db, client, clock } = this.deps;
    if (this.deps.listening && !this.deps.listening()) {
      throw new NotListeningYet("Parley's Conversations API webhook is not registered yet: the live hand-off waits until Parley can hear the agent");
    }
    const earlier = await liveChatFor(db, request.conversationId);
    const user = await client.users.findOrCreate(request.customer.externalId, {
      ...(request.customer.name && { givenName: request.customer.name }),
      ...(request.customer.email && { email: request.customer.email }),
    });
    let chat: LiveChat;
    if (earlier) {
      // A second hand-off of the same conversation (after the agents gave it back) reuses its live chat.
      chat = { ...earlier, status: earlier.status === "released" ? "handing_off" : earlier.status };
      if (earlier.status === "released") await saveLiveChat(db, chat, clock().toISOString());
    } else {
      await this.#requireMultiConversations();
      const conversation =
        (await this.#findConversation(user.id, request.conversationId)) ??
        (await client.conversations.create({ userId: user.id, displayName: "Messenger", metadata: { [CONVERSATION_MARKER]: request.conversationId } }));
      chat = { conversationId: request.conversationId, appId: client.appId, userId: user.id, suncoConversationId: conversation.id, status: "handing_off" };
      await saveLiveChat(db, chat, clock().toISOString());
    }

    // After an unknown outcome the messages may be there already: read them back before posting.
    if (earlier) await this.#adoptPosted(chat);
    const posted = await postedMessageIds(db, chat.conversationId);
    let firstNew: string | null = null;
    let firstAny: string | null = null;
    for (const line of request.transcript) {
      const isNew = !posted.has(line.messageId);
      const id = await this.#post(chat, line);
      firstAny ??= id;
      if (isNew) firstNew ??= id;
    }
    const firstMessageId = firstNew ?? firstAny;

    const conversation = await client.conversations.get(chat.suncoConversationId);
    if (conversation.activeSwitchboardIntegration?.integrationType !== AGENT_WORKSPACE) {
      await client.switchboard.passControl(chat.suncoConversationId, AGENT_WORKSPACE, handoffMetadata(request, firstMessageId));
    }
    await moveLiveChat(db, chat.conversationId, ["handing_off"], "live", clock().toISOString());
  }

  /**
   * A customer message for the agent. Returns `not_live` when the conversation has no live chat
   * (the caller then treats it as usual). `mayHaveBeenSent`: an earlier attempt may have posted it.
   */
  async relayCustomerMessage(conversationId: string, message: { messageId: string; text: string }, mayHaveBeenSent: boolean): Promise<"sent" | "not_live"> {
    const chat = await liveChatFor(this.deps.db, conversationId);
    if (!chat) return "not_live";
    if (mayHaveBeenSent) await this.#adoptPosted(chat);
    if (chat.status === "released") {
      // The team gave the chat back between an attempt that posted it (its answer lost) and this one:
      // the agent has it, and it must not go on the ticket as well.
      return mayHaveBeenSent && (await postedMessageIds(this.deps.db, conversationId)).has(message.messageId) ? "sent" : "not_live";
    }
    await this.#post(chat, { messageId: message.messageId, author: "customer", name: null, text: message.text });
    return "sent";
  }

  /**
   * Events from the Conversations API webhook: agent messages and control changes of live chats.
   * Parley's own messages (they carry the marker) and conversations it does not know are skipped.
   */
  async receive(call: SunWebhookCall, events: LiveChatEvents): Promise<void> {
    const { db, clock } = this.deps;
    for (const event of call.events) {
      if (event.type === "conversation:message") {
        const parsed = MessageEventPayload.safeParse(event.payload);
        if (!parsed.success) continue;
        const { conversation, message } = parsed.data;
        const chat = await liveChatBySuncoId(db, conversation.id);
        if (!chat || !isAgentMessage(message)) continue;
        const text = message.content.text?.trim();
        if (!text) continue;
        await events.agentReplied(chat.conversationId, {
          text,
          // Agents are named by first name in the Messenger, as on the ticket path.
          authorName: firstName(message.author.displayName) ?? "Support",
          avatarUrl: message.author.avatarUrl ?? null,
          externalRef: `zendesk:message:${message.id}`,
        });
      } else if (event.type === "switchboard:releaseControl" || event.type === "switchboard:passControl") {
        const parsed = ControlEventPayload.safeParse(event.payload);
        if (!parsed.success) continue;
        const active = parsed.data.conversation.activeSwitchboardIntegration;
        if (active?.integrationType === AGENT_WORKSPACE) continue; // control went to the agents, not away from them
        const chat = await liveChatBySuncoId(db, parsed.data.conversation.id);
        if (!chat) continue;
        // Only the first of several deliveries (or of release + pass) moves it. The AI is told again
        // when it already was released: a failure after the move must not lose the news on redelivery
        // (the engine ignores a release of a conversation the team no longer has).
        const moved = await moveLiveChat(db, chat.conversationId, ["live", "handing_off"], "released", clock().toISOString());
        if (moved || chat.status === "released") await events.controlReleased(chat.conversationId, parsed.data.reason ?? null);
      }
    }
  }

  /** Each hand-off opens a conversation of its own, which Zendesk allows only with multiple conversations on. */
  async #requireMultiConversations(): Promise<void> {
    const now = this.deps.clock().getTime();
    if (!this.#multiConversations || now - this.#multiConversations.at > SETTINGS_TTL_MS) {
      const app = await this.deps.client.app();
      this.#multiConversations = { value: app.settings?.multiConvoEnabled === true, at: now };
    }
    if (!this.#multiConversations.value) {
      throw new LiveChatUnavailable("multiple conversations are off in this Zendesk account's messaging settings, so a live chat cannot be opened");
    }
  }

  async #findConversation(userId: string, conversationId: string): Promise<SunConversation | undefined> {
    // A create whose answer was lost left a conversation with our marker: adopt it rather than make another.
    const candidates = await this.deps.client.conversations.listForUser(userId);
    return candidates.find((candidate) => candidate.metadata?.[CONVERSATION_MARKER] === conversationId);
  }

  /** Records locally every message of ours the conversation already holds. */
  async #adoptPosted(chat: LiveChat): Promise<void> {
    const known = await postedMessageIds(this.deps.db, chat.conversationId);
    for (const message of await this.deps.client.messages.list(chat.suncoConversationId)) {
      const marker = message.metadata?.[MESSAGE_MARKER];
      if (typeof marker !== "string" || known.has(marker)) continue;
      await recordPost(this.deps.db, { messageId: marker, conversationId: chat.conversationId, suncoMessageId: message.id }, this.deps.clock().toISOString());
    }
  }

  /** Posts one line unless it is there already; returns its Conversations API message id, or null for lines not posted. */
  async #post(chat: LiveChat, line: TranscriptLine): Promise<string | null> {
    const { db, client, clock } = this.deps;
    const author = authorOf(line, chat, this.deps.aiName);
    for (let tries = 1; ; tries++) {
      // Posted already: by an earlier attempt, or by the try before this one though Zendesk answered an error.
      const earlier = await db.selectFrom("zendesk_live_posts").select("sunco_message_id").where("message_id", "=", line.messageId).executeTakeFirst();
      if (earlier) return earlier.sunco_message_id;
      if (!author || line.text.trim() === "") return null;
      try {
        const posted = await client.messages.post(chat.suncoConversationId, { author, text: line.text, metadata: { [MESSAGE_MARKER]: line.messageId } });
        await recordPost(db, { messageId: line.messageId, conversationId: chat.conversationId, suncoMessageId: posted.id }, clock().toISOString());
        return posted.id;
      } catch (error) {
        // Zendesk answered with a server error: the message may or may not be stored. Look, and post
        // it again if it is not, rather than put off the whole hand-off (or relay) with the outbox's
        // backoff for one flaky answer. Anything else (a lost answer, a refusal) goes to the outbox.
        if (!(error instanceof ZendeskApiError && error.status >= 500) || tries >= POST_TRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, POST_PAUSE_MS * tries));
        await this.#adoptPosted(chat);
      }
    }
  }
}

function authorOf(line: TranscriptLine, chat: LiveChat, aiName: string): MessageAuthor | null {
  switch (line.author) {
    case "customer":
      return { type: "user", userId: chat.userId };
    case "ai":
      return { type: "business", displayName: line.name ?? aiName, ai: true };
    case "agent":
      return { type: "business", displayName: line.name ?? "Support" };
    case "system":
      return null; // the Messenger's own notices mean nothing to the agent
  }
}

/** A message from a person or bot in Zendesk: business, and not one Parley posted itself. */
function isAgentMessage(message: SunMessage): boolean {
  if (message.author.type !== "business") return false;
  if (message.metadata && MESSAGE_MARKER in message.metadata) return false;
  return message.source?.type !== "api:conversations";
}

function firstName(name: string | null | undefined): string | null {
  const trimmed = name?.trim();
  return trimmed ? (trimmed.split(/\s+/)[0] ?? trimmed) : null;
}

/**
 * The pass-control metadata the agent workspace reads when it makes the messaging ticket: where the
 * transcript starts, the tags and requester to capture, the AI's summary and the collected data,
 * within the API's 4 KB (the summary is shortened first).
 */
export function handoffMetadata(request: HandoffRequest, firstMessageId: string | null): Metadata {
  const metadata: Metadata = {
    [CONVERSATION_MARKER]: request.conversationId,
    ...(firstMessageId && { first_message_id: firstMessageId }),
    ...(request.tags.length > 0 && { "dataCapture.systemField.tags": request.tags.join(",") }),
    ...(request.customer.name && { "dataCapture.systemField.requester.name": request.customer.name }),
    ...(request.customer.email && { "dataCapture.systemField.requester.email": request.customer.email }),
  };
  for (const [name, value] of Object.entries(request.collectedData)) metadata[`parley_data.${name}`] = value.slice(0, 500);
  let summary = request.summary?.trim() ?? "";
  while (summary !== "" && Buffer.byteLength(JSON.stringify({ ...metadata, parley_summary: summary })) > METADATA_BYTES) {
    summary = `${summary.slice(0, Math.floor(summary.length * 0.8))}…`;
  }
  if (summary !== "") metadata.parley_summary = summary;
  return metadata;
}
