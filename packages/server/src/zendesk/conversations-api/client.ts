import * as z from "zod";
import { ZendeskApiError, ZendeskInputError } from "../errors";
import { createTransport, type ZendeskRequest } from "../http";
import { type ConversationsAuth, conversationsAuthorization } from "./auth";
import { Metadata, SunApp, SunConversation, SunIntegration, SunMessage, SunUser } from "./schemas";

export interface ConversationsClientOptions {
  /** `https://{subdomain}.zendesk.com/sc`, or the simulator's address (without `/v2`). */
  baseUrl: string;
  appId: string;
  auth: ConversationsAuth;
  fetch?: typeof fetch;
  /**
   * Attempts per call for requests that are safe to repeat (429 and 5xx, honouring Retry-After).
   * Callers that have a retry layer of their own (the outbox) pass 1, so attempts never multiply.
   */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

export type MessageAuthor =
  | { type: "user"; userId: string }
  | { type: "business"; displayName: string; avatarUrl?: string; ai?: boolean };

/** The Conversations API calls Parley makes. Every failure is a ZendeskApiError (`code` = the API's error code). */
export interface ConversationsClient {
  readonly appId: string;
  app(): Promise<SunApp>;
  users: {
    /** By id or external id; null when there is none. */
    find(idOrExternalId: string): Promise<SunUser | null>;
    /** Finds the user by external id, or creates it; safe against a concurrent create (409 → read again). */
    findOrCreate(externalId: string, profile: { givenName?: string; email?: string }): Promise<SunUser>;
  };
  conversations: {
    create(input: { userId: string; displayName?: string; metadata?: Metadata }): Promise<SunConversation>;
    listForUser(userId: string): Promise<SunConversation[]>;
    get(id: string): Promise<SunConversation>;
  };
  messages: {
    post(conversationId: string, message: { author: MessageAuthor; text: string; metadata?: Metadata }): Promise<SunMessage>;
    /** Every message, oldest first. */
    list(conversationId: string): Promise<SunMessage[]>;
  };
  switchboard: {
    passControl(conversationId: string, target: string, metadata?: Metadata): Promise<void>;
    releaseControl(conversationId: string, metadata?: Metadata): Promise<void>;
  };
  integrations: {
    list(): Promise<SunIntegration[]>;
    createCustom(input: { displayName: string; target: string; triggers: string[] }): Promise<SunIntegration>;
  };
}

const MAX_PAGES = 1000;
const TEXT_LIMIT = 4096;

export function createConversationsClient(options: ConversationsClientOptions): ConversationsClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "").replace(/\/v2$/, "");
  if (!/^https?:\/\//.test(baseUrl)) throw new ZendeskInputError(`the Conversations API address must start with http(s)://, not "${options.baseUrl}"`);
  for (const [name, value] of Object.entries({ appId: options.appId, keyId: options.auth.keyId, secret: options.auth.secret })) {
    if (value.trim() === "" || /[\r\n]/.test(value)) throw new ZendeskInputError(`the Conversations API ${name} is empty or has a line break`);
  }
  let authorization: Promise<string> | undefined;
  const send = createTransport({
    baseUrl,
    // A JWT without expiry is signed once per client; Basic costs nothing to build.
    auth: { kind: "header", header: () => (authorization ??= conversationsAuthorization(options.auth)) },
    ...(options.fetch && { fetch: options.fetch }),
    maxAttempts: options.maxAttempts ?? 4,
    baseDelayMs: 500,
    maxDelayMs: 60_000,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    timeoutMs: options.timeoutMs ?? 15_000,
  });
  const app = `/v2/apps/${encodeURIComponent(options.appId)}`;

  async function call<T>(request: ZendeskRequest, schema: z.ZodType<T>): Promise<T> {
    const response = await send(request);
    const parsed = schema.safeParse(response.body);
    if (parsed.success) return parsed.data;
    const problem = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ZendeskApiError({ method: request.method, path: request.path.split("?")[0] ?? request.path, status: response.status, description: `unexpected answer: ${problem}` });
  }

  const get = <T>(path: string, schema: z.ZodType<T>) => call({ method: "GET", path, repeatable: true }, schema);

  async function findUser(idOrExternalId: string): Promise<SunUser | null> {
    try {
      return (await get(`${app}/users/${encodeURIComponent(idOrExternalId)}`, z.looseObject({ user: SunUser }))).user;
    } catch (error) {
      if (error instanceof ZendeskApiError && error.status === 404 && error.code !== "app_not_found") return null;
      throw error;
    }
  }

  return {
    appId: options.appId,
    app: async () => (await get(app, z.looseObject({ app: SunApp }))).app,
    users: {
      find: findUser,
      async findOrCreate(externalId, profile) {
        const found = await findUser(externalId);
        if (found) return found;
        try {
          const body = { externalId, profile: { ...(profile.givenName && { givenName: profile.givenName }), ...(profile.email && { email: profile.email }) } };
          // Repeatable: a second create of the same externalId is a 409, never a second user.
          return (await call({ method: "POST", path: `${app}/users`, body, repeatable: true }, z.looseObject({ user: SunUser }))).user;
        } catch (error) {
          if (!(error instanceof ZendeskApiError && error.status === 409)) throw error;
          const raced = await findUser(externalId);
          if (!raced) throw error;
          return raced;
        }
      },
    },
    conversations: {
      async create(input) {
        const body = {
          type: "personal",
          participants: [{ userId: input.userId }],
          ...(input.displayName && { displayName: input.displayName.slice(0, 100) }),
          ...(input.metadata && { metadata: input.metadata }),
        };
        // Not repeatable: a retried create could make a second conversation. Callers look first.
        return (await call({ method: "POST", path: `${app}/conversations`, body, repeatable: false }, z.looseObject({ conversation: SunConversation }))).conversation;
      },
      async listForUser(userId) {
        const Page = z.looseObject({
          conversations: z.array(SunConversation),
          meta: z.looseObject({ hasMore: z.boolean().optional(), afterCursor: z.string().nullish() }).nullish(),
        });
        const all: SunConversation[] = [];
        let after: string | null | undefined;
        for (let pages = 0; pages < MAX_PAGES; pages++) {
          const query = `filter[userId]=${encodeURIComponent(userId)}&page[size]=100${after ? `&page[after]=${encodeURIComponent(after)}` : ""}`;
          const page = await get(`${app}/conversations?${query}`, Page);
          all.push(...page.conversations);
          if (!page.meta?.hasMore || !page.meta.afterCursor) return all;
          after = page.meta.afterCursor;
        }
        return all;
      },
      get: async (id) => (await get(`${app}/conversations/${encodeURIComponent(id)}`, z.looseObject({ conversation: SunConversation }))).conversation,
    },
    messages: {
      async post(conversationId, message) {
        const text = message.text.trim();
        if (text === "") throw new ZendeskInputError("a message needs text");
        const author =
          message.author.type === "user"
            ? { type: "user", userId: message.author.userId }
            : {
                type: "business",
                displayName: message.author.displayName,
                ...(message.author.avatarUrl && { avatarUrl: message.author.avatarUrl }),
                ...(message.author.ai && { subtypes: ["AI"] }),
              };
        const body = {
          author,
          content: { type: "text", text: text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text },
          ...(message.metadata && { metadata: message.metadata }),
        };
        const path = `${app}/conversations/${encodeURIComponent(conversationId)}/messages`;
        // Not repeatable: the API has no idempotency key for messages; callers check what is there first.
        const answer = await call({ method: "POST", path, body, repeatable: false }, z.looseObject({ messages: z.array(SunMessage).min(1) }));
        return answer.messages[0] as SunMessage;
      },
      async list(conversationId) {
        const Page = z.looseObject({
          messages: z.array(SunMessage),
          meta: z.looseObject({ hasMore: z.boolean().optional(), beforeCursor: z.string().nullish() }).nullish(),
        });
        const pages: SunMessage[][] = [];
        let before: string | null | undefined;
        for (let count = 0; count < MAX_PAGES; count++) {
          const query = before ? `?page[before]=${encodeURIComponent(before)}` : "";
          const page = await get(`${app}/conversations/${encodeURIComponent(conversationId)}/messages${query}`, Page);
          pages.unshift(page.messages);
          if (!page.meta?.hasMore || !page.meta.beforeCursor) break;
          before = page.meta.beforeCursor;
        }
        return pages.flat();
      },
    },
    switchboard: {
      async passControl(conversationId, target, metadata) {
        const path = `${app}/conversations/${encodeURIComponent(conversationId)}/passControl`;
        await call({ method: "POST", path, body: { switchboardIntegration: target, ...(metadata && { metadata }) }, repeatable: true }, z.unknown());
      },
      async releaseControl(conversationId, metadata) {
        const path = `${app}/conversations/${encodeURIComponent(conversationId)}/releaseControl`;
        await call({ method: "POST", path, body: metadata ? { metadata } : {}, repeatable: true }, z.unknown());
      },
    },
    integrations: {
      list: async () => (await get(`${app}/integrations`, z.looseObject({ integrations: z.array(SunIntegration) }))).integrations,
      async createCustom(input) {
        const body = { type: "custom", displayName: input.displayName, webhooks: [{ target: input.target, triggers: input.triggers, includeFullUser: false }] };
        return (await call({ method: "POST", path: `${app}/integrations`, body, repeatable: false }, z.looseObject({ integration: SunIntegration }))).integration;
      },
    },
  };
}


