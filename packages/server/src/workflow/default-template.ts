import { WORKFLOW_SCHEMA_VERSION, type Workflow } from "./schema";

/**
 * The workflow Parley runs until the owner sets one live: the AI answers every question; when it
 * cannot help, the customer asks for a person, or a clarifying question goes unanswered, the
 * conversation becomes a ticket for the team (or, with PARLEY_HANDOFF_MODE=live, a live chat).
 */
export function defaultWorkflow(options: { greeting: string; /** PARLEY_HANDOFF_MODE=live: the team takes over in a live chat. */ handoffMode?: "ticket" | "live" }): Workflow {
  return {
    schema_version: WORKFLOW_SCHEMA_VERSION,
    name: "Default: the AI answers, the team takes the rest as tickets",
    greeting: { text: options.greeting, buttons: [] },
    start: "answer",
    attributes: [],
    ticket_fields: [],
    steps: {
      answer: { type: "ai_answer", then: "handoff" },
      handoff: { type: "handoff", mode: options.handoffMode ?? "ticket" },
    },
  };
}
