import { newStemmer, type Stemmer } from "snowball-stemmers";
import stopwordLists from "stopword";

/**
 * Turning text into index terms, per language: tokens, stop words (from the `stopword` package),
 * Snowball stems (from `snowball-stemmers`), accents folded after stemming. The same analyzer is
 * used for the articles of a locale and for questions searched in that locale, so both sides agree.
 * Nothing here knows any help center's topics: domain words come from the articles themselves.
 */
export interface Analyzer {
  /** The language code this analyzer is for ("en", "fr", …); "und" when it has no stemmer. */
  readonly language: string;
  /** The index term for one token (as `tokenize` returns it), or null for a stop word or a stray letter. */
  term(token: string): string | null;
  /** The distinct meaningful terms of a text, in order of first appearance. */
  terms(text: string): string[];
  /** Whether a token is one of this language's stop words or chat fillers ("the", "merci", "bitte"). */
  isStopWord(token: string): boolean;
  /** Whether a token is a word of the customer's circumstances (see STORY_WORDS): "tonight", "my boss". */
  isStoryWord(token: string): boolean;
}

/** Snowball algorithm per language code. */
const SNOWBALL: Record<string, string> = {
  en: "english", fr: "french", de: "german", es: "spanish", pt: "portuguese", it: "italian", nl: "dutch",
  sv: "swedish", da: "danish", nb: "norwegian", no: "norwegian", fi: "finnish", ru: "russian", ro: "romanian",
  hu: "hungarian", tr: "turkish", ca: "catalan", cs: "czech",
};

/** The `stopword` package names its lists by ISO 639-3 code. */
const STOPWORD_LIST: Record<string, string> = {
  en: "eng", fr: "fra", de: "deu", es: "spa", pt: "por", it: "ita", nl: "nld", sv: "swe", da: "dan", nb: "nob",
  no: "nob", fi: "fin", ru: "rus", ro: "ron", hu: "hun", tr: "tur", ca: "cat", cs: "ces", pl: "pol",
};

/** The languages with a stop-word list (Norwegian once, under "nb"). */
export const STOPWORD_LANGUAGES: readonly string[] = Object.keys(STOPWORD_LIST).filter((language) => language !== "no");

/**
 * Words customers wrap questions in that say nothing about the topic: greetings, politeness,
 * "I want to know", contraction fragments. General language of a support chat in each language,
 * on top of the package's stop words.
 */
