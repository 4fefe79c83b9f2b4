import { expectedAnswerType, statesAnswerType } from "./answer-type";
import { DEFAULT_MIN_CONFIDENCE, NEARLY_AS_STRONG } from "./calibration";
import { extractAnswer } from "./extract";
import { asksForPerson } from "./intent";
import type { KnowledgeIndex, ScoredPassage } from "./search";

import type { Answerer } from "./types";

/** How many passages a question is weighed against. */
const CANDIDATES = 10;

/**
 * What the evidence supports: answer from the best passage (citing, too, another article that is
 * nearly as strong), or nothing good enough. A clarifying question slots in here: when the
 * runner-up from another article is nearly as strong, ask which one the customer means.
 */
export type Decision =
  | { kind: "answer"; best: ScoredPassage; alsoCited: ScoredPassage[] }
  | { kind: "no_answer"; best: ScoredPassage | null };

/** Decides from ranked candidates (best first, as `KnowledgeIndex.search` returns them). */
export function decide(candidates: readonly ScoredPassage[], minConfidence: number): Decision {
  const best = candidates[0];
  if (best === undefined || best.score < minConfidence) return { kind: "no_answer", best: best ?? null };
  const runnerUp = candidates.find((candidate) => candidate.passage.articleId !== best.passage.articleId);
  const nearlyAsStrong =
    runnerUp !== undefined &&
    runnerUp.score >= minConfidence &&
    runnerUp.score >= best.score * NEARLY_AS_STRONG &&
    runnerUp.signals.topic > 0 &&
    runnerUp.signals.topic >= best.signals.topic * NEARLY_AS_STRONG;
  return { kind: "answer", best, alsoCited: nearlyAsStrong ? [runnerUp] : [] };
}

/**
 * The passage to answer from: the best one, unless the question asks for a kind of fact the best
 * passage does not state and a nearly as strong passage of the same article does.
 */
function passageStating(question: string, best: ScoredPassage, candidates: readonly ScoredPassage[]): ScoredPassage {
  const wanted = expectedAnswerType(question);
  if (wanted === null || statesAnswerType(wanted, best.passage.text)) return best;
  const alternative = candidates.find(
    (candidate) =>
      candidate.passage.articleId === best.passage.articleId &&
      candidate.score >= best.score * NEARLY_AS_STRONG &&
      statesAnswerType(wanted, candidate.passage.text),
  );
  return alternative ?? best;
}

/**
 * The offline answerer: hands off when the customer asks for a person; otherwise retrieves passages
 * from the help center, answers with the best passage's most relevant sentences (copied, never
 * written) and cites its article, or hands off when the evidence is below `minConfidence`
 * (default: DEFAULT_MIN_CONFIDENCE, calibrated on the demo questions). Deterministic.
 */
export function createBuiltInAnswerer(index: KnowledgeIndex, options: { minConfidence?: number } = {}): Answerer {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw new RangeError(`minConfidence must be between 0 and 1, got ${minConfidence}`);
  }
  return {
    async answer({ question }) {
      const locale = "en";
      if (asksForPerson(question)) return { kind: "handoff", reason: "asked_for_person", locale };
      const candidates = index.search(question, CANDIDATES);
      const decision = decide(candidates, minConfidence);
      if (decision.kind === "no_answer") return { kind: "handoff", reason: "no_answer", locale };
      const { best, alsoCited } = decision;
      const source = passageStating(question, best, candidates);
      const text = extractAnswer(source.passage, question, (term) => index.termWeight(term));
      if (text === "") return { kind: "handoff", reason: "no_answer", locale };
      return {
        kind: "answer",
        text,
        citations: [best, ...alsoCited].map(({ passage }) => ({
          articleId: passage.articleId,
          title: passage.articleTitle,
          url: passage.articleUrl,
        })),
        confidence: best.score,
        locale,
      };
    },
  };
}
