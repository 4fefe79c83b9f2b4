import { expectedAnswerType, statesAnswerType, type AnswerType } from "./answer-type";
import { acknowledgementOf, messageKindOf, needsAccountAccess, normalizeChat, smallTalkOf, tidyMessage, withoutAddresses, withoutPleasantries } from "./chat-intent";
import { DEFAULT_DECISION_MODEL, outcomeOf, type DecisionModel } from "./decision-model";
import { treesProbability } from "./boosting";
import { extractAnswer } from "./extract";
import { answerPassage, candidatesOf, featuresOf, namedByTitle } from "./features";
import { UI_LANGUAGES } from "./language";
import type { KnowledgeIndex, ScoredPassage, SearchResult } from "./search";
import { analyzerFor, languageOf, type Analyzer } from "./terms";
import { agentTexts } from "./texts";
import { wordingOf } from "./wording";
import type { AgentCitation, AgentReply, Answerer, AnswerRequest, ClarifyOption } from "./types";

/** How many passages a question is weighed against. */
const CANDIDATES = 10;

/** What the evidence supports, with the model's probabilities (for the eval's reliability table). */
export type Decision =
  | { kind: "answer"; best: ScoredPassage; pAnswer: number; pClarify: number }
  | { kind: "clarify"; options: ScoredPassage[]; pAnswer: number; pClarify: number }
  | { kind: "no_answer"; best: ScoredPassage | null; pAnswer: number; pClarify: number };

/**
 * Decides from the search result for `question`: clarify when the question is more likely ambiguous
 * between two articles than answered by the best one, answer when the best article probably
 * answers it, and otherwise hand off. Probabilities come from the fitted decision model, which
 * reads the question's wording as well as what search found.
 */
export function decide(question: string, result: SearchResult, index: KnowledgeIndex, model: DecisionModel = DEFAULT_DECISION_MODEL): Decision {
  const features = featuresOf(result, index, wordingOf(model.wording, question));
  const pAnswer = treesProbability(model.answer, features);
  const pClarify = treesProbability(model.clarify, features);
  const { best, other } = candidatesOf(result, index);
  if (best === undefined) return { kind: "no_answer", best: null, pAnswer: 0, pClarify: 0 };
  switch (outcomeOf(pAnswer, pClarify, other !== undefined, model.thresholds, namedByTitle(result, index))) {
    case "clarify":
      return { kind: "clarify", options: clarifyOptions(result, index), pAnswer, pClarify };
    case "answer":
      return { kind: "answer", best, pAnswer, pClarify };
    case "no_answer":
      return { kind: "no_answer", best, pAnswer, pClarify };
  }
}

/**
 * The best passage of each of the (up to three) strongest distinct articles the ranker gives at
 * least half the first one's probability. (Chosen by the evidence score instead, at 0.6 of the
 * first's, the labelled help centers' clarifying questions offered the article an answerable
 * question expected 77 times of 93 instead of 82, and a single option 16 times instead of 9.)
 */
function clarifyOptions(result: SearchResult, index: KnowledgeIndex): ScoredPassage[] {
  const seen = new Set<string>();
  const options: ScoredPassage[] = [];
  const bar = (result.candidates[0]?.rank ?? 0) * 0.5;
  for (const candidate of result.candidates) {
    const group = index.groupOf(candidate.passage.articleId);
    if (seen.has(group) || candidate.rank < bar) continue;
    seen.add(group);
    options.push(candidate);
    if (options.length === 3) break;
  }
  return options;
}

/**
 * The sentences stating a fact of the `wanted` kind in the strongest other passage of the quoted
 * one's article that states one; "" when none does.
 */
function factsElsewhere(
  wanted: AnswerType,
  question: string,
  quoted: ScoredPassage,
  candidates: readonly ScoredPassage[],
  weightOf: (term: string) => number,
  analyzer: Analyzer,
): string {
  const source = candidates.find(
    ({ passage }) => passage.articleId === quoted.passage.articleId && passage.id !== quoted.passage.id && statesAnswerType(wanted, passage.text),
  );
  return source === undefined ? "" : extractAnswer(source.passage, question, weightOf, analyzer, { onlyFacts: wanted });
}

/** The article a passage belongs to, as a reply cites or suggests it. */
function citationOf({ passage }: ScoredPassage): AgentCitation {
  return { articleId: passage.articleId, title: passage.articleTitle, url: passage.articleUrl };
}

export interface BuiltInAnswererOptions {
  model?: DecisionModel;
}

/**
 * The offline answerer. In order: small talk gets a short reply; asking for a person, or for
 * something only someone with access to the customer's account can do, hands off; a pressed
 * clarify button (or a typed choice) answers from that article; otherwise the help center is
 * searched in the customer's language, and the decision model answers (quoting the best passage's
 * most relevant sentences and citing its article), asks which article they mean, or hands off.
 * A short follow-up ("and on the yearly plan?") is also read together with the previous question.
 * Deterministic.
 */
