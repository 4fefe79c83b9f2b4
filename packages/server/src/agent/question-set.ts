import { readFile } from "node:fs/promises";
import { z } from "zod";

/**
 * One labelled customer question: either the article an answer must cite, or the hand-off it must
 * lead to. `split` says whether it was used to fit the calibration or kept back to check it.
 */
export const LabelledQuestion = z.union([
  z.strictObject({ question: z.string().min(1), cites: z.string().min(1), split: z.enum(["calibration", "holdout"]) }),
  z.strictObject({
    question: z.string().min(1),
    handoff: z.enum(["no_answer", "asked_for_person"]),
    split: z.enum(["calibration", "holdout"]),
  }),
]);
export type LabelledQuestion = z.infer<typeof LabelledQuestion>;

export const QuestionSet = z.strictObject({ questions: z.array(LabelledQuestion).min(1) });

/** Reads and validates a labelled question set (JSON: `{ "questions": [...] }`). */
export async function loadQuestionSet(file: string): Promise<LabelledQuestion[]> {
  return QuestionSet.parse(JSON.parse(await readFile(file, "utf8"))).questions;
}
