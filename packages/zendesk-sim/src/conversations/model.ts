import { randomBytes } from "node:crypto";
import { ZendeskError } from "../account/errors";
import type { Clock } from "../clock";

/**
 * The Conversations API (Sunshine Conversations v2) side of the simulated account: one app with
 * its API key, users, personal conversations, their messages, the switchboard and custom
 * integrations with webhooks. Records are kept in the API's own JSON shapes (camelCase), so the
 * routes hand them out as they are. It lives in memory only: a restart of the simulator empties it.
 */

export interface ConversationsSettings {
  appId: string;
  appName: string;
  keyId: string;
  secret: string;
  multiConvoEnabled: boolean;
}

export type Metadata = Record<string, string | number | boolean>;

export interface SunUser {
  id: string;
  externalId?: string;
  signedUpAt: string;
  toBeRetained: boolean;
  profile: { givenName?: string; surname?: string; email?: string; avatarUrl?: string; locale?: string };
  metadata: Metadata;
  identities: { type: "email"; value: string; verified: boolean }[];
}

export interface SwitchboardIntegration {
  id: string;
  name: string;
  integrationId: string;
  integrationType: string;
  deliverStandbyEvents: boolean;
  nextSwitchboardIntegrationId?: string;
  messageHistoryCount?: number;
}

export type SwitchboardRef = Pick<SwitchboardIntegration, "id" | "name" | "integrationType" | "integrationId">;

export interface SunConversation {
  id: string;
  type: "personal";
  isDefault: boolean;
  displayName?: string;
  description?: string;
  businessLastRead: string | null;
  lastUpdatedAt: string;
  createdAt: string;
  metadata: Metadata;
  activeSwitchboardIntegration?: SwitchboardRef;
  pendingSwitchboardIntegration?: SwitchboardRef;
  /** The participant's user id (personal conversations have exactly one). Not part of the API shape. */
  userId: string;
  /** The metadata of the last pass control, as the agent workspace reads it (data capture). Not part of the API shape. */
  handoffMetadata: Metadata;
}

export interface SunMessage {
  id: string;
  received: string;
  author: { type: "business" | "user"; subtypes?: string[]; userId?: string; displayName?: string; avatarUrl?: string };
  content: { type: "text"; text: string };
  source: { type: string; integrationId?: string };
  metadata?: Metadata;
  deleted: false;
}

export interface SunWebhook {
  id: string;
  version: "v2";
  target: string;
  triggers: string[];
  secret: string;
  includeFullUser: boolean;
  includeFullSource: boolean;
}

export interface CustomIntegration {
  id: string;
  type: "custom";
  status: "active";
  displayName: string;
  webhooks: SunWebhook[];
}

export interface SunEvent {
  id: string;
  type: string;
  createdAt: string;
  payload: Record<string, unknown>;
}

/** The simulator's name for the agent workspace's switchboard integration, as Zendesk seeds it. */
export const AGENT_WORKSPACE = "zd:agentWorkspace";
/** Conversations hold at most this many messages; the next post answers 423. */
export const MESSAGE_LIMIT = 30_000;
const METADATA_BYTES = 4096;

export function sunId(): string {
  return randomBytes(12).toString("hex");
}

export function sunError(status: number, code: string, title: string): ZendeskError {
  return new ZendeskError(status, { errors: [{ code, title }] });
}

export class ConversationsAccount {
  readonly users = new Map<string, SunUser>();
  readonly conversations = new Map<string, SunConversation>();
  readonly messages = new Map<string, SunMessage[]>();
  readonly integrations = new Map<string, CustomIntegration>();
  readonly switchboardId = sunId();
  readonly switchboardIntegrations: SwitchboardIntegration[] = [];

