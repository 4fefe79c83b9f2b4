import type { Citation } from "@parley/protocol";
import type { AgentCitation, AgentReply, Answerer } from "../agent/types";
import type { AiReply } from "../engine";
import { parseTask } from "../outbox/tasks";
import { type OutboxHandler, PermanentError } from "../outbox/worker";
import type { Conversations } from "./service";
import { safeLinkUrl } from "../security/safe-url";

/**
 * The outbox's "ai" lane: asks the AI agent the engine's question, with what the conversation
 * already knows (earlier questions, a chosen article, the options a clarifying question offered),
 * and feeds the reply back to the engine.
 */
export function aiLaneHandler(deps: { answerer: Answerer; conversations: Conversations; citationBase: string }): OutboxHandler {
  return async (row) => {
    const task = parseTask(row.effect);
    if (task.type !== "ai.answer") throw new PermanentError(`${task.type} does not belong in the ai lane`);
    const reply = await deps.answerer.answer({
      question: task.question,
      history: task.history,
      ...(task.chosenArticleId !== undefined && { chosenArticleId: task.chosenArticleId }),
      ...(task.offered !== undefined && { offered: task.offered }),
      ...(task.locale !== undefined && { locale: task.locale }),
    });
    await deps.conversations.apply(row.conversationId, {
      type: "ai.replied",
      questionMessageId: task.questionMessageId,
      reply: toAiReply(reply, deps.citationBase),
    });
  };
}

/** What the engine needs of an agent reply; relative article links become absolute for the Messenger. */
export function toAiReply(reply: AgentReply, base: string): AiReply {
  switch (reply.kind) {
    case "answer":
      return {
        kind: "answer",
        text: reply.text,
        citations: linked(reply.citations, base),
        locale: reply.locale,
        confidence: reply.confidence,
      };
    case "clarify":
      return {
        kind: "clarify",
        text: reply.text,
        options: reply.options.map(({ articleId, label }) => ({ articleId, label })),
        locale: reply.locale,
        confidence: reply.confidence,
      };
    case "smalltalk":
      return { kind: "smalltalk", text: reply.text, locale: reply.locale };
    case "handoff":
      return {
        kind: "handoff",
        reason: reply.reason,
        ...(reply.suggestions && reply.suggestions.length > 0 && { suggestions: linked(reply.suggestions, base) }),
        locale: reply.locale,
      };
  }
}

/** Articles as the Messenger links them: an address that could run script (javascript:, data:…) links the article's help page instead. */
function linked(citations: readonly AgentCitation[], base: string): Citation[] {
  return citations.map((citation) => ({
    title: citation.title,
    url: new URL(safeLinkUrl(citation.url) ?? `/help/${encodeURIComponent(citation.articleId)}`, base).href,
  }));
}
