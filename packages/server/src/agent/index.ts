// The AI agent's knowledge and its built-in (offline) answerer.
export { KnowledgeError, chunkArticle, loadKnowledgeDir, parseArticle, type Article, type Passage } from "./knowledge";
export { KnowledgeIndex, type ScoredPassage, type Signals } from "./search";
export { createBuiltInAnswerer, decide, type AgentReply, type Answerer, type Decision } from "./answerer";
export { DEFAULT_MIN_CONFIDENCE } from "./calibration";
export { asksForPerson } from "./intent";
export { LabelledQuestion, QuestionSet, loadQuestionSet } from "./question-set";
