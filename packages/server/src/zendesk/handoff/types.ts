/**
 * What the workflow's hand-off step asks of Zendesk, whichever way the team takes over. The step
 * decides the mode (a `situation` hand-off is resolved to `ticket` or `live` before it gets here);
 * each mode has one transport with the same small interface.
 */
export type HandoffMode = "ticket" | "live";

/** One message of the conversation so far, as the team should read it. */
export interface TranscriptLine {
  /** Parley's message id: the marker that keeps each line from being posted twice. */
  messageId: string;
  author: "customer" | "ai" | "agent" | "system";
  name: string | null;
  text: string;
}

export interface HandoffRequest {
  conversationId: string;
  customer: {
    /** The Zendesk users' external id: the host's user_id, or Parley's generated visitor identity. */
    externalId: string;
    name: string | null;
    email: string | null;
  };
  transcript: TranscriptLine[];
  /** The AI's summary for the team (filled by the workflow's summary step), if any. */
  summary: string | null;
  /** What the workflow's collect-data steps gathered, by attribute name. */
  collectedData: Record<string, string>;
  /** Tags the hand-off puts on the Zendesk side (e.g. `intercom-messenger`, `fin-routed-to-team`). */
  tags: string[];
}

/** Hands a conversation to the team in one mode. Safe to call again after a failure: nothing is done twice. */
export interface HandoffTransport {
  readonly mode: HandoffMode;
  handOff(request: HandoffRequest): Promise<void>;
}
