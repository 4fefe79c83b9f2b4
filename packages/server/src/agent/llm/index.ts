// The optional LLM answerer: an OpenAI-compatible or Anthropic model, grounded in retrieved passages.
export { createLlmAnswerer, DEFAULT_LLM_TIMEOUT_MS } from "./answerer";
export { LLM_CONFIDENCE } from "./model-reply";
export type { LlmAnswererOptions, LlmProvider, RetrievedPassage } from "./types";