  constructor(
    readonly settings: ConversationsSettings,
    private readonly clock: Clock,
    /** Called with every event, in order; the webhook dispatcher fans them out. */
    private readonly emit: (event: SunEvent) => void,
  ) {
    this.seedSwitchboard();
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private seedSwitchboard(): void {
    // As in a Zendesk account with messaging: the answer bot first, the agent workspace next.
    // Each stands for one of Zendesk's own integrations, so each has an integration id.
    const answerBot: SwitchboardIntegration = { id: sunId(), name: "zd-answerBot", integrationId: sunId(), integrationType: "zd:answerBot", deliverStandbyEvents: false };
    const workspace: SwitchboardIntegration = { id: sunId(), name: "zd-agentWorkspace", integrationId: sunId(), integrationType: AGENT_WORKSPACE, deliverStandbyEvents: false };
    answerBot.nextSwitchboardIntegrationId = workspace.id;
    workspace.nextSwitchboardIntegrationId = answerBot.id;
    this.switchboardIntegrations.push(answerBot, workspace);
  }

  app(): Record<string, unknown> {
    const { appId, appName, multiConvoEnabled } = this.settings;
    return {
      id: appId,
      displayName: appName,
      settings: {
        conversationRetentionSeconds: 0,
        maskCreditCardNumbers: true,
        useAnimalNames: false,
        echoPostback: false,
        ignoreAutoConversationStart: false,
        multiConvoEnabled,
        appLocalizationEnabled: false,
      },
      metadata: null,
    };
  }

  // Users ---------------------------------------------------------------------------------------

  createUser(input: { externalId?: string | undefined; profile?: SunUser["profile"] | undefined; metadata?: Metadata | undefined; signedUpAt?: string | undefined }): SunUser {
    if (input.externalId !== undefined && this.findUser(input.externalId)) {
      throw sunError(409, "conflict", "User already exists");
    }
    const profile = input.profile ?? {};
    const user: SunUser = {
      id: sunId(),
      ...(input.externalId !== undefined && { externalId: input.externalId }),
      signedUpAt: input.signedUpAt ?? this.now(),
      toBeRetained: false,
      profile,
      metadata: checkMetadata(input.metadata),
      identities: profile.email ? [{ type: "email", value: profile.email, verified: false }] : [],
    };
    this.users.set(user.id, user);
    return user;
  }

  /** By id or external id, as `/users/{userIdOrExternalId}` resolves them. */
  findUser(idOrExternalId: string): SunUser | undefined {
    const byId = this.users.get(idOrExternalId);
    if (byId) return byId;
    for (const user of this.users.values()) if (user.externalId === idOrExternalId) return user;
    return undefined;
  }

  user(idOrExternalId: string): SunUser {
    const user = this.findUser(idOrExternalId);
    if (!user) throw sunError(404, "user_not_found", "User not found");
    return user;
  }

  // Conversations -------------------------------------------------------------------------------

  createConversation(input: { userId: string; displayName?: string | undefined; description?: string | undefined; metadata?: Metadata | undefined }): SunConversation {
    const user = this.user(input.userId);
    const existing = [...this.conversations.values()].filter((conversation) => conversation.userId === user.id);
    if (existing.length > 0 && !this.settings.multiConvoEnabled) {
      // Without multi-conversations a user has one personal conversation: a second cannot be made.
      throw sunError(409, "conflict", "Multi-conversations is not enabled for this app: the user already has a personal conversation");
    }
    const at = this.now();
    const defaultIntegration = this.switchboardIntegrations[0];
    const conversation: SunConversation = {
      id: sunId(),
      type: "personal",
      isDefault: existing.length === 0,
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.description !== undefined && { description: input.description }),
      businessLastRead: null,
      lastUpdatedAt: at,
      createdAt: at,
      metadata: checkMetadata(input.metadata),
      ...(defaultIntegration && { activeSwitchboardIntegration: ref(defaultIntegration) }),
      userId: user.id,
      handoffMetadata: {},
    };
    this.conversations.set(conversation.id, conversation);
    this.messages.set(conversation.id, []);
    this.emit(this.event("conversation:create", { conversation: truncated(conversation), user: { id: user.id, externalId: user.externalId } }));
    return conversation;
  }

  conversation(id: string): SunConversation {
    const conversation = this.conversations.get(id);
    if (!conversation) throw sunError(404, "conversation_not_found", "Conversation not found");
    return conversation;
  }

