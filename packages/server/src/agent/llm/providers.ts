import * as z from "zod";
import type { Prompt } from "./prompt";
import type { LlmProvider } from "./types";

/** Why the model gave no usable text. The message is safe to log: it never holds the API key or the provider's own wording. */
export class ModelCallError extends Error {
  override readonly name = "ModelCallError";
}

export const ANTHROPIC_BASE_URL = "https://api.anthropic.com";
export const ANTHROPIC_VERSION = "2023-06-01";
/** Anthropic requires a ceiling on the reply; a brief answer in JSON fits well within it. */
const ANTHROPIC_MAX_TOKENS = 1024;

// Response shapes as the providers document them; only the fields read here.
/** OpenAI chat completion: `choices[0].message.content`; `refusal` is set instead when the model declines. */
const ChatCompletion = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
});
/** OpenAI error: `{ "error": { "message", "type", "param", "code" } }`. */
const OpenAiError = z.object({ error: z.object({ type: z.string().nullish(), code: z.union([z.string(), z.number()]).nullish() }) });
/** Anthropic message: `content` is a list of blocks; the reply is in those of type "text". */
const AnthropicMessage = z.object({
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
  stop_reason: z.string().nullish(),
});
/** Anthropic error: `{ "type": "error", "error": { "type", "message" } }`. */
const AnthropicError = z.object({ type: z.literal("error"), error: z.object({ type: z.string() }) });

/**
 * Asks the model once and returns the text of its reply. Throws a ModelCallError on a timeout, a
 * network failure, a non-2xx answer, or a reply cut short or refused. No retries: a slow answer
 * is worse than the built-in one, and the outbox already retries failed jobs.
 */
export async function askModel(
  provider: LlmProvider,
  prompt: Prompt,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<string> {
  const request = provider.kind === "openai" ? openAiRequest(provider, prompt) : anthropicRequest(provider, prompt);
  const send = options.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  let response: Response;
  let body: string;
  try {
    // The timeout covers the body too: a reply that stalls halfway is as late as none.
    response = await send(request.url, { method: "POST", headers: request.headers, body: JSON.stringify(request.body), signal: controller.signal });
    body = await response.text();
  } catch (error) {
    if (timedOut) throw new ModelCallError(`no reply within ${options.timeoutMs} ms`);
    throw new ModelCallError(`request failed: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
  const json = parseJson(body);
  if (!response.ok) throw new ModelCallError(`HTTP ${response.status}${errorKind(provider, json)}`);
  return provider.kind === "openai" ? openAiText(json) : anthropicText(json);
}

interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

function openAiRequest(provider: Extract<LlmProvider, { kind: "openai" }>, prompt: Prompt): HttpRequest {
  return {
    url: `${trimSlash(provider.baseUrl)}/chat/completions`,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${provider.apiKey}` },
    // Only fields every OpenAI-compatible server takes: some reject `temperature` or `max_tokens`
    // for their models, and not all know `response_format`; the prompt and the parser hold the format.
    body: {
      model: provider.model,
      messages: [
        { role: "system", content: prompt.system },
        { role: "user", content: prompt.user },
      ],
    },
  };
}

function anthropicRequest(provider: Extract<LlmProvider, { kind: "anthropic" }>, prompt: Prompt): HttpRequest {
  return {
    url: `${trimSlash(provider.baseUrl ?? ANTHROPIC_BASE_URL)}/v1/messages`,
    headers: { "Content-Type": "application/json", "x-api-key": provider.apiKey, "anthropic-version": ANTHROPIC_VERSION },
    body: {
      model: provider.model,
      max_tokens: ANTHROPIC_MAX_TOKENS,
      system: prompt.system,
      messages: [{ role: "user", content: prompt.user }],
    },
  };
}

function openAiText(json: unknown): string {
  const parsed = ChatCompletion.safeParse(json);
  if (!parsed.success) throw new ModelCallError("the answer is not a chat completion");
  const [choice] = parsed.data.choices;
  if (choice === undefined) throw new ModelCallError("the chat completion has no choice");
  if (choice.finish_reason === "length") throw new ModelCallError("the reply was cut short (finish_reason length)");
  if (choice.message.refusal || !choice.message.content) {
    throw new ModelCallError(`the model gave no text (finish_reason ${choice.finish_reason ?? "none"})`);
  }
  return choice.message.content;
}

function anthropicText(json: unknown): string {
  const parsed = AnthropicMessage.safeParse(json);
  if (!parsed.success) throw new ModelCallError("the answer is not a message");
  const { content, stop_reason: stopReason } = parsed.data;
  if (stopReason === "max_tokens") throw new ModelCallError("the reply was cut short (stop_reason max_tokens)");
  const text = content.flatMap((block) => (block.type === "text" && block.text ? [block.text] : [])).join("");
  if (stopReason === "refusal" || text === "") throw new ModelCallError(`the model gave no text (stop_reason ${stopReason ?? "none"})`);
  return text;
}

/** The provider's error type and code, when its documented error shape says them. */
function errorKind(provider: LlmProvider, json: unknown): string {
  if (provider.kind === "openai") {
    const parsed = OpenAiError.safeParse(json);
    if (!parsed.success) return "";
    const { type, code } = parsed.data.error;
    const said = [type, code].filter((part) => part !== null && part !== undefined && part !== "");
    return said.length > 0 ? ` (${said.join(", ")})` : "";
  }
  const parsed = AnthropicError.safeParse(json);
  return parsed.success ? ` (${parsed.data.error.type})` : "";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
