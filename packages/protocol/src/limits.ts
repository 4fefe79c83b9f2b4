/** Limits both sides enforce. The server rejects past them; the widget never sends past them. */
export const LIMITS = {
  /** Characters in one message (Zendesk messaging caps text at 4096). */
  messageLength: 4000,
  /** Bytes in one JSON request body. */
  requestBodyBytes: 64 * 1024,
  /** Client-generated ids: message client ids and visitor ids. */
  clientIdMinLength: 8,
  clientIdMaxLength: 64,
  /** Custom attributes sent on a ping (Intercom allows 250 per workspace). */
  attributeCount: 100,
  attributeKeyLength: 190,
  /** Intercom caps custom attribute strings at 255 characters. */
  attributeValueLength: 255,
  /** Characters in a help-center search. */
  searchQueryLength: 200,
  /** A help-center article's id on a reply button. */
  articleIdLength: 200,
  /** `trackEvent`: the event's name, and Intercom's ten metadata values at most. */
  eventNameLength: 255,
  eventMetadataCount: 10,
} as const;