  conversationsOf(userId: string): SunConversation[] {
    return [...this.conversations.values()].filter((conversation) => conversation.userId === userId);
  }

  // Messages ------------------------------------------------------------------------------------

  postMessage(conversationId: string, input: { author: SunMessage["author"]; text: string; source: SunMessage["source"]; metadata?: Metadata | undefined }): SunMessage {
    const conversation = this.conversation(conversationId);
    const list = this.messages.get(conversation.id) ?? [];
    if (list.length >= MESSAGE_LIMIT) throw sunError(423, "locked", `Message limit of ${MESSAGE_LIMIT} per conversation reached.`);
    if (input.author.type === "user" && input.author.userId !== conversation.userId) {
      throw sunError(400, "bad_request", "The author is not a participant of this conversation");
    }
    const user = this.users.get(conversation.userId);
    const author =
      input.author.type === "user" && user
        ? { ...input.author, displayName: input.author.displayName ?? displayNameOf(user) }
        : input.author;
    const message: SunMessage = {
      id: sunId(),
      received: this.now(),
      author,
      content: { type: "text", text: input.text },
      source: input.source,
      ...(input.metadata && { metadata: checkMetadata(input.metadata) }),
      deleted: false,
    };
    list.push(message);
    this.messages.set(conversation.id, list);
    conversation.lastUpdatedAt = message.received;
    this.emit(this.event("conversation:message", { conversation: truncated(conversation), message }));
    return message;
  }

  // Switchboard ---------------------------------------------------------------------------------

  addSwitchboardIntegration(input: Omit<SwitchboardIntegration, "id">): SwitchboardIntegration {
    if (this.switchboardIntegrations.some((candidate) => candidate.name === input.name)) {
      throw sunError(409, "conflict", "A switchboard integration with this name already exists");
    }
    if (this.switchboardIntegrations.length >= 10) throw sunError(400, "bad_request", "A switchboard holds at most 10 integrations");
    const created = { id: sunId(), ...input };
    this.switchboardIntegrations.push(created);
    return created;
  }

  /** By id, then name, then integration type; "next" follows the active one's next. */
  resolveSwitchboardIntegration(target: string, conversation: SunConversation): SwitchboardIntegration {
    const all = this.switchboardIntegrations;
    if (target === "next") {
      const active = all.find((candidate) => candidate.id === conversation.activeSwitchboardIntegration?.id);
      const next = active?.nextSwitchboardIntegrationId ? all.find((candidate) => candidate.id === active.nextSwitchboardIntegrationId) : undefined;
      if (!next) throw sunError(400, "switchboard_invalid_target", "The active switchboard integration has no next one");
      return next;
    }
    const byId = all.find((candidate) => candidate.id === target);
    if (byId) return byId;
    const byName = all.find((candidate) => candidate.name === target);
    if (byName) return byName;
    const byType = all.filter((candidate) => candidate.integrationType === target);
    if (byType.length > 1) throw sunError(400, "switchboard_invalid_target", `Several switchboard integrations have the type ${target}`);
    if (byType[0]) return byType[0];
    throw sunError(400, "switchboard_invalid_target", `No switchboard integration matches "${target}"`);
  }

  passControl(conversationId: string, target: string, metadata: Metadata | undefined, reason?: "ticketClosed" | "transferToEmail"): void {
    const conversation = this.conversation(conversationId);
    const to = this.resolveSwitchboardIntegration(target, conversation);
    conversation.activeSwitchboardIntegration = ref(to);
    delete conversation.pendingSwitchboardIntegration;
    if (to.integrationType === AGENT_WORKSPACE) conversation.handoffMetadata = checkMetadata(metadata);
    this.emit(
      this.event("switchboard:passControl", {
        conversation: truncated(conversation),
        metadata: checkMetadata(metadata),
        ...(reason && { reason }),
      }),
    );
  }

