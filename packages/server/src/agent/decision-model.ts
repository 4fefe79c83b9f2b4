import { z } from "zod";
import weights from "./decision-model.json" with { type: "json" };
import { FEATURE_NAMES } from "./features";
import { BoostedTrees, parseBoostedTrees } from "./boosting";
import { WordingModels } from "./wording";

/**
 * The answerer's decision, as two logistic regressions over the search features (./features.ts),
 * each with boosted shallow trees fitted to improve on its score (./boosting.ts), fitted by
 * fit-decision.ts on labelled help centers and stored in decision-model.json:
 * - `answer`: the probability that the best article answers the question;
 * - `clarify`: the probability that the question is ambiguous between the best articles;
 * - `wording`: the models of the question's wording two of those features read (./wording.ts).
 * The thresholds were chosen in the same fit (see fit-decision.ts): `answer` and `clarify` for the
 * outcome, and `suggest`, the answer probability from which a hand-off for want of an answer still
 * names the best article as one that may help.
 */
export const DecisionModel = z.object({
  answer: BoostedTrees,
  clarify: BoostedTrees,
  wording: WordingModels,
  thresholds: z.object({ answer: z.number().min(0).max(1), clarify: z.number().min(0).max(1), suggest: z.number().min(0).max(1) }),
  fittedOn: z.array(z.string()),
});
export type DecisionModel = z.infer<typeof DecisionModel>;

export function parseDecisionModel(json: unknown): DecisionModel {
  const model = DecisionModel.parse(json);
  parseBoostedTrees(model.answer, FEATURE_NAMES, "decision model (answer)");
  parseBoostedTrees(model.clarify, FEATURE_NAMES, "decision model (clarify)");
  return model;
}

export const DEFAULT_DECISION_MODEL: DecisionModel = parseDecisionModel(weights);

export type Outcome = "answer" | "clarify" | "no_answer";

/**
 * What the probabilities say: clarify when the question may well be ambiguous (there is another
 * article to offer) and is either more likely ambiguous than answered or not sure enough to answer
 * (offering the closest articles, with the button to a person, beats handing off unasked); answer
 * above the answer threshold, or whenever the question is the best article's title in other words
 * (`namedByTitle`, see ./features); otherwise nothing.
 * The answerer and the fitting script both decide through this one function.
 */
export function outcomeOf(
  pAnswer: number,
  pClarify: number,
  hasOtherArticle: boolean,
  thresholds: Pick<DecisionModel["thresholds"], "answer" | "clarify">,
  namedByTitle = false,
): Outcome {
  if (namedByTitle) return "answer";
  const answers = pAnswer >= thresholds.answer;
  if (hasOtherArticle && pClarify >= thresholds.clarify && (pClarify > pAnswer || !answers)) return "clarify";
  return answers ? "answer" : "no_answer";
}
