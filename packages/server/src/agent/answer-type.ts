/**
 * What kind of fact a question asks for, when its wording says so. Stop-word filtering drops
 * "how long" and "how much", yet they decide which sentence answers: "How long do I have to
 * return an item?" wants the sentence with the time limit, not the one on how to return.
 */
export type AnswerType = "duration" | "price";

const ASKS: Record<AnswerType, RegExp> = {
  duration: /\bhow (long|soon|quickly|fast)\b|\bhow many (business |working )?(days|weeks|months|hours|years)\b|\bwhen will\b|\bdeadline\b|\btime limit\b/i,
  price: /\bhow much\b|\bwhat does .+ cost\b|\b(cost|costs|price|fee|fees|charge)\b/i,
};

const STATES: Record<AnswerType, RegExp> = {
  duration: /\b\d+(\s?[–-]\s?\d+)?\s+(business\s+|working\s+|calendar\s+)?(minutes?|hours?|days?|weeks?|months?|years?)\b/i,
  price: /[$€£]\s?\d|\b\d+(\.\d+)?\s?(usd|eur|gbp|dollars?)\b|\bfree\b/i,
};

export function expectedAnswerType(question: string): AnswerType | null {
  if (ASKS.duration.test(question)) return "duration";
  if (ASKS.price.test(question)) return "price";
  return null;
}

/** Whether the text states a fact of that kind (a number of days, a price…). */
export function statesAnswerType(type: AnswerType, text: string): boolean {
  return STATES[type].test(text);
}
