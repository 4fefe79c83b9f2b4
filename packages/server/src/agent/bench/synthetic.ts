/**
 * A synthetic help center and customer questions for `npm run bench:agent`: made-up words in
 * article-shaped Markdown (front matter, title, `##` sections, paragraphs, lists, links), from a
 * seeded generator so every run measures the same text. It measures speed and memory, not answer
 * quality: nothing here resembles any real help center.
 */
import { chunkArticle, type Article } from "../knowledge";

/** A seeded pseudo-random source (mulberry32): the same seed gives the same sequence everywhere. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError("pick from no items");
      return item;
    },
    chance: (probability) => next() < probability,
  };
}

/**
 * English function words that hold sentences together. They carry no topic, like the words a
 * search engine skips; everything else in the text is made up.
 */
const GLUE = [
  "the", "a", "to", "of", "and", "in", "for", "on", "with", "your", "you", "we", "is", "are", "can",
  "will", "it", "be", "this", "that", "by", "or", "if", "when", "after", "before", "from", "our",
  "not", "at", "as", "each", "any", "all", "then", "only", "more", "than", "into", "about", "how",
] as const;
const GLUE_WORDS: ReadonlySet<string> = new Set(GLUE);

/** How customers open a question, in general language. */
const OPENERS = [
  "how do I", "can I", "what is the", "when will my", "why is my", "where can I find the",
  "is it possible to", "what happens if my", "do you", "how long does the", "how much is the", "",
] as const;

const ONSETS = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "st", "th", "tr", "qu"];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y"];
const CODAS = ["", "", "", "n", "r", "s", "l", "t", "nd", "st", "m", "ck"];

/** `count` distinct made-up words of one to three syllables, none of them a glue word. */
export function generateWords(random: Random, count: number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    let word = "";
    for (let syllables = random.int(1, 3); syllables > 0; syllables--) {
      word += random.pick(ONSETS) + random.pick(VOWELS) + random.pick(CODAS);
    }
    if (word.length >= 3 && !GLUE_WORDS.has(word)) words.add(word);
  }
  return [...words];
}

/** Draws words by a Zipf law over their rank, as in real text: a few words are everywhere, most are rare. */
function zipfSampler(words: readonly string[], random: Random): (from?: number) => string {
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 0; rank < words.length; rank++) cumulative.push((sum += 1 / (rank + 1) ** 1.07));
  return (from = 0) => {
    // Words ranked below `from` are too common to name a topic: draw from the rest.
    const low = from === 0 ? 0 : (cumulative[from - 1] ?? 0);
    const target = low + random.next() * (sum - low);
    let lo = from;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? sum) < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] ?? "";
  };
}

export interface SyntheticArticleFile {
  fileName: string;
  /** Markdown with YAML front matter, as an owner would write it. */
  source: string;
}

export interface SyntheticHelpCenter {
  files: SyntheticArticleFile[];
  /** Made-up words that no article uses: questions about things the help center does not cover. */
  unusedWords: string[];
}

/** How many words the articles are written in, and how many more are kept out of them. */
const VOCABULARY = 6000;
const UNUSED = 1000;
/** Words ranked below this are common words: topics are drawn from the rest. */
const COMMON = 200;

