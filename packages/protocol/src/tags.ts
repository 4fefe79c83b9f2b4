/**
 * The Zendesk tags Parley sets on the tickets it mirrors. Zendesk triggers route on these,
 * so the names match what Intercom Fin sets; each can be renamed by configuration.
 */
export const DEFAULT_TAGS = {
  /** Every ticket Parley creates. */
  messenger: "intercom-messenger",
  /** The AI agent took part in the conversation. */
  aiInvolved: "fin-involved",
  /** The AI agent answered and the customer did not ask for more. */
  aiResolved: "fin-resolved",
  /** Resolved without the customer confirming. */
  softResolution: "fin-soft-resolution",
  /** The customer confirmed the answer helped. */
  hardResolution: "fin-hard-resolution",
  /** Handed off to the human team. */
  routedToTeam: "fin-routed-to-team",
} as const;

export type TagNames = { [K in keyof typeof DEFAULT_TAGS]: string };
