import type { AgentReply, Answerer, AnswerRequest } from "../types";
import { parseModelReply, toAgentReply } from "./model-reply";
import { buildPrompt } from "./prompt";
import { askModel, ModelCallError } from "./providers";
import type { LlmAnswererOptions } from "./types";

export const DEFAULT_LLM_TIMEOUT_MS = 8000;

/**
 * An answerer that lets an LLM write the answer from the retrieved passages, and cite them.
 * The built-in answerer goes first: its small talk and its hand-offs to a person or for account
 * questions are deterministic and stand. Whenever the model cannot help (no passages, an error,
 * a timeout, a reply that cannot be read), the built-in answer is the reply.
 */
export function createLlmAnswerer(options: LlmAnswererOptions): Answerer {
  const { provider, retrieve, fallback } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  const log = options.log ?? ((message: string) => console.log(message));
  const tell = (message: string) => log(`[llm] ${provider.kind}: ${redact(message, provider.apiKey)}`);

  return {
    async answer(request: AnswerRequest): Promise<AgentReply> {
      const builtIn = await fallback.answer(request);
      if (settledByBuiltIn(builtIn)) return builtIn;

      const passages = await retrieve(request);
      if (passages.length === 0) return builtIn;

      let output: string;
      try {
        output = await askModel(provider, buildPrompt(request, passages), { timeoutMs, ...(options.fetch && { fetch: options.fetch }) });
      } catch (error) {
        if (!(error instanceof ModelCallError)) throw error;
        tell(`${error.message}; answered with the built-in answerer`);
        return builtIn;
      }
      const parsed = parseModelReply(output);
      if (!parsed.ok) {
        tell(`${parsed.problem}; answered with the built-in answerer`);
        return builtIn;
      }
      const mapped = toAgentReply(parsed.reply, passages, builtIn.locale);
      if (!mapped.ok) {
        tell(`${mapped.problem}; answered with the built-in answerer`);
        return builtIn;
      }
      if (mapped.unknownCitations.length > 0) {
        const outcome = mapped.reply.kind === "handoff" ? "handed off" : "dropped them";
        tell(`the model cited ${mapped.unknownCitations.length} passage id(s) it was not given; ${outcome}`);
      }
      return mapped.reply;
    },
  };
}

/** Replies the built-in answerer decides by rule, which the model must not second-guess. */
function settledByBuiltIn(reply: AgentReply): boolean {
  return reply.kind === "smalltalk" || (reply.kind === "handoff" && (reply.reason === "asked_for_person" || reply.reason === "account_specific"));
}

/** Belt and braces: no log line may carry the key, whatever an error message quotes. */
function redact(message: string, apiKey: string): string {
  return apiKey === "" ? message : message.split(apiKey).join("[redacted]");
}
