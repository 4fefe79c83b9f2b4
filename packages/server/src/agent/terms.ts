import { stemmer } from "stemmer";

// Words that carry no topic in a customer's question: English function words, the way people
// phrase a request ("can you tell me how…"), and chat pleasantries. Dropping them at index and at
// query time means a match on them is never evidence, and a greeting has no terms left at all.
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any anyone anything are aren as at be because been
  before being below between both but by can cannot could couldn d did didn do does doesn doing don done down
  during each either else etc ever every few for from further get gets getting go going got had hadn has hasn
  have haven having he her here hers herself him himself his how i if in into is isn it its itself just let
  ll m may me might mine more most much must mustn my myself no nor not now o of off on once only or other
  our ours ourselves out over own please pls plz re s same shall shan she should shouldn so some someone
  something still such t than that the their theirs them themselves then there these they this those
  through to too under until up us ve very via was wasn we were weren what whats when where whether which
  while who whom whose why will with won would wouldn y yet you your yours yourself yourselves
  hi hello hey hiya howdy greetings morning afternoon evening thanks thank thx ty cheers bye goodbye ok okay
  yes yeah yep nope sure great good nice cool awesome lol hmm um uh
  help know tell want wanted wants need needs needed like wondering wonder question questions ask
  asking possible able way thing things really actually maybe anyway one use using long make find offer offers provide`
    .split(/\s+/)
    .filter((word) => word !== ""),
);

// Word families the Porter stemmer leaves apart, British spellings, and a few words customers use
// for the same thing; each maps a stem to the stem it should count as. Kept small on purpose: every
// entry is a claim that the two words mean the same thing in any shop's help center.
const STEM_ALIASES: Record<string, string> = {
  deliveri: "deliv", // delivery / deliver
  internation: "intern", // internationally / international
  payment: "pai", // payment / pay
  expiri: "expir", // expiry / expire
  broke: "broken",
  fix: "repair",
  colour: "color",
  packag: "parcel", // package / parcel
  shipment: "parcel",
  login: "sign", // log in / sign in
  signin: "sign",
  reimburs: "refund",
  abroad: "intern",
  oversea: "intern",
};

// Words the Porter stemmer would merge with a word of another meaning ("customer" → "custom",
// which is also the stem of "customs").
const WORD_TERMS: Record<string, string> = { customer: "customer", customers: "customer" };

/** Splits text into lower-case word tokens, folding accents (café → cafe). */
export function tokenize(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== "");
}

/**
 * The index term for one token, or null when the token carries no topic (a stop word or a stray
 * letter). Used for the index and for questions alike, so both sides agree.
 */
export function toTerm(token: string): string | null {
  const word = token.toLowerCase();
  if (STOP_WORDS.has(word)) return null;
  if (word.length < 2 && !/\d/.test(word)) return null;
  const exact = WORD_TERMS[word];
  if (exact !== undefined) return exact;
  const stem = stemmer(word);
  return STEM_ALIASES[stem] ?? stem;
}

/** The distinct meaningful terms of a text, in order of first appearance. */
export function meaningfulTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    const term = toTerm(token);
    if (term !== null) terms.add(term);
  }
  return [...terms];
}