const CHAT_FILLERS: Record<string, string> = {
  en: `hi hello hey hiya greetings morning afternoon evening thanks thank thx ty cheers please pls plz ok okay
    yes yeah yep sure hmm um uh lol know tell want wanted wants need needs needed like wondering wonder
    help question questions ask asking possible able way thing things really actually maybe anyway someone
    something anything everything can could would should will shall may might must do does did done doing
    get got getting go going also just still even well much many lot lots bit any every each other another
    i'm im ive i've i'd don doesn didn isn aren wasn weren haven hasn hadn won wouldn shouldn couldn cant
    can't dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt wont wouldnt shouldnt couldnt
    youre theyre thats theres ll ve re s t d m what whats where when why how which who whom whose there here`,
  fr: `bonjour salut bonsoir merci svp stp oui non ok comment pourquoi quand combien quoi quel quelle quels
    quelles où faire fait peux peut peuvent puis pouvez veux veut voudrais voudrait besoin aide aider
    question savoir est-ce aussi encore très bien alors donc`,
  de: `hallo danke bitte ja nein ok wie warum wann wieviel wieviele welche welcher welches was wo kann
    kannst können könnte möchte möchten brauche brauchen hilfe frage wissen auch noch sehr gut`,
  es: `hola gracias favor sí si no ok cómo como por qué porqué cuándo cuando cuánto cuanto cuál cual
    dónde donde puedo puede pueden podría quiero quisiera necesito ayuda pregunta saber también todavía
    muy bien`,
  pt: `olá ola obrigado obrigada favor sim não ok como porque quando quanto qual onde posso pode quero
    preciso ajuda pergunta saber também muito`,
  it: `ciao grazie favore sì no ok come perché quando quanto quale dove posso può voglio vorrei ho bisogno
    aiuto domanda sapere anche molto`,
  nl: `hallo hoi bedankt dank alsjeblieft ja nee ok hoe waarom wanneer hoeveel welke waar kan kun kunt
    wil wilt moet hulp vraag weten ook nog heel`,
  sv: `hej hejsan hallå tack tackar snälla vänligen ok okej ja nej hur varför när vilken vilket vilka kan
    kunde vill skulle behöver hjälp fråga frågor undrar veta också fortfarande väldigt`,
  da: `hej hejsa tak venligst ok okay ja nej hvordan hvorfor hvornår hvilken hvilket hvilke kan kunne vil
    ville behøver hjælp spørgsmål vide også stadig meget`,
  nb: `hei hallo takk vennligst ok ja nei hvordan hvorfor når hvilken hvilket hvilke kan kunne vil ville
    trenger hjelp spørsmål lurer vite også fortsatt veldig`,
  fi: `hei moi terve kiitos kiitti ok joo kyllä ei miten miksi milloin kuinka mikä mitkä missä voinko
    voiko voin voisin haluan haluaisin tarvitsen apua kysymys tietää myös vielä`,
  pl: `cześć witam dziękuję dzięki proszę ok okej tak nie jak dlaczego kiedy ile który która które gdzie
    mogę można chcę chciałbym chciałabym potrzebuję pomoc pomocy pytanie wiedzieć też jeszcze bardzo`,
  cs: `ahoj dobrý děkuji díky prosím ok ano ne jak proč kdy kolik který která které kde můžu mohu lze chci
    chtěl chtěla potřebuji pomoc dotaz otázka vědět také ještě velmi`,
  hu: `szia sziasztok helló üdv üdvözlöm köszönöm köszi kérem légyszi ok oké igen nem hogyan miért mikor
    mennyi melyik hol lehet tudok tudom szeretnék szeretném segítség segítséget kérdés kérdésem tudni
    még nagyon`,
  tr: `merhaba selam selamlar teşekkürler teşekkür ederim sağol sağolun lütfen tamam evet hayır nasıl
    neden niçin niye nedir neler mi mı mu mü hangi nerede istiyorum isterim lazım yardım yardımcı soru sorum rica`,
  ro: `bună salut mulțumesc mulțumim mersi vă rog ok nu cum când cât câte unde putem vreau aș dori am
    nevoie ajutor întrebare știu încă foarte`,
  ca: `hola gràcies plau ok sí com què quan quant quanta quin quina puc vull voldria necessito ajuda
    pregunta saber també encara molt`,
  ru: `здравствуйте привет спасибо пожалуйста ок да нет как почему когда сколько какой какая какие где
    могу можно хочу хотел хотела нужно помощь вопрос знать тоже ещё очень`,
};

/**
 * Function words the `stopword` package's short lists lack (its Spanish list has 59 words, without
 * "es", "esta" or "hay"; its English one has "he" but not "she", "myself" or "though"): forms of "be"
 * and "have", pronouns and determiners, as Snowball's lists have them. Left in, they match rare words
 * of the articles ("esta" as "estar") and outweigh the topic.
 */
const MORE_FUNCTION_WORDS: Record<string, string> = {
  en: `she hers theirs mine yours ours myself yourself yourselves herself himself itself ourselves themselves
    its having ought nor cannot though although so`,
  es: `es son soy eres somos era eran fue fueron sea sean ser estar esta este esto estos estas está están
    estoy estaba estado hay ha han has he hemos había haber tengo tiene tienen tenemos tienes tener yo mi mis
    tu tus nos les ellos ellas nosotros usted ustedes algo alguien todo todos toda todas otra otros otras
    mucho mucha muchos nada cada ese esa esos esas aquí ahí allí`,
  pt: `é são sou era eram foi foram seja ser estar está estão estou estava estive há tem têm tenho temos
    tinha ter vai vou isso aqui ali algum alguma alguns algumas alguém nada tudo todo toda todos todas
    cada outro outra outros outras`,
};