  offerControl(conversationId: string, target: string, metadata: Metadata | undefined): void {
    const conversation = this.conversation(conversationId);
    const to = this.resolveSwitchboardIntegration(target, conversation);
    if (to.id === conversation.activeSwitchboardIntegration?.id) {
      throw sunError(400, "switchboard_invalid_action", "Control cannot be offered to the active switchboard integration");
    }
    conversation.pendingSwitchboardIntegration = ref(to);
    this.emit(this.event("switchboard:offerControl", { conversation: truncated(conversation), metadata: checkMetadata(metadata) }));
  }

  acceptControl(conversationId: string, metadata: Metadata | undefined): void {
    const conversation = this.conversation(conversationId);
    const pending = conversation.pendingSwitchboardIntegration;
    if (!pending) throw sunError(400, "switchboard_invalid_action", "No switchboard integration has been offered control of this conversation");
    conversation.activeSwitchboardIntegration = pending;
    delete conversation.pendingSwitchboardIntegration;
    this.emit(this.event("switchboard:acceptControl", { conversation: truncated(conversation), metadata: checkMetadata(metadata) }));
  }

  releaseControl(conversationId: string, metadata: Metadata | undefined, reason?: "ticketClosed" | "transferToEmail"): void {
    const conversation = this.conversation(conversationId);
    delete conversation.activeSwitchboardIntegration;
    delete conversation.pendingSwitchboardIntegration;
    this.emit(
      this.event("switchboard:releaseControl", {
        conversation: truncated(conversation),
        metadata: checkMetadata(metadata),
        ...(reason && { reason }),
      }),
    );
  }

  // Integrations --------------------------------------------------------------------------------

  createCustomIntegration(input: { displayName: string; webhooks: Omit<SunWebhook, "id" | "version" | "secret">[] }): CustomIntegration {
    if (input.webhooks.length !== 1) throw sunError(400, "bad_request", "A custom integration has exactly one webhook");
    const webhookCount = [...this.integrations.values()].reduce((sum, integration) => sum + integration.webhooks.length, 0);
    if (webhookCount + input.webhooks.length > 10) throw sunError(400, "bad_request", "An app has at most 10 webhooks");
    const integration: CustomIntegration = {
      id: sunId(),
      type: "custom",
      status: "active",
      displayName: input.displayName,
      webhooks: input.webhooks.map((webhook) => ({ ...webhook, id: sunId(), version: "v2", secret: randomBytes(16).toString("hex") })),
    };
    this.integrations.set(integration.id, integration);
    return integration;
  }

  private event(type: string, payload: Record<string, unknown>): SunEvent {
    return { id: sunId(), type, createdAt: this.now(), payload };
  }
}

/** A conversation as the API shows it (without the simulator's own `userId`). */
export function conversationJson(conversation: SunConversation): Record<string, unknown> {
  const { userId: _participant, handoffMetadata: _handoff, ...shown } = conversation;
  return shown;
}

/** The conversation in webhook payloads: id, type, metadata and the switchboard state. */
export function truncated(conversation: SunConversation): Record<string, unknown> {
  return {
    id: conversation.id,
    type: conversation.type,
    metadata: conversation.metadata,
    ...(conversation.activeSwitchboardIntegration && { activeSwitchboardIntegration: conversation.activeSwitchboardIntegration }),
    ...(conversation.pendingSwitchboardIntegration && { pendingSwitchboardIntegration: conversation.pendingSwitchboardIntegration }),
  };
}

function ref(integration: SwitchboardIntegration): SwitchboardRef {
  return { id: integration.id, name: integration.name, integrationId: integration.integrationId, integrationType: integration.integrationType };
}

export function displayNameOf(user: SunUser): string {
  const name = [user.profile.givenName, user.profile.surname].filter(Boolean).join(" ");
  return name || user.externalId || "Customer";
}

/** Metadata is flat (strings, numbers, booleans) and at most 4 KB, as the API documents. */
export function checkMetadata(metadata: Metadata | undefined): Metadata {
  if (!metadata) return {};
  if (Buffer.byteLength(JSON.stringify(metadata)) > METADATA_BYTES) throw sunError(400, "bad_request", "metadata is limited to 4KB");
  return { ...metadata };
}
