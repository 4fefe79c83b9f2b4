// The AI agent's knowledge and its built-in (offline) answerer.
export { KnowledgeError, chunkArticle, loadKnowledgeDir, parseArticle, translationGroups, type Article, type Passage } from "./knowledge";
export { KnowledgeIndex, type ScoredPassage, type SearchResult, type Signals } from "./search";
export { createBuiltInAnswerer, decide, type Decision } from "./answerer";
export { createAgent } from "./create";
export type { AgentCitation, AgentReply, Answerer, AnswerRequest, ClarifyOption, HandoffReason } from "./types";
export { asksForPerson } from "./intent";
