import type { CustomerTexts } from "./types";

/** Until a reply names a language, and for languages Parley has no texts in. */
export const FALLBACK_LANGUAGE = "en";

/**
 * What the engine itself says to customers, per language. Each reply's messages and buttons are in
 * the reply's language; buttons and hand-offs that follow a reply keep it.
 */
const TEXTS: Readonly<Record<string, CustomerTexts>> = {
  en: {
    thatHelped: "That helped",
    talkToPerson: "Talk to a person",
    gladItHelped: "Great, glad that helped! Ask away if anything else comes up.",
    handoffNoAnswer:
      "I couldn't find an answer to that in our help center, so I've passed your question to the team. They'll reply here, and by email if you've left.",
    handoffAsked: "Sure, I've passed this to the team. They'll reply here, and by email if you've left.",
    handoffAccountSpecific:
      "That needs someone who can look at your account, so I've passed it to the team. They'll reply here, and by email if you've left.",
    clarifyLeadIn: "Which of these do you mean?",
    mayHelp: "This article is the closest I found, in case it helps:",
    handoffNoReply:
      "I haven't heard back, so I've passed your question to the team. They'll reply here, and by email if you've left.",
    handoffWorkflow: "I've passed this to the team. They'll reply here, and by email if you've left.",
    backWithAi: "The team has handed this conversation back to me. Ask me anything else, or ask for a person if you need the team again.",
  },
  fr: {
    thatHelped: "Ça m'a aidé",
    talkToPerson: "Parler à une personne",
    gladItHelped: "Parfait, ravi d'avoir pu vous aider ! N'hésitez pas si vous avez une autre question.",
    handoffNoAnswer:
      "Je n'ai pas trouvé de réponse à cette question dans notre centre d'aide, je l'ai donc transmise à l'équipe. Elle vous répondra ici, et par e-mail si vous n'êtes plus là.",
    handoffAsked: "Bien sûr, j'ai transmis votre demande à l'équipe. Elle vous répondra ici, et par e-mail si vous n'êtes plus là.",
    handoffAccountSpecific:
      "Il faut que quelqu'un puisse consulter votre compte, j'ai donc transmis votre demande à l'équipe. Elle vous répondra ici, et par e-mail si vous n'êtes plus là.",
    clarifyLeadIn: "Lequel de ces sujets vous intéresse ?",
    mayHelp: "Voici l'article le plus proche que j'ai trouvé, au cas où il vous aiderait :",
    handoffNoReply:
      "Je n'ai pas eu de réponse, j'ai donc transmis votre question à l'équipe. Elle vous répondra ici, et par e-mail si vous n'êtes plus là.",
    handoffWorkflow: "J'ai transmis votre demande à l'équipe. Elle vous répondra ici, et par e-mail si vous n'êtes plus là.",
    backWithAi: "L'équipe m'a rendu la conversation. Posez-moi vos autres questions, ou demandez à parler à une personne si vous avez à nouveau besoin de l'équipe.",
  },
  de: {
    thatHelped: "Das hat geholfen",
    talkToPerson: "Mit einer Person sprechen",
    gladItHelped: "Super, freut mich, dass es geholfen hat! Melden Sie sich gern, wenn noch etwas ist.",
    handoffNoAnswer:
      "Dazu habe ich in unserem Hilfe-Center keine Antwort gefunden, deshalb habe ich Ihre Frage an das Team weitergegeben. Das Team antwortet Ihnen hier – und per E-Mail, falls Sie nicht mehr da sind.",
    handoffAsked:
      "Gern, ich habe Ihr Anliegen an das Team weitergegeben. Das Team antwortet Ihnen hier – und per E-Mail, falls Sie nicht mehr da sind.",
    handoffAccountSpecific:
      "Dafür muss sich jemand Ihr Konto ansehen, deshalb habe ich Ihr Anliegen an das Team weitergegeben. Das Team antwortet Ihnen hier – und per E-Mail, falls Sie nicht mehr da sind.",
    clarifyLeadIn: "Welches dieser Themen meinen Sie?",
    mayHelp: "Das ist der passendste Artikel, den ich gefunden habe – vielleicht hilft er Ihnen:",
    handoffNoReply:
      "Ich habe keine Antwort erhalten, deshalb habe ich Ihre Frage an das Team weitergegeben. Das Team antwortet Ihnen hier – und per E-Mail, falls Sie nicht mehr da sind.",
    handoffWorkflow: "Ich habe Ihr Anliegen an das Team weitergegeben. Das Team antwortet Ihnen hier – und per E-Mail, falls Sie nicht mehr da sind.",
    backWithAi: "Das Team hat das Gespräch an mich zurückgegeben. Fragen Sie mich gern weiter, oder verlangen Sie eine Person, wenn Sie das Team wieder brauchen.",
  },
  es: {
    thatHelped: "Me ayudó",
    talkToPerson: "Hablar con una persona",
    gladItHelped: "¡Genial, me alegro de que te haya servido! Pregunta lo que quieras si surge algo más.",
    handoffNoAnswer:
      "No he encontrado una respuesta a eso en nuestro centro de ayuda, así que he pasado tu pregunta al equipo. Te responderán aquí y, si ya te has ido, por correo electrónico.",
    handoffAsked: "Claro, he pasado tu consulta al equipo. Te responderán aquí y, si ya te has ido, por correo electrónico.",
    handoffAccountSpecific:
      "Para eso hace falta alguien que pueda revisar tu cuenta, así que he pasado tu consulta al equipo. Te responderán aquí y, si ya te has ido, por correo electrónico.",
    clarifyLeadIn: "¿A cuál de estos temas te refieres?",
    mayHelp: "Este es el artículo más cercano que he encontrado, por si te ayuda:",
    handoffNoReply:
      "No he recibido respuesta, así que he pasado tu pregunta al equipo. Te responderán aquí y, si ya te has ido, por correo electrónico.",
    handoffWorkflow: "He pasado tu consulta al equipo. Te responderán aquí y, si ya te has ido, por correo electrónico.",
    backWithAi: "El equipo me ha devuelto la conversación. Pregúntame lo que necesites, o pide hablar con una persona si vuelves a necesitar al equipo.",
  },
  pt: {
    thatHelped: "Isso ajudou",
    talkToPerson: "Falar com uma pessoa",
    gladItHelped: "Ótimo, que bom que ajudou! Se surgir mais alguma dúvida, é só perguntar.",
    handoffNoAnswer:
      "Não encontrei uma resposta para isso na nossa central de ajuda, então passei sua pergunta para a equipe. Eles vão responder aqui e, se você já tiver saído, por e-mail.",
    handoffAsked: "Claro, passei sua solicitação para a equipe. Eles vão responder aqui e, se você já tiver saído, por e-mail.",
    handoffAccountSpecific:
      "Isso precisa de alguém que possa consultar sua conta, então passei sua solicitação para a equipe. Eles vão responder aqui e, se você já tiver saído, por e-mail.",
    clarifyLeadIn: "A qual destes assuntos você se refere?",
    mayHelp: "Este é o artigo mais próximo que encontrei, caso ajude:",
    handoffNoReply:
      "Não recebi resposta, então passei sua pergunta para a equipe. Eles vão responder aqui e, se você já tiver saído, por e-mail.",
    handoffWorkflow: "Passei sua solicitação para a equipe. Eles vão responder aqui e, se você já tiver saído, por e-mail.",
    backWithAi: "A equipe devolveu esta conversa para mim. Pergunte o que precisar, ou peça para falar com uma pessoa se precisar da equipe de novo.",
  },
  it: {
    thatHelped: "Mi è stato utile",
    talkToPerson: "Parla con una persona",
    gladItHelped: "Ottimo, sono contento che ti sia stato utile! Chiedi pure se ti serve altro.",
    handoffNoAnswer:
      "Non ho trovato una risposta nel nostro centro assistenza, quindi ho passato la tua domanda al team. Ti risponderanno qui e, se nel frattempo sei uscito, via email.",
    handoffAsked: "Certo, ho passato la tua richiesta al team. Ti risponderanno qui e, se nel frattempo sei uscito, via email.",
    handoffAccountSpecific:
      "Per questo serve qualcuno che possa controllare il tuo account, quindi ho passato la richiesta al team. Ti risponderanno qui e, se nel frattempo sei uscito, via email.",
    clarifyLeadIn: "A quale di questi argomenti ti riferisci?",
    mayHelp: "Questo è l'articolo più vicino che ho trovato, nel caso ti sia utile:",
    handoffNoReply:
      "Non ho ricevuto risposta, quindi ho passato la tua domanda al team. Ti risponderanno qui e, se nel frattempo sei uscito, via email.",
    handoffWorkflow: "Ho passato la tua richiesta al team. Ti risponderanno qui e, se nel frattempo sei uscito, via email.",
    backWithAi: "Il team mi ha restituito la conversazione. Chiedimi pure altro, oppure chiedi di parlare con una persona se ti serve di nuovo il team.",
  },
  nl: {
    thatHelped: "Dat hielp",
    talkToPerson: "Met een medewerker praten",
    gladItHelped: "Top, fijn dat het geholpen heeft! Vraag gerust als er nog iets is.",
    handoffNoAnswer:
      "Ik kon daar geen antwoord op vinden in ons helpcentrum, dus ik heb je vraag doorgegeven aan het team. Ze antwoorden hier, en per e-mail als je al weg bent.",
    handoffAsked: "Natuurlijk, ik heb dit doorgegeven aan het team. Ze antwoorden hier, en per e-mail als je al weg bent.",
    handoffAccountSpecific:
      "Daarvoor moet iemand in je account kunnen kijken, dus ik heb het doorgegeven aan het team. Ze antwoorden hier, en per e-mail als je al weg bent.",
    clarifyLeadIn: "Welke van deze bedoel je?",
    mayHelp: "Dit is het artikel dat er het dichtst bij komt, voor het geval het helpt:",
    handoffNoReply:
      "Ik heb geen antwoord gekregen, dus ik heb je vraag doorgegeven aan het team. Ze antwoorden hier, en per e-mail als je al weg bent.",
    handoffWorkflow: "Ik heb dit doorgegeven aan het team. Ze antwoorden hier, en per e-mail als je al weg bent.",
    backWithAi: "Het team heeft dit gesprek aan mij teruggegeven. Vraag me gerust nog iets, of vraag naar een persoon als je het team weer nodig hebt.",
  },
};

/** The languages the engine's own texts exist in. */
export const TEXT_LANGUAGES: readonly string[] = Object.keys(TEXTS);

/**
 * The engine's texts for a BCP 47 locale ("fr-CA", "pt_BR", "DE"): the exact tag if Parley has it,
 * else its language, else English; with the owner's own words (the workflow's `texts`) for that
 * tag or language over them.
 */
export function textsFor(locale: string | null | undefined, owner?: Readonly<Record<string, Partial<CustomerTexts>>>): CustomerTexts {
  const tag = (locale ?? "").trim().toLowerCase().replace(/_/g, "-");
  const language = tag.split("-")[0] ?? "";
  const parleys = own(TEXTS, tag) ?? own(TEXTS, language) ?? (own(TEXTS, FALLBACK_LANGUAGE) as CustomerTexts);
  const owners = owner && (own(lowerCased(owner), tag) ?? own(lowerCased(owner), language));
  return owners ? { ...parleys, ...owners } : parleys;
}

// A locale comes from outside: "constructor" must not find Object.prototype's.
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function lowerCased<T>(table: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [key.toLowerCase(), value]));
}
