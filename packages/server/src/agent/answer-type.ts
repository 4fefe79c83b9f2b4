import { fold } from "./terms";

/**
 * What kind of fact a question asks for, when its wording says so. Stop-word filtering drops
 * "how long" and "how much", yet they decide which sentence answers: "How long do I have to
 * return an item?" wants the sentence with the time limit, not the one on how to return.
 *
 * The wordings are general language, in English and in the other languages help centers are
 * written in (fr, es, de, it, pt, nl, sv, da, nb, pl, cs, fi), matched without accents.
 */
export type AnswerType = "duration" | "price";

/** Asked outright: "how long…?", "how much…?", "combien de temps…?", "wie viel kostet…?". */
const ASKS_OUTRIGHT: Record<AnswerType, RegExp> = {
  duration: new RegExp(
    [
      String.raw`\bhow (?:long|soon|quickly|fast)\b|\bhow many (?:business |working )?(?:days|weeks|months|hours|years)\b`,
      String.raw`\bcombien de (?:temps|jours|semaines|mois|heures)\b|\bsous combien de\b|\bquel(?:s| est le)? delais?\b`,
      String.raw`\bcuanto (?:tiempo|tarda\w*|dura\w*|demora\w*)\b|\bcuant[oa]s (?:dias|horas|semanas|meses)\b`,
      String.raw`\bwie (?:lange|schnell|bald)\b|\bwie viele (?:tage|stunden|wochen|monate)\b`,
      String.raw`\bquanto (?:tempo|dura|ci mette|ci vuole|demora)\b|\bquant[ie] (?:giorni|ore|settimane|mesi|dias|horas|semanas|meses)\b|\bdopo quanto\b`,
      String.raw`\bhoe (?:lang|snel)\b|\bhoeveel (?:dagen|uur|weken|maanden)\b`,
      String.raw`\bhur (?:lange|lang tid|snabbt)\b|\bhur manga (?:dagar|timmar|veckor|manader)\b`,
      String.raw`\bhvor (?:lang tid|lange|lenge|hurtigt|raskt)\b|\bhvor mange (?:dage|dager|timer|uger|uker|maneder)\b`,
      String.raw`\bjak (?:dlugo|szybko|dlouho|rychle)\b|\bile (?:dni|godzin|tygodni|miesiecy|czasu|trwa)\b|\bkolik (?:dni|hodin|tydnu|mesicu)\b|\bza jak dlouho\b`,
      String.raw`\b(?:kuinka|miten) (?:kauan|nopeasti|pitkaan)\b|\bkauanko\b|\bmontako (?:paivaa|tuntia|viikkoa|kuukautta)\b`,
    ].join("|"),
  ),
  price: new RegExp(
    [
      String.raw`\bhow much\b|\bwhat does .+ cost\b`,
      String.raw`\bcombien (?:coute\w*|ca coute|faut[- ]il payer|dois[- ]je payer|je (?:paie|paye|vais payer)|factur\w*)\b|\ba partir de combien\b|\bquel(?: est le)? (?:prix|tarif|cout)\b`,
      String.raw`\bcuanto (?:cuesta\w*|vale\w*|cobra\w*|pag\w*|es el|sale|me cuesta\w*|me cobra\w*)\b`,
      String.raw`\bwie ?viel (?:kostet|kosten|zahl\w*|muss ich (?:zahlen|bezahlen)|berechn\w*)\b|\bwas (?:kostet|kosten)\b`,
      String.raw`\bquanto (?:costa\w*|custa\w*|pago|si paga|cobram|fica|spend\w*)\b|\bqual e il (?:prezzo|costo)\b`,
      String.raw`\bhoeveel (?:kost\w*|betaal\w*)\b|\bwat (?:kost|kosten)\b`,
      String.raw`\bvad kostar\b|\bhur mycket (?:kostar|betalar|kostar det)\b|\bhva(?:d)? koster\b|\bhvor (?:meget|mye) (?:koster|betaler)\b`,
      String.raw`\bile (?:kosztuj\w*|place|zaplace|trzeba zaplacic)\b|\bkolik (?:stoj\w*|zaplat\w*|to stoj\w*)\b|\bco stoji\b`,
      String.raw`\b(?:paljonko|kuinka paljon|mita) (?:maksaa|maksavat)\b`,
    ].join("|"),
  ),
};
/** Named: "deadline", "fee". Often what is asked ("is there a late fee?"), not always ("pay the fee by card?"). */
const ASKS_BY_NAME: Record<AnswerType, RegExp> = {
  duration: /\bwhen will\b|\bdeadline\b|\btime limit\b/,
  price: /\b(cost|costs|price|fee|fees|charge)\b/,
};

