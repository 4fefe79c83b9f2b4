import { typoMender } from "./spelling";

// Words for "a person who works here". The strong ones are hardly ever used for anything else in a
// support chat; the weak ones ("person", "someone", "agent") count only inside a request, or
// "how do I add a person to my account" would read as asking for one.
const STRONG = String.raw`(?:humans?|representatives?|reps?|operators?|customer (?:service|support|care)|support (?:team|staff|agents?|person)|service (?:team|desk)|help ?desk)`;
const WEAK = String.raw`(?:persons?|people|someone|somebody|anyone|anybody|agents?|staff|employees?|managers?|supervisors?|team|support)`;
const PERSON = String.raw`(?:${STRONG}|${WEAK})`;
/** A person, but not support in general ("I need support with my tent" is a question, not a request). */
const SOMEBODY = String.raw`(?:${STRONG}|persons?|people|someone|somebody|agents?|staff|employees?|managers?|supervisors?)`;
const ARTICLE = String.raw`(?:(?:a|an|the|some|your|one of your|a member of(?: your| the)?) )?`;
const QUALITY = String.raw`(?:(?:real|actual|live|proper|human) )?`;
const ADVERB = String.raw`(?: (?:directly|now|please|just|quickly|right now|instead))?`;

const REQUESTS: RegExp[] = [
  // The whole message is the request: "agent please", "human", "a real person now".
  new RegExp(String.raw`^(?:(?:i want|i need|give me|get me|can i have|can i get) )?${ARTICLE}${QUALITY}${PERSON}(?: (?:please|pls|plz|now|asap|thanks|thank you))*$`),
  // Asking to be put in touch: "can I talk to someone", "connect me with an agent", "put me through to your team".
  new RegExp(String.raw`\b(?:talk|speak|chat|connect|transfer|escalate|switch|pass|hand|put)(?: (?:me|this|it|my (?:question|issue|case)))?${ADVERB}(?: (?:over|back|through|across))? (?:to|with) ${ARTICLE}${QUALITY}${PERSON}\b(?! else)`),
  new RegExp(String.raw`\b(?:contact|reach|call|phone|email|get hold of|get in touch with|get through to) ${ARTICLE}${QUALITY}${STRONG}\b`),
  new RegExp(String.raw`\b(?:contact|reach|get hold of|get in touch with|get through to) (?:someone|somebody|a person|an agent|a human|your team|the team|support)\b(?! else)`),
  /\b(?:someone|somebody|a person|an agent|a human) (?:[a-z]+ ){0,2}(?:call|phone|ring|email|contact) me\b/,
  // The person first: "is there someone I can talk to", "anyone I could chat with".
  /\b(?:someone|somebody|anyone|anybody|a (?:real |live )?(?:person|human)|an agent) (?:i|we) (?:can|could|may) (?:talk|speak|chat)\b/,
  // Wanting one: "I want a human", "I'd like to speak to someone", "I need a real person".
  new RegExp(String.raw`\b(?:want|need|prefer|request|(?:i'd|i would|we'd|we would) like)(?: to (?:talk|speak|chat)(?: (?:to|with))?)? ${ARTICLE}${QUALITY}${SOMEBODY}\b(?! else)(?!'s)`),
  // Demanding one: "GET ME A MANAGER NOW", "give me a real person".
  new RegExp(String.raw`\b(?:get|give|find|fetch|bring) me ${ARTICLE}${QUALITY}${SOMEBODY}\b(?! else)(?!'s)`),
  // "real person", "live agent", "actual human", "live chat".
  /\b(?:real|actual|live|proper) (?:humans?|persons?|people|agents?|representatives?|chat|support)\b/,
  // Turning the bot down: "I don't want to talk to a bot", "not a robot", "stop bot".
  /\b(?:not|no|don't want|do not want|hate|stop|tired of)\b(?: [a-z']+){0,4} (?:bots?|robots?|chatbots?|ai)\b/,
  // Giving up on it: "this bot is useless", "useless chatbot".
  /\b(?:bots?|robots?|chatbots?|ai)(?: is| are|'s)(?: (?:so|really|completely|totally|absolutely|just))? (?:useless|rubbish|garbage|pointless|hopeless|no help|not helping|not helpful)\b/,
  /\b(?:useless|pointless|stupid|dumb) (?:bots?|robots?|chatbots?)\b/,
  // The request first, whatever follows: "HUMAN PLEASE this is urgent", "representative now, I was charged twice".
  new RegExp(String.raw`^${ARTICLE}${QUALITY}${STRONG}(?: (?:please|pls|plz|now|asap))+\b`),
];

/** A typo of a word the requests are written with is read as that word: "talk to a humen", "an agnet please". */
const withTyposMended = typoMender(REQUESTS);

// Words that make a "person" someone outside the shop: a customs agent, a travel agent.
const OUTSIDE_AGENT = /\b(?:customs|shipping|delivery|travel|freight|booking|estate|insurance|sales) (?:agents?|persons?|people|reps?|representatives?)\b/g;

/**
 * True when the customer asks for a human ("talk to a person", "can I speak to someone", "agent
 * please", "real human", "representative", …) — and false for "how do I add a person to my account".
 */
export function asksForPerson(text: string): boolean {
  const normalized = text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^a-z0-9' ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(OUTSIDE_AGENT, "third party");
  if (normalized === "") return false;
  const mended = withTyposMended(normalized);
  return REQUESTS.some((pattern) => pattern.test(normalized) || pattern.test(mended));
}