/** A help center of `articles` articles, the same for the same seed. */
export function generateHelpCenter(options: { seed: number; articles: number }): SyntheticHelpCenter {
  const random = seededRandom(options.seed);
  const words = generateWords(random, VOCABULARY + UNUSED);
  const used = words.slice(0, VOCABULARY);
  const word = zipfSampler(used, random);
  const files: SyntheticArticleFile[] = [];
  for (let n = 1; n <= options.articles; n++) {
    const id = `article-${String(n).padStart(4, "0")}`;
    const topic = distinct(4, () => word(COMMON));
    const sentence = (section: readonly string[]) => {
      const tokens: string[] = [];
      for (let length = random.int(6, 18); tokens.length < length; ) {
        const roll = random.next();
        if (roll < 0.35) tokens.push(random.pick(GLUE));
        else if (roll < 0.45) tokens.push(random.pick(topic));
        else if (roll < 0.55) tokens.push(random.pick(section));
        else if (roll < 0.58) tokens.push(`${random.int(2, 90)} ${word()}`);
        else if (roll < 0.6) tokens.push(`**${word()}**`);
        else if (roll < 0.61) tokens.push(`[${word()}](/help/article-${String(random.int(1, options.articles)).padStart(4, "0")})`);
        else tokens.push(word());
      }
      return `${capitalize(tokens.join(" "))}.`;
    };
    const paragraph = (section: readonly string[]) => Array.from({ length: random.int(2, 5) }, () => sentence(section)).join(" ");
    const title = capitalize(topic.slice(0, random.int(2, 3)).join(random.chance(0.5) ? " and " : " "));
    const blocks = [`# ${title}`, paragraph(topic)];
    for (let sections = random.int(2, 5); sections > 0; sections--) {
      const section = distinct(2, () => word(COMMON));
      const [a = "", b = ""] = section;
      const heading = random.pick([`How to ${a} ${random.pick(topic)}`, `${capitalize(a)} and ${b}`, `When ${a} ${random.pick(topic)}`, `${capitalize(a)} ${b}`]);
      blocks.push(`## ${heading}`);
      for (let paragraphs = random.int(1, 3); paragraphs > 0; paragraphs--) blocks.push(paragraph(section));
      if (random.chance(0.4)) {
        const numbered = random.chance(0.5);
        const items = Array.from({ length: random.int(3, 6) }, (_, i) => {
          const item = capitalize(Array.from({ length: random.int(3, 8) }, () => (random.chance(0.3) ? random.pick(section) : word())).join(" "));
          return `${numbered ? `${i + 1}.` : "-"} ${item}`;
        });
        blocks.push(items.join("\n"));
      }
    }
    const front = ["---", `id: ${id}`, `title: ${title}`, `url: /help/${id}`, "locale: en", "---"].join("\n");
    files.push({ fileName: `${id}.md`, source: `${front}\n\n${blocks.join("\n\n")}\n` });
  }
  return { files, unusedWords: words.slice(VOCABULARY) };

  function distinct(count: number, draw: () => string): string[] {
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(draw());
    return [...chosen];
  }
}

/** Where a synthetic question comes from. */
export type QuestionKind =
  /** Words of one article's title or heading and of the section under it, in another order. */
  | "from_article"
  /** One word of an article's title. */
  | "one_word"
  /** Made-up words the help center uses, drawn at random. */
  | "random_words"
  /** Made-up words no article uses. */
  | "unknown_words";

export interface SyntheticQuestion {
  question: string;
  kind: QuestionKind;
  /** The article a `from_article` or `one_word` question was made from. */
  articleId?: string;
}

/** `count` questions over the articles (parsed from a synthetic help center), the same for the same seed. */
export function generateQuestions(
  articles: readonly Article[],
  unusedWords: readonly string[],
  options: { seed: number; count: number },
): SyntheticQuestion[] {
  const random = seededRandom(options.seed);
  const passages = articles.map((article) => chunkArticle(article));
  const everyWord = [...new Set(passages.flat().flatMap((passage) => contentWords(passage.text)))];
  const ask = (words: readonly string[]) => `${[random.pick(OPENERS), ...words].join(" ").trim()}?`;
  const questions: SyntheticQuestion[] = [];
  while (questions.length < options.count) {
    const roll = random.next();
    const index = random.int(0, articles.length - 1);
    const article = articles[index];
    const sections = passages[index];
    if (article === undefined || sections === undefined) continue;
    if (roll < 0.6) {
      const passage = random.pick(sections);
      // The title is made of topic words, so `subject` is never empty.
      const subject = contentWords(`${passage.heading ?? ""} ${article.title}`);
      const text = contentWords(passage.text);
      if (text.length === 0) continue;
      const words = [random.pick(subject), ...Array.from({ length: random.int(1, 2) }, () => random.pick(text))];
      // Some customers use a word the article does not.
      if (random.chance(0.3)) words.push(random.pick(everyWord));
      questions.push({ question: ask(shuffle(words)), kind: "from_article", articleId: article.id });
    } else if (roll < 0.65) {
      questions.push({ question: random.pick(contentWords(article.title)), kind: "one_word", articleId: article.id });
    } else if (roll < 0.8) {
      questions.push({ question: ask(Array.from({ length: random.int(2, 4) }, () => random.pick(everyWord))), kind: "random_words" });
    } else {
      questions.push({ question: ask(Array.from({ length: random.int(2, 4) }, () => random.pick(unusedWords))), kind: "unknown_words" });
    }
  }
  return questions;

  function shuffle(words: string[]): string[] {
    for (let i = words.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [words[i], words[j]] = [words[j] ?? "", words[i] ?? ""];
    }
    return words;
  }
}

/** The made-up words of a passage's plain text: lower case, without glue words or numbers. */
function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((word) => !GLUE_WORDS.has(word));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