/**
 * Words of the customer's circumstances rather than the topic: when, who for, how they feel
 * ("cant make it tonight anymore", "booked for my boss", "oops"). An article that uses one matches
 * it as usual; when none does, it is no sign that the question is about something the help center
 * does not cover (unlike "gitlab" or "pension"). General chat language, per language.
 */
const STORY_WORDS: Record<string, string> = {
  en: `today tonight tomorrow yesterday yday tmrw tmr now anymore already soon later ago earlier recently
    lately week weeks weekend month months year years days hours minutes morning evening night noon
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    wife husband partner boyfriend girlfriend son daughter kid kids child children baby mum mom dad mother
    father parents brother sister family friend friends boss colleague colleagues coworker flatmate
    roommate neighbour neighbor grandma grandmother grandpa grandfather
    oops sorry guys guy folks lol omg btw asap honestly literally basically seriously totally super
    frustrated frustrating annoyed annoying confused worried stressed happy sad upset disappointed
    accident accidentally mistake mistakenly idea hope hoping trying tried supposed supposedly
    took gone went came saw told ran stuff`,
  fr: `aujourd hui ce soir demain hier maintenant déjà bientôt semaine mois an ans année jours heures
    femme mari fils fille enfant enfants mère père parents frère sœur ami amie amis patron collègue voisin
    désolé oups`,
  de: `heute abend morgen gestern jetzt schon bald woche wochen monat monate jahr jahre tage stunden
    frau mann sohn tochter kind kinder mutter vater eltern bruder schwester freund freundin chef kollege nachbar
    sorry leider ups`,
  es: `hoy esta noche mañana ayer ahora ya pronto semana semanas mes meses año años días horas
    esposa esposo marido hijo hija niño niños madre padre padres hermano hermana amigo amiga jefe vecino
    perdón lo siento`,
};

/**
 * Short forms customers type for words articles spell out ("hrs", "max", "info"), read as the
 * word before stemming, on both sides: "max file size" finds "Maximum file size". General chat
 * language, per language; none that reads as another word too ("min": minute or minimum).
 */
const SHORT_FORMS: Record<string, ReadonlyMap<string, string>> = {
  en: new Map(
    `max:maximum yr:year yrs:years hr:hour hrs:hours wk:week wks:weeks mins:minutes info:information
    ppl:people acct:account accts:accounts pic:picture pics:pictures approx:approximately thru:through
    pwd:password msg:message msgs:messages appt:appointment appts:appointments bday:birthday`
      .split(/\s+/)
      .map((pair) => pair.split(":") as [string, string]),
  ),
};

/**
 * A number written together with its unit, "30kg" or "50GB", is read as "30 kg" and "50 GB": articles
 * and customers write both. Units of two letters or more ("5G" and "4K" are names).
 */
const NUMBER_WITH_UNIT = /^(\d+)(kg|km|cm|mm|mb|gb|tb|kb|ml|kw|kwh|mph|hr|hrs|min|mins|yr|yrs|am|pm)$/;

/** A day of the month, "the 3rd", "on the 12th": when something of the customer's happened. */
const ORDINAL_DAY = /^(?:[12]?\d|3[01])(?:st|nd|rd|th)$/;

/** "id like to…" is "I'd like to…" typed without its apostrophe; any other "id" is an ID. */
const I_WOULD = /\bid(?= (?:like|love|rather|prefer|appreciate)\b)/g;

/** Words of letters joined by hyphens: "wi-fi", "pre-order", "check-in". */
const HYPHENATED = /\p{L}+(?:-\p{L}+)+/gu;

/**
 * Lower-case word tokens, accents kept (stemmers need them); apostrophes split words. A hyphenated
 * word gives its parts and then, last, the parts written as one (see wordsOf).
 */
export function tokenize(text: string): string[] {
  const { words, joined } = wordsOf(text);
  return [...words, ...joined];
}

/**
 * A text's lower-case word tokens, and apart from them its hyphenated words written as one
 * ("pre-order" → "preorder"): people write such words both ways, so "wifi" should find "Wi-Fi"
 * and "e-mail" find "email".
 */
