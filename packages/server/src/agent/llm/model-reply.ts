import * as z from "zod";
import type { AgentCitation, AgentReply, ClarifyOption } from "../types";
import type { RetrievedPassage } from "./types";

/**
 * The confidence of every reply the model gives. Models state none worth trusting, and the model's
 * reply has passed the checks below (it cites passages it was given), so it counts as a confident
 * answer: above the built-in answerer's threshold, short of certainty.
 */
export const LLM_CONFIDENCE = 0.9;

// Models write null where the prompt asked for "" or []: read both as empty.
const text = z.string().nullish().transform((value) => value?.trim() ?? "");
const ids = z.array(z.string()).nullish().transform((value) => value ?? []);

/** The JSON object the prompt (./prompt) asks the model for. */
export const ModelReply = z.object({
  outcome: z.enum(["answer", "clarify", "handoff"]),
  text,
  cited: ids,
  options: ids,
  language: z.string().nullish(),
});
export type ModelReply = z.infer<typeof ModelReply>;

/** The model's reply, or why it cannot be read. Tolerates the object inside a ``` fence or after a preamble. */
export function parseModelReply(output: string): { ok: true; reply: ModelReply } | { ok: false; problem: string } {
  const json = jsonOf(output);
  if (json === undefined) return { ok: false, problem: "the model's reply is not JSON" };
  const parsed = ModelReply.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "(root)"))];
    return { ok: false, problem: `the model's reply does not fit the format (${fields.join(", ")})` };
  }
  return { ok: true, reply: parsed.data };
}

function jsonOf(output: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(output)?.[1];
  const candidates = [fenced, output];
  const start = output.indexOf("{");
  const end = output.lastIndexOf("}");
  if (start >= 0 && end > start) candidates.push(output.slice(start, end + 1));
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next reading
    }
  }
  return undefined;
}

export type Mapped =
  | { ok: true; reply: AgentReply; /** Cited ids that are not among the passages given, dropped. */ unknownCitations: string[] }
  | { ok: false; problem: string };

/**
 * Turns the model's reply into the AI agent's, trusting only what the passages back: citations
 * must be passages it was given, clarifying options articles it was given. An answer left without
 * a citation, or a clarifying question without two articles to choose from, becomes a hand-off.
 */
export function toAgentReply(reply: ModelReply, passages: readonly RetrievedPassage[], defaultLocale: string): Mapped {
  const locale = canonicalLocale(reply.language) ?? defaultLocale;
  const handoff: AgentReply = { kind: "handoff", reason: "no_answer", locale };
  const byId = new Map(passages.map((passage) => [passage.id, passage]));

  if (reply.outcome === "handoff") return { ok: true, reply: handoff, unknownCitations: [] };
  if (reply.text === "") return { ok: false, problem: `the model's ${reply.outcome} has no text` };

  if (reply.outcome === "clarify") {
    const articles = new Map(passages.map((passage) => [passage.articleId, passage.title]));
    const options: ClarifyOption[] = [];
    for (const id of reply.options) {
      // An option named by one of its passages still names the article.
      const articleId = articles.has(id) ? id : byId.get(id)?.articleId;
      if (articleId === undefined || options.some((option) => option.articleId === articleId)) continue;
      options.push({ articleId, label: articles.get(articleId) ?? articleId });
    }
    if (options.length < 2) return { ok: true, reply: handoff, unknownCitations: [] };
    return { ok: true, reply: { kind: "clarify", text: reply.text, options, confidence: LLM_CONFIDENCE, locale }, unknownCitations: [] };
  }

  const unknownCitations = reply.cited.filter((id) => !byId.has(id));
  const citations: AgentCitation[] = [];
  for (const id of reply.cited) {
    const passage = byId.get(id);
    if (passage === undefined || citations.some((citation) => citation.articleId === passage.articleId)) continue;
    citations.push({ articleId: passage.articleId, title: passage.title, url: passage.url });
  }
  if (citations.length === 0) return { ok: true, reply: handoff, unknownCitations };
  return { ok: true, reply: { kind: "answer", text: reply.text, citations, confidence: LLM_CONFIDENCE, locale }, unknownCitations };
}

function canonicalLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}
