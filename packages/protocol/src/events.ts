import * as z from "zod/mini";
import { ClientId } from "./ids";
import { LIMITS } from "./limits";
import { wholeNumber } from "./whole-number";

/** An event's name as the page gives it to `Intercom('trackEvent', name)`. */
export const EventName = z.string().check(
  z.trim(),
  z.minLength(1, "an event needs a name"),
  z.maxLength(LIMITS.eventNameLength, `an event name has at most ${LIMITS.eventNameLength} characters`),
);

/** Intercom's rich link: shown as `value` linking to `url` (web addresses only: an owner clicks it). */
const EventLink = z.strictObject({
  // A pattern, not z.url(): the Messenger's bundle carries these schemas, and this is all we need.
  url: z.string().check(z.maxLength(2048), z.regex(/^https?:\/\/[^\s/]+\S*$/i, "a link's url must be an http(s) address")),
  value: z.optional(z.string().check(z.maxLength(LIMITS.attributeValueLength))),
});

/** Intercom's price: `amount` in the currency's minor unit (cents), `currency` an ISO 4217 code. */
const EventPrice = z.strictObject({
  amount: z.number().check(wholeNumber()),
  currency: z.string().check(z.regex(/^[A-Za-z]{3}$/, "currency is a three-letter code such as usd")),
});

export const EventMetadataValue = z.union([
  z.string().check(z.maxLength(LIMITS.attributeValueLength)),
  z.number(),
  z.boolean(),
  z.null(),
  EventLink,
  EventPrice,
]);
export type EventMetadataValue = z.infer<typeof EventMetadataValue>;

/** At most ten flat values: strings, numbers, booleans, links ({ url, value }) or prices ({ amount, currency }). */
export const EventMetadata = z
  .record(
    z.string().check(z.minLength(1), z.maxLength(LIMITS.attributeKeyLength), z.regex(/^[^.$]+$/, "metadata names cannot contain '.' or '$'")),
    EventMetadataValue,
  )
  .check(
    z.refine((record) => Object.keys(record).length <= LIMITS.eventMetadataCount, {
      message: `at most ${LIMITS.eventMetadataCount} metadata values`,
    }),
  );
export type EventMetadata = z.infer<typeof EventMetadata>;

/** `Intercom('trackEvent', name, metadata)`: POST /v1/apps/{app_id}/events for the session's contact. */
export const TrackEventRequest = z.strictObject({
  /** Made up by the Messenger when the page tracks the event: a re-sent event is stored once. */
  client_id: z.optional(ClientId),
  event_name: EventName,
  /** When it happened, Unix seconds (Intercom's `created_at`); the server's clock when absent. */
  created_at: z.optional(z.number().check(wholeNumber(), z.positive())),
  metadata: z.optional(EventMetadata),
});
export type TrackEventRequest = z.infer<typeof TrackEventRequest>;

/** One stored event of a contact. `created_at` is ISO-8601. */
export const TrackedEvent = z.object({
  id: z.string(),
  event_name: z.string(),
  created_at: z.string(),
  metadata: EventMetadata,
});
export type TrackedEvent = z.infer<typeof TrackedEvent>;

export const TrackEventResponse = z.object({ event: TrackedEvent });
export type TrackEventResponse = z.infer<typeof TrackEventResponse>;