export function createBuiltInAnswerer(index: KnowledgeIndex, options: BuiltInAnswererOptions = {}): Answerer {
  const model = options.model ?? DEFAULT_DECISION_MODEL;

  function replyLocale(language: string): string {
    return (UI_LANGUAGES as readonly string[]).includes(language) ? language : "en";
  }

  function answerFrom(question: string, result: SearchResult, best: ScoredPassage, confidence: number, locale: string): AgentReply {
    const wanted = expectedAnswerType(question);
    const source = answerPassage(wanted, best, result.candidates);
    const language = result.query.language;
    const analyzer = analyzerFor(language);
    const weightOf = (term: string) => index.termWeight(term, language);
    const text = extractAnswer(source.passage, question, weightOf, analyzer);
    if (text === "") return { kind: "handoff", reason: "no_answer", locale };
    // "How much is shipping to Canada?": the section naming Canada has no price, the rates section
    // of the same article does. Its prices follow the answer. Only when asked outright: "can I pay
    // the fee by card?" names a fee without asking for one.
    const asked = expectedAnswerType(question, { outright: true });
    const facts = asked !== null && !statesAnswerType(asked, text) ? factsElsewhere(asked, question, source, result.candidates, weightOf, analyzer) : "";
    return { kind: "answer", text: facts === "" ? text : `${text}\n\n${facts}`, citations: [citationOf(source)], confidence, locale };
  }

  /** Answers the question from one article (in the customer's language when it has that version). */
  function answerFromArticle(question: string, articleId: string, language: string, locale: string): AgentReply | null {
    const article = index.inLanguage(articleId, language) ?? index.article(articleId);
    if (article === undefined) return null;
    const inArticle = new Set([article.id]);
    let result = index.search(question, { language: article.locale, articleIds: inArticle, limit: CANDIDATES });
    if (result.candidates.length === 0) {
      // The question shares no word with the article: answer with its title's section.
      result = index.search(article.title, { language: article.locale, articleIds: inArticle, limit: CANDIDATES });
    }
    const best = result.candidates[0];
    return best ? answerFrom(question, result, best, 1, locale) : null;
  }

  return {
    async answer(request: AnswerRequest): Promise<AgentReply> {
      const question = tidyMessage(request.question);
      const said = acknowledgementOf(question);
      // A lone "no", "ok" or "si" is a word of several languages: the Messenger's says which.
      const language = said !== null && request.locale !== undefined ? languageOf(request.locale) : index.detectLanguage(question, request.locale);
      const locale = replyLocale(language);

      if (request.chosenArticleId !== undefined) {
        // The engine sends the question the clarifying question was about, with the article pressed.
        const reply = answerFromArticle(question, request.chosenArticleId, language, locale);
        if (reply) return reply;
      }
      const offered = request.offered ?? [];
      // "No", "not really", "👎", to the articles offered or to an answer: what is it about, then?
      // (The clarifying question comes with its button to a person.)
      if (said === "no") return tellMore(locale);
      // "Yes" to several articles says none of them: ask again which one.
      if (said === "yes" && offered.length > 1) return { kind: "clarify", text: agentTexts(locale).clarify, options: [...offered], confidence: 0, locale };
      // "Yes", "ok", "👍" to the one article offered takes it; with nothing offered, it is small talk.
      const takesOffer = said === "yes" && offered.length === 1;
      const kind = messageKindOf(question);
      const smallTalk = kind === "smalltalk" && !takesOffer ? smallTalkOf(question) : null;
      if (smallTalk !== null) return { kind: "smalltalk", text: agentTexts(locale).smallTalk[smallTalk], locale };
      if (kind === "asked_for_person") return { kind: "handoff", reason: "asked_for_person", locale };
      if (offered.length > 0) {
        const chosen = takesOffer ? (offered[0]?.articleId ?? null) : choiceIn(question, offered, index);
        if (chosen !== null) {
          const reply = answerFromArticle(request.history?.at(-1) ?? question, chosen, language, locale);
          if (reply) return reply;
        }
      }
      if (kind === "account_specific") return { kind: "handoff", reason: "account_specific", locale };

      let result = index.search(question, { hint: request.locale, limit: CANDIDATES, keyWordTest: true });
      let decision = decide(question, result, index, model);
      const previous = request.history?.at(-1);
      if (decision.kind !== "answer" && previous !== undefined && readsAsFollowUp(question) && !needsAccountAccess(previous)) {
        // A follow-up ("and on the yearly plan?") means little alone: read it with the question before.
        const both = `${previous} ${question}`;
        const combined = index.search(both, { hint: request.locale, limit: CANDIDATES, keyWordTest: true });
        const combinedDecision = decide(both, combined, index, model);
        if (combinedDecision.kind === "answer") {
          result = combined;
          decision = combinedDecision;
        }
      }
      if (index.articles.length > 0 && namesNothing(question, result)) {
        // "How long does it take?", "I can't get in": no word to look up, and none for the team to
        // go on either. Asking for a few words beats handing it off. Nothing was found, so no
        // model probability stands behind the question.
        return tellMore(locale);
      }
      const example = exampleAsked(question, result.query.language, index);
      if (example !== null) {
        const reply = answerFromArticle(question, example, language, locale);
        if (reply) return reply;
      }
      switch (decision.kind) {
        case "answer":
          return answerFrom(question, result, decision.best, decision.pAnswer, locale);
        case "clarify": {
          const offered: ClarifyOption[] = decision.options.map(({ passage }) => ({ articleId: passage.articleId, label: passage.articleTitle }));
          const texts = agentTexts(locale);
          return { kind: "clarify", text: offered.length === 1 ? texts.clarifyOne : texts.clarify, options: offered, confidence: decision.pClarify, locale };
        }
        case "no_answer": {
          // Not sure enough to answer, but the best article was right often enough at this
          // probability on help centers the model never saw: the team takes the question, and the
          // customer may find it meanwhile.
          const { best, pAnswer } = decision;
          if (best === null || pAnswer < model.thresholds.suggest) return { kind: "handoff", reason: "no_answer", locale };
          return { kind: "handoff", reason: "no_answer", suggestions: [citationOf(best)], locale };
        }
      }
    },
  };
}

