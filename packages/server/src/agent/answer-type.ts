/**
 * What kind of fact a question asks for, when its wording says so. Stop-word filtering drops
 * "how long" and "how much", yet they decide which sentence answers: "How long do I have to
 * return an item?" wants the sentence with the time limit, not the one on how to return.
 */
export type AnswerType = "duration" | "price";

/** Asked outright: "how long…?", "how much…?". */
const ASKS_OUTRIGHT: Record<AnswerType, RegExp> = {
  duration: /\bhow (long|soon|quickly|fast)\b|\bhow many (business |working )?(days|weeks|months|hours|years)\b/i,
  price: /\bhow much\b|\bwhat does .+ cost\b/i,
};
/** Named: "deadline", "fee". Often what is asked ("is there a late fee?"), not always ("pay the fee by card?"). */
const ASKS_BY_NAME: Record<AnswerType, RegExp> = {
  duration: /\bwhen will\b|\bdeadline\b|\btime limit\b/i,
  price: /\b(cost|costs|price|fee|fees|charge)\b/i,
};

const STATES: Record<AnswerType, RegExp> = {
  duration: /\b\d+(\s?[–-]\s?\d+)?\s+(business\s+|working\s+|calendar\s+)?(minutes?|hours?|days?|weeks?|months?|years?)\b/i,
  price: /[$€£]\s?\d|\b\d+(\.\d+)?\s?(usd|eur|gbp|dollars?)\b|\bfree\b/i,
};

/** The kind of fact the question asks for, if any; with `outright`, only when it asks in so many words. */
export function expectedAnswerType(question: string, { outright = false }: { outright?: boolean } = {}): AnswerType | null {
  for (const type of ["duration", "price"] as const) {
    if (ASKS_OUTRIGHT[type].test(question) || (!outright && ASKS_BY_NAME[type].test(question))) return type;
  }
  return null;
}

/** Whether the text states a fact of that kind (a number of days, a price…). */
export function statesAnswerType(type: AnswerType, text: string): boolean {
  return STATES[type].test(text);
}
