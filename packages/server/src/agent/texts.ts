import type { SmallTalk } from "./chat-intent";
import { languageOf } from "./terms";

/** What the AI agent itself says (answers are quoted from articles), in the Messenger's languages. */
interface AgentTexts {
  /** Asking which of the offered articles is meant. */
  clarify: string;
  /** The same when only one article comes close enough to offer. */
  clarifyOne: string;
  /** Asking for more when the message names nothing to look up ("how long does it take?"). */
  tellMore: string;
  smallTalk: Record<SmallTalk, string>;
}

const TEXTS: Record<string, AgentTexts> = {
  en: {
    clarify: "I can help with a few things that match. Which one do you mean?",
    clarifyOne: "Is this what you are looking for?",
    tellMore: "Could you tell me a little more? A few words on what it is about will do.",
    smallTalk: {
      greeting: "Hi! What can I help you with?",
      thanks: "You're welcome! Anything else I can help with?",
      goodbye: "Bye for now! Come back any time.",
      acknowledged: "Alright! If there is anything else, just ask.",
    },
  },
  fr: {
    clarify: "Plusieurs articles correspondent. Lequel cherchez-vous ?",
    clarifyOne: "Est-ce bien ce que vous cherchez ?",
    tellMore: "Pouvez-vous m'en dire un peu plus ? Quelques mots sur le sujet suffisent.",
    smallTalk: {
      greeting: "Bonjour ! Comment puis-je vous aider ?",
      thanks: "Avec plaisir ! Puis-je vous aider pour autre chose ?",
      goodbye: "Au revoir, à bientôt !",
      acknowledged: "D'accord ! Si vous avez une autre question, n'hésitez pas.",
    },
  },
  de: {
    clarify: "Dazu passen mehrere Artikel. Welchen meinen Sie?",
    clarifyOne: "Suchen Sie das hier?",
    tellMore: "Können Sie mir etwas mehr dazu sagen? Ein paar Worte zum Thema genügen.",
    smallTalk: {
      greeting: "Hallo! Wie kann ich Ihnen helfen?",
      thanks: "Gern geschehen! Kann ich sonst noch helfen?",
      goodbye: "Auf Wiedersehen!",
      acknowledged: "Alles klar! Wenn Sie noch etwas wissen möchten, fragen Sie einfach.",
    },
  },
  es: {
    clarify: "Hay varios artículos que encajan. ¿Cuál busca?",
    clarifyOne: "¿Es esto lo que busca?",
    tellMore: "¿Puede contarme un poco más? Bastan unas palabras sobre el tema.",
    smallTalk: {
      greeting: "¡Hola! ¿En qué puedo ayudarle?",
      thanks: "¡De nada! ¿Puedo ayudarle con algo más?",
      goodbye: "¡Hasta pronto!",
      acknowledged: "¡De acuerdo! Si necesita algo más, no dude en preguntar.",
    },
  },
  pt: {
    clarify: "Há vários artigos que correspondem. Qual procura?",
    clarifyOne: "É isto que procura?",
    tellMore: "Pode dizer-me um pouco mais? Bastam algumas palavras sobre o assunto.",
    smallTalk: { greeting: "Olá! Como posso ajudar?", thanks: "De nada! Posso ajudar com mais alguma coisa?", goodbye: "Até breve!", acknowledged: "Combinado! Se precisar de mais alguma coisa, é só perguntar." },
  },
  it: {
    clarify: "Ci sono diversi articoli che corrispondono. Quale cerca?",
    clarifyOne: "È questo che cerca?",
    tellMore: "Può dirmi qualcosa di più? Bastano poche parole sull'argomento.",
    smallTalk: { greeting: "Ciao! Come posso aiutarla?", thanks: "Prego! Posso aiutarla con altro?", goodbye: "Arrivederci!", acknowledged: "D'accordo! Se le serve altro, chieda pure." },
  },
  nl: {
    clarify: "Er passen een paar artikelen. Welke bedoelt u?",
    clarifyOne: "Bedoelt u dit?",
    tellMore: "Kunt u iets meer vertellen? Een paar woorden over het onderwerp zijn genoeg.",
    smallTalk: { greeting: "Hallo! Waarmee kan ik helpen?", thanks: "Graag gedaan! Kan ik nog ergens mee helpen?", goodbye: "Tot ziens!", acknowledged: "Prima! Als u nog iets wilt weten, vraag het gerust." },
  },
};

/** The agent's texts in a locale's language; English when there are none. */
export function agentTexts(locale: string): AgentTexts & { locale: string } {
  const language = languageOf(locale);
  const texts = TEXTS[language];
  return texts ? { ...texts, locale: language } : { ...(TEXTS.en as AgentTexts), locale: "en" };
}