const STATES: Record<AnswerType, RegExp> = {
  duration: new RegExp(
    String.raw`\b\d+(?:\s?[–-]\s?\d+)?\s+(?:business\s+|working\s+|calendar\s+|jours? ouvres?\s+|dias? habiles?\s+)?` +
      String.raw`(?:minutes?|minutos?|minuten|minuti|minuter|minutter|minut\w*|hours?|heures?|horas?|stunden?|std|ore|uur|timmar|timer|tunti\w*|godzin\w*|hodin\w*|` +
      String.raw`days?|jours?|dias?|tage?n?|giorni|dagen|dagar|dage|dager|paiva\w*|dni|dnu|` +
      String.raw`weeks?|semaines?|semanas?|wochen?|settimane|weken|veckor|uger|uker|viikko\w*|tygodni\w*|tydn\w*|` +
      String.raw`months?|mois|meses|monate?n?|mesi|maanden|manader|maneder|kuukau\w*|miesiac\w*|miesiec\w*|mesic\w*|` +
      String.raw`years?|ans?|anos|jahre?n?|anni|jaar|ar|vuotta|lat|let|roky)\b`,
  ),
  price: new RegExp(
    String.raw`[$€£]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:[€£$]|usd|eur|gbp|chf|sek|nok|dkk|pln|czk|kr|zl|kc|dollars?|euros?|euro)(?![a-z])` +
      String.raw`|\b(?:free|gratuite?s?|gratis|gratuitos?|gratuitas?|kostenlos|kostenfrei|gratuiti|zdarma|bezplatn\w*|darmow\w*|ilmai\w*|avgiftsfri\w*)\b`,
  ),
};

/** Lower case without accents, with the letters that have none as their nearest ASCII. */
function plain(text: string): string {
  return fold(text.toLowerCase()).replace(/ł/g, "l").replace(/[øœ]/g, "o").replace(/æ/g, "ae").replace(/ß/g, "ss");
}

/** The kind of fact the question asks for, if any; with `outright`, only when it asks in so many words. */
export function expectedAnswerType(question: string, { outright = false }: { outright?: boolean } = {}): AnswerType | null {
  const text = plain(question);
  for (const type of ["duration", "price"] as const) {
    if (ASKS_OUTRIGHT[type].test(text) || (!outright && ASKS_BY_NAME[type].test(text))) return type;
  }
  return null;
}

/** Whether the text states a fact of that kind (a number of days, a price…). */
export function statesAnswerType(type: AnswerType, text: string): boolean {
  return STATES[type].test(plain(text));
}

/**
 * The question without the words that only say which kind of fact is asked ("how long", "how
 * much", and the time words of "combien de temps", "wie lange"): they name the kind of fact, not a
 * topic an article should be about.
 */
export function withoutFactWords(question: string): string {
  return question
    .replace(/\bhow (?:long|much|many|soon|often|far|quickly|fast)\b/gi, "how")
    .replace(/\b(combien de|cu[aá]nto|quanto|wie|hoe|hur|hvor|jak|ile|kolik|kuinka) (temps|tiempo|tempo|l[åa]ng tid|lange?|l[äæ]nge|lenge|d[łl]ugo|dlouho|czasu|kauan)\b/giu, "$1");
}