export function wordsOf(text: string): { words: string[]; joined: string[] } {
  const lower = text.normalize("NFC").toLowerCase().replace(I_WOULD, "i d");
  return {
    words: lower.split(/[^\p{L}\p{N}]+/u).flatMap((token) => (token === "" ? [] : (NUMBER_WITH_UNIT.exec(token)?.slice(1) ?? [token]))),
    joined: [...lower.matchAll(HYPHENATED)].map(([word]) => word.replaceAll("-", "")),
  };
}

/** Removes accents: "réinitialiser" → "reinitialiser". */
export function fold(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

/**
 * The two-letter codes of languages owners may name another way in `locale:`: by ISO 639-2/3
 * code ("fra", "ger") or by name, in English or in the language itself ("French", "Deutsch").
 */
const LANGUAGE_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries({
    en: "eng english",
    fr: "fra fre french francais",
    de: "deu ger german deutsch",
    es: "spa spanish espanol castellano",
    pt: "por portuguese portugues",
    it: "ita italian italiano",
    nl: "nld dut dutch nederlands",
    sv: "swe swedish svenska",
    da: "dan danish dansk",
    nb: "nob nor norwegian norsk bokmal",
    fi: "fin finnish suomi",
    pl: "pol polish polski",
    cs: "ces cze czech cestina",
    ru: "rus russian",
    ro: "ron rum romanian romana",
    hu: "hun hungarian magyar",
    tr: "tur turkish turkce",
    ca: "cat catalan catala",
  }).flatMap(([code, names]) => names.split(" ").map((name) => [name, code])),
);

/** "fr-CA" → "fr", "fr_FR" → "fr", "French" → "fr", "deu" → "de"; "" or junk → "en". */
export function languageOf(locale: string): string {
  const name = fold(locale.trim().toLowerCase()).split(/[-_ ]/)[0] ?? "";
  const named = LANGUAGE_NAMES[name];
  if (named !== undefined) return named;
  const language = /^[a-z]{2,3}/i.exec(locale.trim())?.[0]?.toLowerCase();
  return language ?? "en";
}

const analyzers = new Map<string, Analyzer>();

/** The analyzer for a locale's language (cached). Languages without a stemmer still drop stop words. */
export function analyzerFor(locale: string): Analyzer {
  const language = languageOf(locale);
  let analyzer = analyzers.get(language);
  if (analyzer === undefined) {
    analyzer = createAnalyzer(language);
    analyzers.set(language, analyzer);
  }
  return analyzer;
}

function createAnalyzer(language: string): Analyzer {
  const algorithm = SNOWBALL[language];
  const stemmer: Stemmer | null = algorithm ? newStemmer(algorithm) : null;
  const stopWords = new Set<string>();
  for (const word of stopwordLists[STOPWORD_LIST[language] ?? ""] ?? []) addStopWord(word);
  for (const word of `${CHAT_FILLERS[language] ?? ""} ${MORE_FUNCTION_WORDS[language] ?? ""}`.split(/\s+/)) addStopWord(word);
  function addStopWord(word: string) {
    for (const token of tokenize(word)) {
      stopWords.add(token);
      stopWords.add(fold(token));
    }
  }
  const storyWords = new Set((STORY_WORDS[language] ?? "").split(/\s+/).flatMap((word) => tokenize(word)));
  const shortForms = SHORT_FORMS[language];
  const wordOf = (token: string) => shortForms?.get(token) ?? token;
  const cache = new Map<string, string | null>();

  function term(token: string): string | null {
    const cached = cache.get(token);
    if (cached !== undefined) return cached;
    const word = wordOf(token);
    let result: string | null;
    if (stopWords.has(word) || (word.length < 2 && !/\d/.test(word))) result = null;
    else result = fold(stemmer ? stemmer.stem(word) : word);
    if (cache.size < 50_000) cache.set(token, result);
    return result;
  }

  return {
    language: stemmer ? language : "und",
    term,
    isStopWord: (token) => stopWords.has(wordOf(token)),
    isStoryWord: (token) => storyWords.has(wordOf(token)) || ORDINAL_DAY.test(token),
    terms(text) {
      const terms = new Set<string>();
      for (const token of tokenize(text)) {
        const result = term(token);
        if (result !== null) terms.add(result);
      }
      return [...terms];
    },
  };
}
