import { createBuiltInAnswerer } from "./answerer";
import type { Article } from "./knowledge";
import { KnowledgeIndex } from "./search";
import type { Answerer } from "./types";

/**
 * The AI agent over a set of help-center articles: the one place that chooses how it is built, so
 * `npm run eval` and `npm run bench:agent` measure whatever the agent is today.
 */
export function createAgent(articles: readonly Article[]): Answerer {
  return createBuiltInAnswerer(KnowledgeIndex.build(articles));
}
