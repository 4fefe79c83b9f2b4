import type {
  Citation,
  Conversation,
  Message,
  PingResponse,
  ReplyButton,
} from "@parley/protocol";

let sequence = 0;
const base = Date.parse("2025-06-01T10:00:00.000Z");

function nextTime(): string {
  sequence += 1;
  return new Date(base + sequence * 1000).toISOString();
}

export function conversation(overrides: Partial<Conversation> = {}): Conversation {
  const now = nextTime();
  // Each fixture is a newer snapshot than the last, as the server's versions grow.
  return { id: "conv_1", status: "ai", version: sequence++, created_at: now, updated_at: now, ...overrides };
}

export function message(
  overrides: Partial<Omit<Message, "author">> & {
    author?: Partial<Message["author"]>;
    citations?: Citation[];
    buttons?: ReplyButton[];
  } = {},
): Message {
  const { author, ...rest } = overrides;
  sequence += 1;
  return {
    id: `msg_${sequence}`,
    conversation_id: "conv_1",
    client_id: null,
    text: "Hello",
    created_at: nextTime(),
    citations: [],
    buttons: [],
    ...rest,
    author: { type: "ai", name: null, ...author },
  };
}

export function pingResponse(overrides: Partial<PingResponse> = {}): PingResponse {
  return {
    session: { token: "token-1", expires_at: "2099-01-01T00:00:00.000Z" },
    visitor_id: "visitor-0000",
    user: {
      id: "contact_1",
      user_id: null,
      email: null,
      name: null,
      verified: false,
      anonymous: true,
    },
    app: { id: "demo", name: "Acme", greeting: "Hi there! Ask me anything." },
    conversations: [],
    stream_cursor: "100",
    ...overrides,
  };
}
