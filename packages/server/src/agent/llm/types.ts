import type { Answerer, AnswerRequest } from "../types";

/** A passage of a help-center article, retrieved for a question: all the model may answer from. */
export interface RetrievedPassage {
  /** The passage's id: what the model cites. */
  id: string;
  articleId: string;
  /** The article's title. */
  title: string;
  /** The article's address; may be relative, as AgentCitation's. */
  url: string;
  /** The article's language (BCP-47). */
  locale: string;
  /** The section the passage is under; null for an article's intro. */
  heading: string | null;
  text: string;
}

/** Where the model runs. */
export type LlmProvider =
  /** Any OpenAI-compatible chat-completions endpoint: `POST {baseUrl}/chat/completions`. */
  | { kind: "openai"; baseUrl: string; apiKey: string; model: string }
  /** Anthropic's Messages API: `POST {baseUrl}/v1/messages`; baseUrl defaults to https://api.anthropic.com. */
  | { kind: "anthropic"; baseUrl?: string; apiKey: string; model: string };

export interface LlmAnswererOptions {
  provider: LlmProvider;
  /** Finds the passages a question may be answered from (best first). */
  retrieve: (request: AnswerRequest) => Promise<RetrievedPassage[]>;
  /** The built-in answerer: it handles small talk and requests for a person, and answers whenever the model cannot. */
  fallback: Answerer;
  /** How long to wait for the model; default 8000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** One line per fallback, with the reason; never the API key. */
  log?: (message: string) => void;
}
