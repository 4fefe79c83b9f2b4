import * as z from "zod/mini";
import { ClientId } from "./ids";
import { LIMITS } from "./limits";
import { ConversationSummary, ReplyButton } from "./conversations";

/** Intercom lets `user_id` be a number; we keep it as a string everywhere. */
const UserId = z.pipe(
  z.union([z.string().check(z.trim(), z.minLength(1), z.maxLength(255)), z.number()]),
  z.transform((value) => String(value)),
);

const AttributeValue = z.union([
  z.string().check(z.maxLength(LIMITS.attributeValueLength)),
  z.number(),
  z.boolean(),
  z.null(),
]);

/** Custom data attributes: flat primitives, keys without `.` or `$` (Intercom's rules). */
export const Attributes = z.record(
  z.string().check(
    z.minLength(1),
    z.maxLength(LIMITS.attributeKeyLength),
    z.regex(/^[^.$]+$/, "attribute names cannot contain '.' or '$'"),
  ),
  AttributeValue,
).check(
  z.refine((record) => Object.keys(record).length <= LIMITS.attributeCount, {
    message: `at most ${LIMITS.attributeCount} custom attributes`,
  }),
);
export type Attributes = z.infer<typeof Attributes>;

/** What the host page tells us about the person using it. */
export const PingUser = z.object({
  user_id: z.optional(UserId),
  email: z.optional(z.email()),
  name: z.optional(z.string().check(z.maxLength(255))),
  phone: z.optional(z.string().check(z.maxLength(64))),
  /** Sign-up time, Unix seconds. */
  created_at: z.optional(z.number()),
  /** hex(HMAC-SHA256(identity secret, user_id ?? email)). */
  user_hash: z.optional(z.string().check(z.maxLength(128))),
  /**
   * An HS256 JWT signed with the identity secret: `user_id` and `exp` claims required; its other
   * claims (email, name, phone, custom attributes) override the unsigned ones.
   */
  intercom_user_jwt: z.optional(z.string().check(z.maxLength(4096))),
  attributes: z.optional(Attributes),
});
export type PingUser = z.infer<typeof PingUser>;

/** Sent on boot and on every `update`: POST /v1/apps/{app_id}/ping. */
export const PingRequest = z.object({
  /** The browser's anonymous visitor id, kept across visits. */
  visitor_id: ClientId,
  user: PingUser,
  /**
   * How long the session may last, in milliseconds (Intercom's `session_duration`); the server
   * keeps it within its own maximum.
   */
  // `@__PURE__` on a checked schema the Messenger's bundle does not use lets it drop the schema.
  session_duration: z.optional(/* @__PURE__ */ z.number().check(z.int(), z.positive())),
  page: z.optional(
    z.object({
      url: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(2048))),
      title: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(512))),
    }),
  ),
});
export type PingRequest = z.infer<typeof PingRequest>;

export const SessionUser = z.object({
  /** Parley's id for this contact. */
  id: z.string(),
  user_id: z.nullable(z.string()),
  email: z.nullable(z.string()),
  name: z.nullable(z.string()),
  /** True when the ping carried a valid `user_hash`. */
  verified: z.boolean(),
  /** True for a visitor who gave neither `user_id` nor `email`. */
  anonymous: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const PingResponse = z.object({
  session: z.object({
    /** Bearer token for every later request of this browser session. */
    token: z.string(),
    expires_at: z.string(),
  }),
  visitor_id: z.string(),
  user: SessionUser,
  app: z.object({
    id: z.string(),
    name: z.string(),
    /** The first thing the Messenger says when a conversation starts. */
    greeting: z.string(),
    /** Reply buttons under the greeting (the workflow's); pressing one starts the conversation on its path. */
    greeting_buttons: z.optional(z.array(ReplyButton)),
  }),
  conversations: z.array(ConversationSummary),
  /**
   * The stream cursor as of this ping. Open the stream with `?after=` this cursor and load
   * history with GET: together they miss nothing (duplicates are resolved by message id).
   */
  stream_cursor: z.string(),
  /**
   * Something the site owner should know about how this ping was identified, e.g.
   * `identity_separated`: it named a user seen verified before without proving it, so it got a
   * contact of its own. The Messenger logs it to the console.
   */
  notice: z.optional(z.object({ code: z.string(), message: z.string() })),
});
export type PingResponse = z.infer<typeof PingResponse>;
