import * as z from "zod/mini";
import { Locale } from "./articles";
import { ClientId } from "./ids";
import { LIMITS } from "./limits";
import { wholeNumber } from "./whole-number";

export const AuthorType = z.enum(["customer", "ai", "agent", "system"]);
export type AuthorType = z.infer<typeof AuthorType>;

export const Author = z.object({
  type: AuthorType,
  name: z.nullable(z.string()),
});
export type Author = z.infer<typeof Author>;

/** A help-center article an AI answer was drawn from. */
export const Citation = z.object({
  title: z.string(),
  url: z.string(),
});
export type Citation = z.infer<typeof Citation>;

/**
 * What a reply button does when pressed; its label is what the customer "says".
 * - `resolved`: the answer helped.
 * - `handoff`: the customer wants a person.
 * - `choose_article`: the customer picked one of the articles a clarifying question offered
 *   (the button's `article_id`).
 * - `choose_option`: the customer picked one of a workflow's reply buttons (its label says which).
 */
export const ReplyAction = z.enum(["resolved", "handoff", "choose_article", "choose_option"]);
export type ReplyAction = z.infer<typeof ReplyAction>;

/** A help-center article's id, as the server named it on a `choose_article` button. */
export const ArticleId = z.string().check(z.minLength(1), z.maxLength(LIMITS.articleIdLength));

/** `article_id` comes with `choose_article` and only with it. */
const articleIdMatchesAction = z.refine<{ action?: ReplyAction | undefined; article_id?: string | undefined }>(
  (value) => (value.action === "choose_article") === (value.article_id !== undefined),
  { message: "article_id goes with action choose_article, and only with it", path: ["article_id"] },
);

export const ReplyButton = z
  .object({
    label: z.string(),
    action: ReplyAction,
    /** The article a `choose_article` button picks; absent on other buttons. */
    article_id: z.optional(ArticleId),
  })
  .check(articleIdMatchesAction);
export type ReplyButton = z.infer<typeof ReplyButton>;

/** What a collect-data form field holds; the Messenger shows every field as a textbox named by its label. */
export const FormFieldType = z.enum(["email", "name", "text", "number", "boolean", "list"]);
export type FormFieldType = z.infer<typeof FormFieldType>;

/** A workflow's collect-data form, shown under the message that asks for it. */
export const MessageForm = z.object({
  fields: z.array(
    z.object({
      /** The key the value is sent under (`SendMessageRequest.form`). */
      name: z.string(),
      label: z.string(),
      type: FormFieldType,
      required: z.boolean(),
      /** The choices of a `list` field. */
      options: z.optional(z.array(z.string())),
    }),
  ),
  submit_label: z.string(),
});
export type MessageForm = z.infer<typeof MessageForm>;

/** A conversation's messages are in order of `created_at`, then `id` (messages stored together share a time). */
export const Message = z.object({
  id: z.string(),
  conversation_id: z.string(),
  /** The id the sending browser gave the message; null for messages not sent by the customer. */
  client_id: z.nullable(z.string()),
  author: Author,
  text: z.string(),
  created_at: z.string(),
  citations: z.array(Citation),
  buttons: z.array(ReplyButton),
  /** A collect-data step's form; absent on other messages. */
  form: z.optional(MessageForm),
});
export type Message = z.infer<typeof Message>;

/**
 * Who is looking after the conversation: the AI agent, the human team (after a hand-off),
 * or nobody because it is resolved.
 */
export const ConversationStatus = z.enum(["ai", "team", "resolved"]);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

const conversationShape = {
  id: z.string(),
  status: ConversationStatus,
  /**
   * Grows with every change. Snapshots reach the widget by several routes (a POST response, the
   * stream, history) in any order: the one with the higher version is the newer.
   */
  version: z.number().check(wholeNumber(), z.nonnegative()),
  created_at: z.string(),
  updated_at: z.string(),
};

export const Conversation = z.object(conversationShape);
export type Conversation = z.infer<typeof Conversation>;

// A shape spread rather than z.extend: the same schema, and the Messenger's bundle goes without
// z.extend's code (0.35 KB gzip).
export const ConversationSummary = z.object({
  ...conversationShape,
  last_message: z.nullable(Message),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

/**
 * A customer message. `client_id` makes the send idempotent: sending the same client id
 * again returns the stored message instead of adding a second one. (The Messenger only uses the
 * type: `@__PURE__` lets its bundle drop the schema.)
 */
export const SendMessageRequest = /* @__PURE__ */ z.object({
  client_id: ClientId,
  text: z.string().check(
    z.trim(),
    z.minLength(1, "a message cannot be empty"),
    z.maxLength(LIMITS.messageLength),
  ),
  /** The Messenger's language (`language_override`, else the browser's): the AI replies in it when the message itself does not say. */
  locale: z.optional(Locale),
  /** Set when the customer pressed a reply button rather than typing: the button's action… */
  action: z.optional(ReplyAction),
  /** …and, for `choose_article`, the button's article. */
  article_id: z.optional(ArticleId),
  /**
   * The values of a collect-data form, by field name, as typed; `text` then says the same in words
   * for the transcript. A value the workflow cannot accept is answered 422 with one issue per field.
   */
  /** The page the customer is on, for workflow conditions on the page address. */
  page_url: z.optional(z.string().check(z.maxLength(2048))),
  form: z.optional(
    z.record(
      z.string().check(z.minLength(1), z.maxLength(LIMITS.attributeKeyLength)),
      z.string().check(z.maxLength(LIMITS.attributeValueLength)),
    ),
  ),
}).check(articleIdMatchesAction);
export type SendMessageRequest = z.infer<typeof SendMessageRequest>;

/** POST /v1/apps/{app_id}/conversations answers with the conversation and its first message. */
export const StartConversationResponse = z.object({
  conversation: Conversation,
  message: Message,
});
export type StartConversationResponse = z.infer<typeof StartConversationResponse>;

export const SendMessageResponse = z.object({
  message: Message,
});
export type SendMessageResponse = z.infer<typeof SendMessageResponse>;

export const ConversationResponse = z.object({
  conversation: Conversation,
  messages: z.array(Message),
});
export type ConversationResponse = z.infer<typeof ConversationResponse>;

export const ConversationListResponse = z.object({
  conversations: z.array(ConversationSummary),
});
export type ConversationListResponse = z.infer<typeof ConversationListResponse>;
