import { asksForPerson } from "./intent";
import { typoMender } from "./spelling";
import { fold } from "./terms";

/**
 * What a message is besides a question, in the general language of support chats (English first,
 * and the Messenger's other languages): small talk, asking for a person in other languages, and
 * requests only someone with access to the customer's account can settle. Nothing here knows a
 * help center's topics.
 */

/** "acknowledged": a message that only says yes or ok ("ok", "got it", "👍") with nothing pending to say it to. */
export type SmallTalk = "greeting" | "thanks" | "goodbye" | "acknowledged";

/** Lower case, accents folded, apostrophes kept as spaces, punctuation and emoji gone. */
export function normalizeChat(text: string): string {
  return fold(text.toLowerCase())
    .replace(/[’‘`´']/g, " ")
    .replace(/[^\p{L}\p{N}#\- ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const GREETING = String.raw`hi+|hel+o+|hey+|hiya|heya|yo|howdy|greetings|good (?:morning|afternoon|evening|day)|morning|bonjour|salut|bonsoir|coucou|hola|buenos dias|buenas(?: tardes| noches)?|hallo|guten (?:tag|morgen|abend)|moin|servus|ola|oi|bom dia|boa tarde|ciao|buongiorno|buonasera|hoi|goedemorgen|goedemiddag|hej|hei|moi|terve|dzien dobry|czesc|ahoj|dobry den|god morgen|goddag|merhaba|selam(?:lar)?|gunaydin|gunaydın|iyi gunler|szia|sziasztok|udv|udvozlom|jo napot(?: kivanok)?|buna ziua|buna|bon dia|bona tarda`;
const THANKS = String.raw`(?:thanks?(?: (?:you|u|ya))?|thanku|thankyou|many thanks)(?: (?:so|very) much| a lot| a million| a bunch| heaps| loads)?|thx|ty|tysm|cheers|much appreciated|appreciate it|merci(?: beaucoup| bien)?|gracias|muchas gracias|danke(?: schon| sehr| dir| euch)?|dankeschon|vielen dank|obrigad[oa]|grazie(?: mille)?|dank(?:je|u)?(?: wel)?|bedankt|tack(?: sa mycket)?|takk|tusen takk|mange tak|kiitos|kiitti|dzieki|dziekuje|dekuji|diky|(?:cok )?tesekkurler|tesekkur ederim|sag ?ol(?:un)?|koszonom(?: szepen)?|koszi|multumesc(?: frumos)?|multumim|mersi|(?:moltes )?gracies`;
const GOODBYE = String.raw`bye|goodbye|bye bye|see you|see ya|take care|have a (?:good|nice|great) (?:day|one|evening)|au revoir|a bientot|adios|hasta luego|tschuss|auf wiedersehen|tchau|adeus|arrivederci|doei|tot ziens`;
/** Saying ok, and the words small talk goes with. */
const OK = String.raw`ok|okay|great|perfect|awesome|cool|nice|super|parfait|genial|vale|prima|toll|all good|got it|understood`;
const FILLER = String.raw`${OK}|that s all|that is all|there|again|everyone|team|folks|you|guys|lol`;

// Saying yes, ok or no, in the Messenger's and help centers' languages.
const YES = String.raw`yes+(?: please| it is| that s it| that one)?|yeah|yep|yup|ya|yea|sure|correct|exactly|right|that s it|that s the one|that one|this one|k|kk|okey|oki|okie|alright|all right|fine|noted|sounds good|will do|oui|ouais|exactement|c est ca|d accord|entendu|ja|jawohl|genau|richtig|alles klar|verstanden|passt|si|claro|exacto|eso es|de acuerdo|entendido|perfecto|sim|isso|exato|combinado|entendi|certo|esatto|va bene|capito|perfetto|precies|klopt|oke|tak|jo|joo|kylla|ano|jasne|dobrze|okej`;
const NO = String.raw`no+|nope|nah|not really|not that|not quite|no it s not|non|pas vraiment|nein|nicht wirklich|nao|nee|niet echt|nej|ei|nie|ne`;
const ONLY = (words: string) => new RegExp(String.raw`^(?:(?:${words}|${FILLER}|${YES})\b ?)+$`);
const PATTERNS: [SmallTalk, RegExp][] = [
  ["thanks", ONLY(`${THANKS}|${GOODBYE}|${GREETING}`)],
  ["goodbye", ONLY(`${GOODBYE}|${GREETING}`)],
  ["greeting", ONLY(GREETING)],
];
const MENTIONS: Record<Exclude<SmallTalk, "acknowledged">, RegExp> = {
  thanks: new RegExp(String.raw`\b(?:${THANKS})\b`),
  goodbye: new RegExp(String.raw`\b(?:${GOODBYE})\b`),
  greeting: new RegExp(String.raw`\b(?:${GREETING})\b`),
};

/** "No thanks", "nope, that's all": nothing more to ask. */
const NO_MORE = new RegExp(String.raw`^(?:no|nope|nah|non|nein|nee|nej)(?: (?:${THANKS}|${FILLER}|i m (?:good|fine)|im (?:good|fine)|that s it|c est tout|das wars?))+$`);

/**
 * A message that is only a greeting, thanks or goodbye ("hi!", "thanks so much", "merci, au
 * revoir"), or only says yes or ok ("ok", "got it", "👍"): which one.
 */
export function smallTalkOf(text: string): SmallTalk | null {
  const normalized = normalizeChat(text);
  if (normalized.length > 60) return null;
  if (NO_MORE.test(normalized)) return "goodbye";
  if (normalized !== "" && PATTERNS.some(([, pattern]) => pattern.test(normalized))) {
    if (MENTIONS.thanks.test(normalized)) return "thanks";
    if (MENTIONS.goodbye.test(normalized)) return "goodbye";
    if (MENTIONS.greeting.test(normalized)) return "greeting";
  }
  return acknowledgementOf(text) === "yes" ? "acknowledged" : null;
}

const SAYS_YES = new RegExp(String.raw`^(?:${YES}|${OK})(?: (?:${YES}|${FILLER}|${THANKS}))*$`);
const SAYS_NO = new RegExp(String.raw`^(?:${NO})(?: (?:${NO}|sorry))*$`);
/** Emoji that say yes or ok, and no, on their own (skin tones and variation selectors aside). */
const YES_EMOJI = /^(?:👍|👌|🙂|😊|😀|😃|😄|😁|🙏|✅|✔|☑|❤|💯|👏|🎉|🥰|😍|🤝|🆗|👆)+$/u;
const NO_EMOJI = /^(?:👎|🙁|😞|😕|☹|😟|😒|❌|✖|🚫)+$/u;

export type Acknowledgement = "yes" | "no";

/**
 * A message that only says yes or ok ("yes please", "ok", "got it", "oui", "👍"), or no ("nope",
 * "not really", "nein", "👎"): said to a clarifying question's one offer, it takes or declines it.
 */
export function acknowledgementOf(text: string): Acknowledgement | null {
  const normalized = normalizeChat(text);
  if (normalized === "") {
    const symbols = text.replace(/[\s\p{P}\u{1F3FB}-\u{1F3FF}\uFE0F]/gu, "");
    if (YES_EMOJI.test(symbols)) return "yes";
    return NO_EMOJI.test(symbols) ? "no" : null;
  }
  if (normalized.length > 40) return null;
  if (SAYS_NO.test(normalized)) return "no";
  return SAYS_YES.test(normalized) ? "yes" : null;
}

// The courtesies around an email-like message, in the Messenger's and help centers' languages.
const OPENING = String.raw`hi+|hel+o+|hey+|hiya|heya|howdy|greetings|good (?:morning|afternoon|evening|day)|dear|bonjour|salut|bonsoir|hola|buen(?:os|as) (?:d[ií]as|tardes|noches)|hallo|guten (?:tag|morgen|abend)|moin|servus|ol[aá]|oi|bom dia|boa (?:tarde|noite)|ciao|buongiorno|buonasera|hoi|goedemorgen|goedemiddag|hej|hei|moi|dzie[nń] dobry|cze[sś][cć]|dobr[yý] den|merhaba|selam(?:lar)?|g[uü]nayd[ıi]n|szia|sziasztok|[uü]dv(?:[oö]zl[oö]m)?|j[oó] napot(?: k[ií]v[aá]nok)?|bun[aă] ziua|bun[aă]|bon dia|bona tarda`;
/** Whom a greeting addresses, before its comma: "team", "support team", "Sir or Madam", a name. */
/** The team a message is written to: "team", "support team", "customer care". */
const TEAM = String.raw`team|support(?: team)?|customer (?:service|support|care)(?: team)?`;
const ADDRESSEE = new RegExp(String.raw`^(?:there|all|everyone|everybody|folks|guys|${TEAM}|sir(?: or madam)?|sir\/madam|madam|\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)?)$`, "iu");
const CLOSING = String.raw`thanks?(?: you)?(?: (?:so|very) much| a lot| again| in advance| for (?:your|the|any) (?:help|time|reply|answer|support|assistance))?|many thanks|thx|ty|cheers|(?:kind|best|warm|many)? ?regards|best wishes|best|all the best|sincerely|yours(?: sincerely| truly| faithfully)?|merci(?: d'avance| d’avance| par avance| beaucoup)?|cordialement|bien (?:cordialement|à vous)|salutations|bonne journée|danke(?: im voraus| schön| sehr)?|vielen dank(?: im voraus)?|mit freundlichen grüßen|mfg|(?:viele|liebe|beste) grüße|lg|gracias(?: de antemano| por adelantado)?|saludos(?: cordiales)?|un saludo|atentamente|obrigad[oa]|cumprimentos|atenciosamente|grazie(?: mille| in anticipo)?|(?:cordiali|distinti) saluti|saluti|bedankt|alvast bedankt|met vriendelijke groet(?:en)?|groet(?:en|jes)?|tack(?: på förhand)?|hälsningar|mvh|med vänlig hälsning|pozdrawiam|dziękuję|děkuji|s pozdravem|kiitos|terveisin|(?:çok )?te[sş]ekk[uü]rler|te[sş]ekk[uü]r ederim|sayg[ıi]lar[ıi]mla|k[oö]sz[oö]n[oö]m(?: sz[eé]pen)?|k[oö]szi|[uü]dv[oö]zlettel|mul[tţț]umesc(?: frumos)?|cu stim[aă]|gr[aà]cies|salutacions`;
const DEVICE = String.raw`(?:sent from my|get outlook for|envoyé de mon|enviado desde mi|inviato dal?|verzonden (?:vanaf|met) mijn) [^\n]{1,40}|von meinem [^\n]{1,30} gesendet`;
/** Closings that are never a question's own words, so they close a message even with no full stop before them. */
const PLAIN_CLOSING = String.raw`thanks?(?: you)?(?: (?:so|very) much| a lot| again| in advance)?|many thanks|cheers|(?:kind|best|warm) regards|regards|merci(?: d'avance| d’avance| par avance| beaucoup)?|cordialement|danke(?: im voraus)?|vielen dank(?: im voraus)?|mit freundlichen grüßen|gracias(?: de antemano)?|saludos|grazie(?: mille| in anticipo)?|obrigad[oa]|bedankt|alvast bedankt|tack(?: på förhand)?|pozdrawiam|dziękuję|děkuji|kiitos|te[sş]ekk[uü]rler|te[sş]ekk[uü]r ederim|k[oö]sz[oö]n[oö]m(?: sz[eé]pen)?|mul[tţț]umesc|gr[aà]cies`;
/**
 * A sign-off ends the message: the closing (at a line's start or after a sentence; a plain one
 * after any word), then a comma or a line break and a name (five words at most, no question in
 * them), or nothing; "Sent from my iPhone" may follow either, or end the message alone.
 */
const signOff = (start: string, closing: string) =>
  new RegExp(String.raw`${start}[ \t]*(?:(?:(?:${closing})(?:[ \t]*[,!.:;–—-]+[ \t]*\n?|[ \t]*\n)[ \t]*(?:[^\s?]+[ \t]*[,.]?[ \t]*\n?[ \t]*){0,5}?|(?:${closing})[ \t]*[!.]*[ \t]*)(?:\n[ \t]*(?:${DEVICE}))?|(?:${DEVICE}))\s*$`, "iu");
const SIGN_OFFS = [signOff(String.raw`(?:^|\n|(?<=[.!?…)])[ \t]+)`, CLOSING), signOff(String.raw`(?<=\S)[ \t]+`, PLAIN_CLOSING)];
/** Whom a message may be addressed to with no greeting before: the team, not a person's name. */
const ADDRESSED_TEAM = new RegExp(String.raw`^(?:dear )?(?:${TEAM}|help ?desk(?: team)?)$`, "iu");
const GREETING_AT_START = new RegExp(String.raw`^\s*(?:${OPENING})\b`, "iu");

/**
 * What the customer typed, as plain text: invisible characters (zero-width spaces, joiners, byte
 * order marks) gone, and every run of spaces (tabs, no-break spaces) one space. Line breaks stay:
 * they tell a sign-off from the question.
 */
export function tidyMessage(message: string): string {
  return message
    .normalize("NFC")
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/[^\S\r\n]+/g, " ")
    .replace(/ ?\r?\n ?/g, "\n")
    .trim();
}

/** Web and email addresses: a customer pastes them, and their pieces ("https", "com", "tab=2") are no topic. */
const ADDRESSES = /\b(?:https?:\/\/|www\.)[^\s<>"'”)\]]*[^\s<>"'”)\].,;:!?]|\b[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;

/** The message with web and email addresses left out. */
export function withoutAddresses(message: string): string {
  return message.replace(ADDRESSES, " ");
}

/**
 * "Quick question", "petite question", "kurze Frage": the word for a question is no topic (see the
 * chat fillers in ./terms), and neither is how small it is.
 */
const SMALL_QUESTION = /\b(?:quick|short|small|simple|little|silly|stupid|dumb|random|brief|petite|kurze|kleine|pequeña|pequena|piccola|snelle|korte)\s+(?=(?:question|q|frage|pregunta|pergunta|domanda|vraag)\b)|(?<=\b(?:question|pregunta|pergunta|domanda))\s+(?:rapide|r[aá]pida|breve|veloce)\b/giu;

/**
 * A sentence that opens a message and says only that a question or a problem follows: "Sorry to
 * bother you.", "I have a problem.", "Can you help me?", "Hope you're well!". It names no topic,
 * though "problem" and "help" are words articles use.
 */
const OPENER = new RegExp(
  String.raw`^\s*(?:(?:so|ok|okay|um+|hmm+|yes|well)[ ,]+)?(?:` +
    [
      String.raw`sorry (?:to (?:bother|trouble) you|for (?:the|any) (?:trouble|bother|inconvenience)|if this is a (?:silly|stupid|dumb) question)`,
      String.raw`(?:i )?hope (?:you(?:['’]re| are)?|this (?:message )?finds you) (?:well|doing well|good|ok|having a (?:good|great|nice) day)`,
      String.raw`(?:i (?:have|got|am having)|i['’]ve got|i['’]m having|having|got) (?:a|an|some|one|another|a few|two) (?:(?:quick|small|little|strange|weird|big|serious|urgent) )?(?:problem|issue|question|questions|trouble|request|query)s?(?: (?:here|for you(?: guys)?|again|too))?`,
      String.raw`(?:i )?(?:really )?need (?:some |your |a little )?help(?: (?:please|here|with something))?`,
      String.raw`(?:please |pls )?(?:can|could|would) (?:you|someone|somebody|anyone) (?:please )?help(?: me)?(?: (?:please|out|with something))?`,
      String.raw`(?:please|pls) help(?: me)?|help(?: me)?,? (?:please|pls)`,
      String.raw`j['’ ]?ai (?:un|une) (?:petit |petite )?(?:probl[eè]me|souci|question)|(?:pouvez|pourriez)[ -]vous m['’ ]?aider|d[ée]sol[ée]e? de vous d[ée]ranger`,
      String.raw`ich habe (?:ein|eine) (?:kleines |kleine )?(?:problem|frage|anliegen)|(?:k[oö]nnen|k[oö]nnten) sie mir helfen`,
      String.raw`tengo (?:un|una) (?:problema|duda|pregunta)|(?:me )?(?:pueden|puede|podr[ií]an?) ayudar(?:me)?|perd[oó]n(?: por)? (?:la )?molestia`,
    ].join("|") +
    String.raw`)\s*[.!?,;:…]+\s*`,
  "iu",
);

/**
 * The message without the courtesies around it: a greeting opening it ("Hi there!", "Hello team,",
 * "Dear Sir or Madam,") and a sign-off closing it ("Thanks in advance, Maria", "Kind regards,\nJohn
 * Smith", "Sent from my iPhone"), opening sentences that only say a question follows (OPENER), and
 * the "quick" of a "quick question". Their words are not what is asked: "advance" and a name would
 * be searched for, and "Maria" is a word no article knows. A message that is nothing else is kept
 * as it is (small talk is told apart elsewhere).
 */
export function withoutPleasantries(message: string): string {
  let text = message;
  const cut = Math.min(...SIGN_OFFS.map((pattern) => pattern.exec(text)?.index ?? text.length));
  if (cut > 0) text = text.slice(0, cut);
  const greeting = GREETING_AT_START.exec(text);
  if (greeting !== null) {
    const after = text.slice(greeting[0].length);
    // The greeting's addressee, then the punctuation that closes it: "Hi Anna,", "Hello support team!".
    const close = /^(?:[ \t]+([^,!.:;\n–—-]{1,40}?))?[ \t]*(?:[,!.:;–—-]+|\n)\s*/u.exec(after);
    if (close !== null && (close[1] === undefined || ADDRESSEE.test(close[1].trim()))) {
      const rest = after.slice(close[0].length);
      if (rest.trim() !== "") text = rest;
    }
  }
  // Addressed without a greeting: "Support team, …", "Customer service: …", before a question of
  // its own ("Support: 24/7?" asks about support).
  const addressed = /^\s*((?:[\p{L}]+ ){0,2}[\p{L}]+)\s*[,:–—]\s*/u.exec(text);
  const rest = addressed === null ? "" : text.slice(addressed[0].length);
  if (addressed?.[1] !== undefined && ADDRESSED_TEAM.test(addressed[1]) && rest.split(/\s+/).length >= 3) text = rest;
  for (let opener = OPENER.exec(text); opener !== null && opener[0].length < text.length; opener = OPENER.exec(text)) {
    text = text.slice(opener[0].length);
  }
  text = text.replace(SMALL_QUESTION, "");
  return text.trim() === "" ? message : text.trim();
}


// Asking for a person in other languages (English is ./intent.ts).
const PERSON_ELSEWHERE: RegExp[] = [
  // fr
  /\b(?:parler|discuter|echanger|joindre|contacter|passer)\b.{0,25}\b(?:quelqu un|une personne|un humain|un etre humain|un conseiller|une conseillere|un agent|un operateur|un employe|le service client|un vrai|une vraie|le support)\b/,
  /^(?:je veux |je voudrais |j aimerais )?(?:un |une )?(?:humain|conseiller|conseillere|agent|operateur|vraie personne|personne reelle)(?: svp| stp| s il vous plait| merci)*$/,
  /\b(?:vrai humain|vraie personne|personne reelle|pas (?:a )?un (?:robot|bot))\b/,
  // es
  /\b(?:hablar|conversar|comunicarme|contactar|hable|pasar|pasas|pasa|pasame|pasen|paseme|atender|atienda|atiende|atenderme)\b.{0,25}\b(?:alguien|una persona|un humano|un ser humano|un agente|un asesor|una asesora|un representante|atencion al cliente|un operador|soporte)\b/,
  /^(?:quiero |necesito )?(?:un |una )?(?:humano|agente|asesor|persona real|operador)(?: por favor| ya)*$/,
  /\b(?:persona real|persona de verdad|alguien de verdad|humano de verdad|no (?:quiero )?(?:un )?(?:robot|bot))\b/,
  // de
  /\b(?:sprechen|reden|verbinden|chatten|kontaktieren)\b.{0,40}\b(?:mensch|menschen|mitarbeiter|mitarbeiterin|person|berater|beraterin|agent|kundenservice|kundendienst|jemandem|support)\b/,
  /\b(?:mit|einen?|einem) (?:echten |richtigen )?(?:menschen|mitarbeiter|berater)\b.{0,30}\b(?:sprechen|reden|bitte)\b/,
  /^(?:ein |einen )?(?:mensch|menschen|mitarbeiter|berater)(?: bitte)*$/,
  // pt, it, nl
  /\b(?:falar|conversar)\b.{0,25}\b(?:alguem|uma pessoa|um humano|um atendente|um agente)\b/,
  /\b(?:parlare|chattare)\b.{0,25}\b(?:qualcuno|una persona|un operatore|un umano|un agente)\b/,
  /\b(?:spreken|praten|chatten)\b.{0,25}\b(?:iemand|een persoon|een mens|een medewerker|de klantenservice)\b/,
  /\b(?:iemand|een persoon|een mens|een medewerker|de klantenservice)\b.{0,30}\b(?:spreken|praten|chatten)\b/,
  /^(?:ik wil |graag )?(?:een )?(?:medewerker|mens|echte (?:persoon|mens|medewerker))(?: aub| alstublieft| graag| nu)*$/,
  // Languages help centers are written in besides the Messenger's own: pl, cs, sv, da, nb, fi.
  /\b(?:porozmawiac|rozmawiac|po[lł]acz(?:yc|cie)?|skontaktowac)\b.{0,25}\b(?:konsultant\w*|cz[lł]owiek\w*|osob\w*|pracownik\w*|agent\w*|kims|obsluga\w*)\b/,
  /\b(?:mluvit|hovorit|spojit|spojte)\b.{0,25}\b(?:clovek\w*|operator\w*|nekym|pracovnik\w*|podporou|zakaznick\w*)\b/,
  /\b(?:prata|tala|snacka|kopplas)\b.{0,25}\b(?:manniska|en person|nagon|kundtjanst|handlaggare|medarbetare|agent)\b/,
  /\b(?:tale|snakke)\b.{0,25}\b(?:menneske|en person|nogen|noen|kundeservice|medarbejder|saksbehandler|agent)\b/,
  /\b(?:fa fat i|fa tak i|komme i kontakt med|kontakte)\b.{0,15}\b(?:et menneske|en person|nogen|noen|kundeservice|en medarbejder|en ansat|en saksbehandler)\b/,
  /\b(?:puhua|jutella)\b.{0,25}\b(?:ihmisen|ihmiselle|asiakaspalvelu\w*|henkilon|jonkun|virkailija\w*)\b/,
  // tr, hu, ro, ca
  /\b(?:insan|temsilci|yetkili|operator|musteri hizmet|gercek (?:bir )?(?:kisi|insan))\w*\b.{0,25}\b(?:konus|gorus|baglan)\w*/,
  /\bcanl[iı] destek\b/,
  /\b(?:beszel|kapcsol)\w*\b.{0,30}\b(?:ember|ugyintezo|munkatars|ugyfelszolgalat|operator|valaki)\w*/,
  /\b(?:emberrel|ugyintezovel|munkatarssal|ugyfelszolgalattal|operatorral|valakivel)\b.{0,30}\bbeszel\w*/,
  /\b(?:vorbesc|vorbi|vorbim|discut|discuta)\b.{0,25}\b(?:cineva|un om|o persoana|un operator|un agent|un consultant|un reprezentant|serviciul clienti)\b/,
  /\b(?:parlar|xerrar|contactar)\b.{0,25}\b(?:algu|una persona|un huma|un agent|un operador|atencio al client)\b/,
];

export function asksForPersonElsewhere(text: string): boolean {
  const normalized = normalizeChat(text);
  return PERSON_ELSEWHERE.some((pattern) => pattern.test(normalized));
}

// A reference only the business's own records can resolve: "#4417", "INV-2231", "order 55213".
const RECORD_WORDS = String.raw`order|invoice|ticket|case|booking|session|reservation|reference|ref|transaction|payment|receipt|claim|contract|account|subscription|return|rma|shipment|parcel|package|tracking|bill|statement|commande|facture|pedido|factura|bestellung|rechnung|auftrag|buchung|reserva|reservacion|encomenda|ordine|prenotazione|bestelling|boeking|reservering|bokning|bestallning|bestilling|booking|zamowienie|rezerwacja|objednavka|objednavky|rezervace|numero|number|no|nr|id`;
// Letters and digits mixed, as codes are: "ht4k9p".
const MIXED = String.raw`(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]`;
const RECORD = [
  new RegExp(String.raw`#\s?[a-z]{0,4}-?\d{3,}`),
  new RegExp(String.raw`\b(?:${RECORD_WORDS})\b(?: (?:number|no|nr|id|numero|num|c|cislo|nummer|numer))?\s?[:#]?\s?(?:[a-z]{1,4}-?|[a-z]{2,4} (?=\d{4}))?\d{3,}\b`),
  // A booking code after its name: "booking HT4K9P", "ref ZP3K8D".
  new RegExp(String.raw`\b(?:${RECORD_WORDS}|code|confirmation)\b(?: (?:number|no|nr|id|code|ref|reference))?\s?[:#]?\s?${MIXED}{5,}\b`),
  // Digits in groups, as tracking, card and account numbers are written: "PP 7781 2290 13".
  /\b\d{3,}(?: \d{2,}){2,}\b/,
  /\b[a-z]{2,5}-\d{3,}\b/,
  // A card or code named by its last digits: "code ends 4471", "the card ending in 0934".
  /\bend(?:s|ing)(?: in| with)? \d{3,}\b/,
  // A bare number this long names one thing of theirs: a tracking, account or IMEI number.
  /\b\d{8,}\b/,
  new RegExp(String.raw`\b${MIXED}{7,}\b`), // "ord482913", "a1b2c3d4"
];

// The customer asks the business to act on something of theirs: "can you cancel my order".
const ACT = String.raw`turn (?:off|on)|switch (?:off|on)|disable|enable|lift|cancel|change|unsuspend|unfreeze|unban|update|amend|modify|refund|check|look(?: into| at| up)?|find|track down|send|resend|fix|reset|unlock|unblock|delete|remove|close|reopen|reactivate|activate|deactivate|transfer|move|add|upgrade|downgrade|waive|credit|reverse|confirm|verify|approve|process|expedite|stop|pause|extend|replace|correct|switch|restore|release|escalate|take|make|give|grant|set|reinstate|recalculate|resubmit|reissue|redo|put`;
// Doing something to a thing of theirs: "cancel the booking for me", "change my address".
const ACTS_ON_THEIRS = String.raw`(?:${ACT})(?: [a-z0-9-]+){0,6} (?:my|our|me|it|this|that|them)\b`;
// Who is asked: "can you", "could someone", "please your team".
const ASKED = String.raw`\b(?:can|could|would|will|pls|please|plz) (?:you|u|someone|somebody|your team)`;
const ASKS_TO_ACT = [
  new RegExp(String.raw`${ASKED}(?: guys)?(?: please| pls| kindly| just| manually| personally| quickly| actually| maybe){0,2} (?:${ACT})\b.{0,40}\b(?:my|our|me|mine|it|this)\b`),
  // Demanding it under threat: "if you don't refund me today I'm disputing it with my bank".
  new RegExp(String.raw`\bif (?:you|u)(?: guys)? (?:don t|dont|do not|won t|wont|will not|refuse to) (?:${ACT}) (?:me|us|my|our|it|this)\b`),
  new RegExp(String.raw`\b(?:please|pls|plz|kindly|i need you to|i want you to|i d like you to) ${ACTS_ON_THEIRS}`),
  new RegExp(String.raw`\b(?:i want|i need|i d like|i would like|i expect|we expect) (?:you|u) to (?:${ACT}|pay|cover|reimburse|compensate)\b`),
  // Acting on their account itself: "can you merge them into one", "can you let me back in".
  new RegExp(String.raw`${ASKED}(?: please| pls| kindly| just)? (?:(?:merge|combine) (?:them|my|our|these|those|the two|both)|let (?:me|us) (?:back )?in)\b`),
  // "I want that reversed".
  /\b(?:i|we) (?:want|need|d like|would like|expect) (?:that|it|this|them)(?: [a-z]+){0,2} (?:reversed|refunded|removed|corrected|cancell?ed|waived|sorted|resolved)\b/,
  // After the story of their case: "… the car was spotless, I want that money back" (not a bare "I want my money back").
  /(?<=.{30,})\b(?:i|we) (?:want|need|d like|would like|expect) (?:my|our|that|this|the)(?: [a-z]+){1,2} back\b/,
  // Claiming what they are owed after telling their case: "… I have the notice here. I want the accuracy guarantee payout."
  /(?<=.{30,})\b(?:i|we) (?:want|demand|expect|d like|would like) (?:my|our|the|a|full)(?: [a-z]+){0,3} (?:refund|payout|compensation|reimbursement)\b/,
  // Asking whether something of theirs has arrived or gone through: "can you check if the cheque I posted has arrived".
  new RegExp(String.raw`${ASKED}(?: please| pls| kindly)? (?:check|confirm|see|tell me) (?:if|whether)\b.{0,60}\b(?:has|have|was|were) (?:arrived|come|gone through|cleared|been (?:received|processed|paid|credited|delivered))\b`),
  // Asking someone to find out what happened to something of theirs: "can you check what happened".
  new RegExp(String.raw`${ASKED}(?: please| pls| kindly)? (?:check|look into|find out|investigate|see)\b.{0,15}\b(?:what happened|what s happened|whats happened|what is going on|what s going on|whats going on|why|where (?:it|they|my|our) (?:is|are))\b`),
  // Ending on a bare request to look: "… but the app still says Free. Can you check?", "please check".
  new RegExp(String.raw`(?:${ASKED}|\b(?:please|pls|plz))(?: please| pls| kindly| just)? (?:check|look|have a look|take a look|look into (?:it|this))$`),
  // Undo something of theirs: "please remove the charge", "please put it back".
  /\b(?:please|pls|plz) (?:refund|remove|reverse) (?:it|this|that|them|the charge|the fee|the amount|one)\b|\b(?:please|pls|plz) (?:put|give) (?:it|them) back\b/,
  // The same with the please after it: "… it was a real break-in. Remove the fee please."
  /\b(?:refund|remove|reverse|waive) (?:it|this|that|them|the charge|the fee|the amount)(?: for me)?,? (?:please|pls|plz)\b/,
  // fr, es, de: "pouvez-vous vérifier notre compte", "¿pueden revisar mi cuenta?", "können Sie mein Konto prüfen"
  /\b(?:pouvez vous|vous pouvez|pourriez vous|merci de|veuillez)\b.{0,30}\b(?:annuler|modifier|changer|verifier|rembourser|supprimer|debloquer|corriger|retirer|fermer)\b.{0,30}\b(?:mon|ma|mes|notre|nos)\b/,
  /\b(?:pueden|puede|podrian|podria|por favor)\b.{0,30}\b(?:cancelar|cambiar|revisar|verificar|reembolsar|eliminar|desbloquear|corregir|quitar|cerrar)\b.{0,30}\b(?:mi|mis|nuestra|nuestro|nuestras|nuestros)\b/,
  // it, nl: "potete controllare il mio bonifico?", "kunnen jullie mijn rekening controleren?"
  /\b(?:potete|puoi|potreste|potrebbe|per favore)\b.{0,30}\b(?:annullare|cambiare|controllare|verificare|rimborsare|eliminare|sbloccare|correggere|chiudere)\b|\b(?:il mio|la mia|i miei|le mie|il nostro|la nostra)\b.{0,60}\b(?:potete|puoi|potreste) (?:controllare|verificare)\b/,
  /\b(?:kunt u|kunnen jullie|kun je|graag)\b.{0,30}\b(?:mijn|onze|ons)\b.{0,30}\b(?:annuleren|wijzigen|controleren|terugbetalen|verwijderen|deblokkeren|corrigeren|sluiten)\b/,
  /\b(?:podem|pode|poderiam|poderia|por favor)\b.{0,30}\b(?:cancelar|alterar|mudar|verificar|conferir|reembolsar|excluir|apagar|desbloquear|corrigir|fechar)\b.{0,30}\b(?:minha|meu|minhas|meus|nossa|nosso)\b/,
  /\b(?:konnen sie|konnten sie|bitte)\b.{0,40}\b(?:mein|meine|meinen|meinem|unser|unsere|unseren)\b.{0,40}\b(?:stornieren|andern|prufen|uberprufen|erstatten|loschen|entsperren|korrigieren|schliessen)\b/,
];

/**
 * A bare order about something of theirs: "cancel my booking 7RT2MW", "update my address to 14
 * Orchard Lane". Only with a number in it (a record's, or the new value) is it work for the team:
 * "delete my account" or "stop sending me promo emails" is what an article tells them how to do.
 */
const ORDERS_WITH_RECORD = new RegExp(String.raw`^${ACTS_ON_THEIRS}`);

const ASKS_HOW = /\bhow (?:do|can|should|would) (?:i|we)\b|\bhow to\b/;

// Not had yet: "still haven't had", "never received".
const NOT_HAD = String.raw`(?:still )?(?:have ?n t|has ?n t|have not|has not|did ?n t|not yet|never)\b.{0,20}\b(?:had|got|gotten|received|arrived|come|shown up|showed up|seen|been (?:paid|credited|refunded|processed|approved|shipped|delivered))`;
// Since when: "3 weeks ago", "since Monday", "in March".
const SINCE = String.raw`(?:ago|since|yesterday|last (?:week|month)|\d+ (?:days|weeks)|in (?:january|february|march|april|may|june|july|august|september|october|november|december))`;
// A while of waiting: "3 weeks", "a few days".
const WHILE = String.raw`(?:\d+|a few|two|three|four|five|six|several) (?:days|weeks|months)`;

// Charged, told as something that happened: "got billed again", "charged me" (not "will I be charged").
const CHARGED = String.raw`(?:\b(?:got|was|were|been|still|then) (?:charged|billed|debited)|\b(?:charged|billed|debited) (?:me|us|again))\b`;

// Something that happened to this customer's account, asked about as an event, not a rule.
const EVENT = [
  /\bwhy (?:was|were|did|have|has|is|am|are|do|does) (?:i|we|my|our|me|you|\d+)\b.{0,40}\b(?:disappear(?:ed)?|vanish(?:ed)?|go(?:ne)? missing|charged|billed|debited|suspended|blocked|banned|locked|cancell?ed|declined|rejected|closed|deducted|taken|cut off|cut|reduced|lowered|frozen|stopped|disconnected|flagged|deactivated|terminated|overcharged|double charged)\b/,
  // Not when asked of the future: "will I be billed twice if I switch plans?" is a rule an article may state.
  /(?<!\b(?:will|would|could|might|do|does|can) (?:i|we|you|they) (?:be |get )?)\b(?:charged|billed|debited|paid) (?:me |us )?(?:twice|two times|double|2x)\b/,
  /\bdouble[- ]?(?:charged|billed)\b/,
  // Charged for something they say they did not do or owe: "you STILL charged me $69", "I was charged for Leaf Club but I never signed up".
  // Not a case put as "what if": "what do I do if I was charged for something I didn't buy?"
  /(?<!\bif )\byou(?: guys)?(?: still| have| ve| just)? (?:charged|billed|debited) (?:me|us)\b/,
  // "my bank shows you took the money on the 1st".
  /(?<!\bif )\byou(?: guys)?(?: still| have| ve| just| already)? (?:took|taken) (?:the|my|our) (?:money|payment|fee)\b/,
  // The same in the Messenger's other languages: "me cobró 8 euros", "vous m'avez facturé", "Sie haben mir 20 € abgebucht".
  /\bme (?:cobro|cobraron|han cobrado|habeis cobrado|cobrasteis)\b|\bvous m ?avez (?:facture|debite|preleve)\b|\b(?:sie haben|ihr habt) (?:mir|uns)\b.{0,30}\b(?:berechnet|abgebucht)\b/,
  /(?<!\bif )\b(?:i|we) (?:was|were|got|have been|ve been) (?:charged|billed|debited)\b.{0,80}\b(?:never|did ?n t|didnt|did not)\b/,
  // Charged although someone promised otherwise: "the guy at the desk said he'd waive the fee but I've still been billed".
  /\b(?:said|told (?:me|us)|promised)\b.{0,80}\b(?:but|yet)\b.{0,30}\b(?:been|got|was|were|still) (?:charged|billed|debited)\b/,
  // Charged after cancelling: "cancelled plus on 2 may but got billed again", "renewed yesterday even though I cancelled it".
  new RegExp(String.raw`\bcancell?ed\b.{0,60}${CHARGED}|(?:${CHARGED}|(?<!\bbe )\brenewed\b).{0,60}\b(?:even though|although|though|but) (?:i|we) (?:had |already |have |ve )?cancell?ed\b`),
  /\b(?:why (?:did|have|has) (?:you|u|they|it)|(?<!\bif )you(?: guys)?(?: have)?) (?:charge|charged|bill|billed|debit|debited|take|taken|took)\b.{0,25}\b(?:twice|two times|double|2x)\b/,
  // Chasing something of theirs after a while: "I disputed the fee two weeks ago, what's the status",
  // "where's my refund for the cleaning on the 3rd? it's been 2 weeks".
  new RegExp(String.raw`\b${WHILE} ago\b.{0,80}\b(?:what s the status|whats the status|what is the status|any (?:update|news)|heard nothing|heard back|heard anything|no (?:reply|answer|response|word))\b`),
  new RegExp(String.raw`\bwhere(?: s| is| are)? (?:my|our)\b.{0,60}\b(?:it s been|its been|it has been|been waiting|waiting) (?:for )?${WHILE}\b`),
  // The same told the other way round: "my verification got rejected?? why", "we asked for a higher limit and got denied. why?"
  /(?<!\bif )\b(?:my|our|i|we)\b.{0,60}\b(?:got|was|were|has been|have been)\b (?:\w+ )?(?:rejected|declined|refused|denied|suspended|blocked|cancell?ed|reduced|lowered)\b.{0,60}\bwhy\b/,
  // A complaint about what happened to them: "nobody told me anything. This is unacceptable."
  /\b(?:this|that|it) is (?:absolutely |totally |completely |just |simply )?(?:unacceptable|outrageous|disgraceful|appalling|a disgrace)\b/,
  // Left waiting on their case: "Has it been confirmed? Nobody has called me."
  /(?<!\bif )\b(?:nobody|no one|no-one)(?: has| have| ever| has ever)? (?:called|contacted|replied|emailed|rang|answered|responded|got back)\b/,
  // Money of theirs gone missing: "where is the money", "where's my money".
  /\bwhere(?: s| is| has| did) (?:the|my|our) money\b/,
  // Their record says one thing and their bank or door another: "dashboard says sent but nothing in my bank".
  /\b(?:says|shows|showing|said|marked(?: as)?) (?:it was |it s |its |it has been )?(?:sent|paid|paid out|processed|completed?|refunded|approved|credited)\b.{0,10}\bbut (?:nothing|i|we|my|our|there s nothing|theres nothing|it never|it s not|its not|it isn t|it isnt)\b/,
  // Asking what is wrong with one thing of theirs: "whats going on with our bill", "what happened to my order".
  /\b(?:what s|whats|what is) (?:going on|happening|wrong) with (?:my|our)\b|\bwhat (?:has )?happened (?:to|with) (?:my|our)\b/,
  // The same in the Messenger's other languages: "fui cobrada duas vezes", "zweimal abgebucht".
  /\b(?:factur|debit|preleve|cobrad|cobrar|cobraron|addebitat)\w* (?:deux|dos|duas|due) (?:fois|veces|vezes|volte)\b|\b(?:doppelt|zweimal) (?:abgebucht|berechnet|belastet)\b|\b(?:dubbel|twee keer) (?:afgeschreven|betaald|gefactureerd)\b/,
  // Checking on something of theirs that went through: "has my new direct debit been set up yet?"
  /\bhas (?:my|our) (?:[a-z]+ ){1,4}(?:been|gone|come) (?:[a-z]+ )?(?:through|set up|processed|approved|paid|sent|received|activated|updated|changed|applied|refunded|credited)\b.{0,20}\byet\b/,
  // Waiting for something of theirs for a while: "I posted my trade-in 3 weeks ago and still haven't had the credit".
  new RegExp(String.raw`\b(?:i|we|my|our)\b.*\b${NOT_HAD}\b.*\b${SINCE}\b|\b${SINCE}\b.*\b${NOT_HAD}\b`),
  /\b(?:my|our) (?:refund|order|package|parcel|payment|delivery|replacement|repair|claim|transfer|return|account|money)\b.{0,40}\b(?:still )?(?:has ?n t|hasnt|have ?n t|havent|has not|have not|never|did ?n t|didnt|not yet) (?:arrived|come|shown up|been (?:processed|refunded|credited|shipped|delivered|approved|received)|received|got|gotten|showed up)\b.{0,30}\b(?:since|on the|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|last|ago|weeks?|days?|\d)/,
  // One occurrence of theirs that did not happen, named by its day: "we didn't receive Tuesday's payout".
  /\b(?:i|we)\b.{0,10}\b(?:did ?n t|didnt|did not|have ?n t|havent|have not|never)\b (?:receive|get|got)\b.{0,20}\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|last (?:week|month)s?)\b/,
];

// Chasing something of theirs that is overdue: "returned my phone 3 weeks ago and still no refund".
// Unless they ask what to do about it or what is normal, which an article may answer.
const STILL_NOT = String.raw`still (?:no|not|nothing|isn t|isnt|hasn t|hasnt|haven t|havent)`;
const STILL_WAITING = new RegExp(String.raw`\b${WHILE}\b.{0,60}\b${STILL_NOT}\b|\b${STILL_NOT}\b.{0,60}\b${WHILE}\b`);
const ASKS_WHAT_TO_DO = /\b(?:what (?:should|can|do|must) (?:i|we) do|what are (?:my|our) options|how (?:long|do|can|should)|is (?:that|this|it) normal|usually)\b/;

/** A typo of a word the account-request patterns use is read as that word: "plaese take the fee off", "my account was suspneded". */
const withTyposMended = typoMender([...RECORD, ...ASKS_TO_ACT, ...EVENT, STILL_WAITING, ASKS_WHAT_TO_DO, ORDERS_WITH_RECORD]);

/**
 * Whether settling the message needs someone who can look at the customer's own records: it names
 * an order, invoice or account by number, asks the business to act on something of theirs, or asks
 * why something happened to their account. A how-to question about the customer's own situation
 * ("my package is late, what can I do?") is not: an article may answer it.
 */
export function needsAccountAccess(text: string): boolean {
  // An email address names one account ("please remove 2FA from owner@example.com").
  if (/[^\s@]+@[^\s@]+\.[a-z]{2,}/i.test(text)) return true;
  const normalized = withTyposMended(normalizeChat(text));
  if (RECORD.some((pattern) => pattern.test(normalized))) return true;
  if (EVENT.some((pattern) => pattern.test(normalized))) return true;
  if (STILL_WAITING.test(normalized) && !ASKS_WHAT_TO_DO.test(normalized)) return true;
  if (/^(?:how|what|where|when|is|are|do|does|can i|could i|may i)\b/.test(normalized) && !/\b(?:you|u) (?:please )?(?:cancel|change|refund|check|fix|unlock|reset)\b/.test(normalized)) return false;
  if (ORDERS_WITH_RECORD.test(normalized) && /\d/.test(normalized)) return true;
  // "I want you to delete all my data, how do I do that": they ask how, which an article may tell.
  if (ASKS_HOW.test(normalized)) return false;
  return ASKS_TO_ACT.some((pattern) => pattern.test(normalized));
}

/** What a message is before any search: small talk, a request for a person, an account request, or a question (null). */
export type MessageKind = "smalltalk" | "asked_for_person" | "account_specific" | null;

/**
 * The answerer and the fitting script read messages through this one function, in this order. An
 * account request is read without the greeting and sign-off: an address in a signature names no
 * account the message asks about.
 */
export function messageKindOf(text: string): MessageKind {
  if (smallTalkOf(text) !== null) return "smalltalk";
  if (asksForPerson(text) || asksForPersonElsewhere(text)) return "asked_for_person";
  if (needsAccountAccess(withoutPleasantries(text))) return "account_specific";
  return null;
}
