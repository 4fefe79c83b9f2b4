import * as z from "zod";

/** The Conversations API shapes Parley reads. Unknown fields are kept; only what is used is required. */

export const Metadata = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type Metadata = z.infer<typeof Metadata>;

export const SunApp = z.looseObject({
  id: z.string(),
  displayName: z.string().nullish(),
  settings: z.looseObject({ multiConvoEnabled: z.boolean().optional() }).optional(),
});
export type SunApp = z.infer<typeof SunApp>;

export const SunUser = z.looseObject({
  id: z.string(),
  externalId: z.string().nullish(),
  profile: z.looseObject({ givenName: z.string().nullish(), surname: z.string().nullish(), email: z.string().nullish() }).nullish(),
});
export type SunUser = z.infer<typeof SunUser>;

export const SwitchboardRef = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  integrationType: z.string().nullish(),
  integrationId: z.string().nullish(),
});

export const SunConversation = z.looseObject({
  id: z.string(),
  type: z.string(),
  metadata: Metadata.nullish(),
  activeSwitchboardIntegration: SwitchboardRef.nullish(),
  pendingSwitchboardIntegration: SwitchboardRef.nullish(),
});
export type SunConversation = z.infer<typeof SunConversation>;

export const SunAuthor = z.looseObject({
  type: z.enum(["business", "user"]),
  subtypes: z.array(z.string()).nullish(),
  userId: z.string().nullish(),
  displayName: z.string().nullish(),
  avatarUrl: z.string().nullish(),
});

export const SunMessage = z.looseObject({
  id: z.string(),
  received: z.string().nullish(),
  author: SunAuthor,
  content: z.looseObject({ type: z.string(), text: z.string().nullish() }),
  source: z.looseObject({ type: z.string().nullish(), integrationId: z.string().nullish() }).nullish(),
  metadata: Metadata.nullish(),
});
export type SunMessage = z.infer<typeof SunMessage>;

export const SunWebhook = z.looseObject({ id: z.string(), target: z.string(), triggers: z.array(z.string()), secret: z.string().nullish() });

export const SunIntegration = z.looseObject({
  id: z.string(),
  type: z.string(),
  displayName: z.string().nullish(),
  webhooks: z.array(SunWebhook).nullish(),
});
export type SunIntegration = z.infer<typeof SunIntegration>;

export const SwitchboardIntegration = z.looseObject({
  id: z.string(),
  name: z.string(),
  integrationType: z.string(),
  integrationId: z.string().nullish(),
});

/** A webhook call: `{app, webhook, events:[…]}`; events Parley does not act on are kept as they are. */
export const SunEvent = z.looseObject({
  id: z.string(),
  type: z.string(),
  createdAt: z.string().nullish(),
  payload: z.looseObject({}).nullish(),
});
export const SunWebhookCall = z.looseObject({
  app: z.looseObject({ id: z.string() }),
  webhook: z.looseObject({ id: z.string() }).nullish(),
  events: z.array(SunEvent),
});
export type SunWebhookCall = z.infer<typeof SunWebhookCall>;

export const MessageEventPayload = z.looseObject({ conversation: z.looseObject({ id: z.string() }), message: SunMessage });
export const ControlEventPayload = z.looseObject({
  conversation: SunConversation.pick({ id: true, activeSwitchboardIntegration: true }).loose(),
  metadata: Metadata.nullish(),
  reason: z.string().nullish(),
});