/**
 * The article one of whose example questions (front matter `questions:`) the question puts in the
 * same words (the same terms, no more and no fewer, in the language it was searched in, at least
 * two): the owner said that article answers it. Null when none does, or when examples of several
 * articles do. Examples count only this way. Read as words of the article, customers' questions
 * pasted as examples pulled other questions to their article: on the labelled help centers, with
 * every other answerable question as an example and the other half asked, 851 right with 57 wrong,
 * against 855 with 30 with no examples and 855 with 30 this way (README, "What example questions do").
 */
export function exampleAsked(question: string, language: string, index: KnowledgeIndex): string | null {
  // Most help centers have none: no second reading of every question for them.
  if (!index.hasExamples(language)) return null;
  // "Hi team, … Thanks, Maria": compared without the courtesies around it, as it is searched.
  const terms = index.termsOf(withoutPleasantries(withoutAddresses(question)), language);
  // One word names a topic, which may be asked about in many ways (as with titles, ./features.ts).
  if (new Set(terms).size < 2) return null;
  const asked = index.articlesAsked(terms, language);
  const groups = new Set([...asked].map((id) => index.groupOf(id)));
  return groups.size === 1 ? ([...asked][0] ?? null) : null;
}

/** Asking for a few words on what the message is about, with no article to offer. */
function tellMore(locale: string): AgentReply {
  return { kind: "clarify", text: agentTexts(locale).tellMore, options: [], confidence: 0, locale };
}

/**
 * Nothing to search for, known or not: only question words and the customer's own circumstances
 * ("how long does it take?"), or only signs ("?", "🤔"). Such a message is asked for a few words
 * more. A bare number is not: it may be an order's, which the team can look up.
 */
export function namesNothing(question: string, result: SearchResult): boolean {
  const wordsOrSigns = /\p{L}/u.test(question) || /^[^\p{N}]+$/u.test(question);
  return wordsOrSigns && result.query.known.length === 0 && result.query.unknown.length === 0;
}

/**
 * A message that leans on the one before: short ("and to Berlin?", "yearly plan?") or opening with
 * "and", "what about". A whole question of its own is not read with the previous one.
 */
function readsAsFollowUp(message: string): boolean {
  const normalized = normalizeChat(message);
  return normalized.split(" ").length <= 5 || /^(?:and|but|what about|how about|also|et|mais|y|pero|und|aber|e|ma|en|maar)\b/.test(normalized);
}

const ORDINALS: [RegExp, number][] = [
  [/\b(?:1|1st|first|premier|premiere|primero|primera|erste|ersten|primo|eerste)\b/, 0],
  [/\b(?:2|2nd|second|deuxieme|seconde?|segundo|segunda|zweite|zweiten|secondo|tweede)\b/, 1],
  [/\b(?:3|3rd|third|troisieme|tercero|tercera|dritte|dritten|terzo|derde)\b/, 2],
];

/**
 * Which offered article a typed reply to a clarifying question picks: the option whose title shares
 * the most words with it, or the one it names by position ("the second one"); null when it names none.
 */
function choiceIn(reply: string, offered: readonly ClarifyOption[], index: KnowledgeIndex): string | null {
  const words = normalizeChat(reply).split(" ");
  // A longer message is a question of its own, even when it shares a word with an option.
  if (words.length > 6) return null;
  let best: { articleId: string; shared: number } | null = null;
  let tie = false;
  for (const option of offered) {
    // Read both in the option's language: a reply of three words says too little to detect one.
    const language = index.article(option.articleId)?.locale ?? index.mainLanguage;
    const replyTerms = new Set(index.termsOf(reply, language));
    const shared = index.termsOf(option.label, language).filter((term) => replyTerms.has(term)).length;
    if (shared === 0) continue;
    if (best === null || shared > best.shared) {
      best = { articleId: option.articleId, shared };
      tie = false;
    } else if (shared === best.shared) tie = true;
  }
  if (best !== null) return tie ? null : best.articleId;
  if (words.length <= 4) {
    for (const [pattern, position] of ORDINALS) {
      if (pattern.test(words.join(" ")) && offered[position]) return offered[position].articleId;
    }
  }
  return null;
}
