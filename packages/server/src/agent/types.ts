/**
 * What the rest of Parley asks of the AI agent, and what it answers. The built-in answerer and the
 * optional LLM answerer both speak this; the conversation engine turns a reply into messages,
 * Zendesk effects and reply buttons.
 */

/** An article an answer was drawn from. `url` may be relative; the server makes it absolute. */
export interface AgentCitation {
  articleId: string;
  title: string;
  url: string;
}

/** One choice a clarifying question offers: an article, named for the customer. */
export interface ClarifyOption {
  articleId: string;
  /** What the reply button says: the article's title (or its topic). */
  label: string;
}

/** A customer's question, with what the conversation already knows. */
export interface AnswerRequest {
  /** What the customer just wrote (or the label of the button they pressed). */
  question: string;
  /** The customer's earlier messages in this conversation, oldest first (a few at most). */
  history?: readonly string[];
  /** The customer pressed the button of this article, offered by a clarifying question: answer from it. */
  chosenArticleId?: string;
  /** The options of the clarifying question this message may answer in words ("the second one", "billing"). */
  offered?: readonly ClarifyOption[];
  /** The Messenger's language (e.g. "fr-CA"), a hint when the question itself is too short to tell. */
  locale?: string;
}

/** Why the AI agent hands a conversation to the team. */
export type HandoffReason =
  /** Nothing in the help center answers it. */
  | "no_answer"
  /** The customer asked for a person. */
  | "asked_for_person"
  /** Only someone with access to the customer's account, order or bill can settle it. */
  | "account_specific";

/** What the AI agent replies. `locale` is the language the reply (and its buttons) should be in. */
export type AgentReply =
  | { kind: "answer"; text: string; citations: AgentCitation[]; confidence: number; locale: string }
  | { kind: "clarify"; text: string; options: ClarifyOption[]; confidence: number; locale: string }
  /** A greeting, thanks or goodbye: a short friendly reply, no hand-off. */
  | { kind: "smalltalk"; text: string; locale: string }
  /**
   * The team takes the question. `suggestions`: articles that may help meanwhile (the built-in
   * answerer names its best one when it was not sure enough to answer from it).
   */
  | { kind: "handoff"; reason: HandoffReason; suggestions?: AgentCitation[]; locale: string };

/** Something that answers customers' questions: the built-in answerer, or an LLM. */
export interface Answerer {
  answer(request: AnswerRequest): Promise<AgentReply>;
}
