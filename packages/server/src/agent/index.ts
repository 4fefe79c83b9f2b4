// The AI agent's knowledge and its built-in (offline) answerer.
export {
  KnowledgeError,
  MAX_ARTICLE_QUESTIONS,
  chunkArticle,
  isArticleFile,
  loadKnowledgeDir,
  parseArticle,
  slugify,
  translationGroups,
  withoutTitleHeading,
  type Article,
  type ArticleFile,
  type KnowledgeProblem,
  type Passage,
} from "./knowledge";
export { htmlToMarkdown } from "./html";
export { articleLanguage } from "./language";
export {
  KnowledgeBase,
  answererFollowing,
  type ApiArticle,
  type ArticleSource,
  type KnowledgeBaseOptions,
  type KnowledgeEntry,
  type KnowledgeSnapshot,
} from "./knowledge-base";
export { KnowledgeIndex, type ScoredPassage, type SearchResult, type Signals } from "./search";
export { createBuiltInAnswerer, decide, type Decision } from "./answerer";
export { createAgent } from "./create";
export type { AgentCitation, AgentReply, Answerer, AnswerRequest, ClarifyOption, HandoffReason } from "./types";
export { asksForPerson } from "./intent";
