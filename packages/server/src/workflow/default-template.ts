import { type OfficeHours, WORKFLOW_SCHEMA_VERSION, type Workflow } from "./schema";

/**
 * Office hours of the default workflow's `situation` hand-off: weekdays 9:00 to 17:00 where the
 * server runs. Other hours take a workflow of their own (its `office_hours`).
 */
function defaultOfficeHours(): OfficeHours {
  return {
    time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    weekly: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }],
    holidays: [],
  };
}

const NAMES = {
  ticket: "Default: the AI answers, the team takes the rest as tickets",
  live: "Default: the AI answers, the team takes the rest in a live chat",
  situation: "Default: the AI answers, the team takes the rest in a live chat on weekdays 9–17, as tickets otherwise",
} as const;

/**
 * The workflow Parley runs until the owner sets one live: the AI answers every question; when it
 * cannot help, the customer asks for a person, or a clarifying question goes unanswered, the
 * conversation goes to the team, as a ticket unless `handoffMode` (PARLEY_HANDOFF_MODE) says otherwise.
 */
export function defaultWorkflow(options: { greeting: string; handoffMode?: "ticket" | "live" | "situation" }): Workflow {
  const mode = options.handoffMode ?? "ticket";
  return {
    schema_version: WORKFLOW_SCHEMA_VERSION,
    name: NAMES[mode],
    greeting: { text: options.greeting, buttons: [] },
    start: "answer",
    attributes: [],
    ticket_fields: [],
    ...(mode === "situation" && { office_hours: defaultOfficeHours() }),
    steps: {
      answer: { type: "ai_answer", then: "handoff" },
      handoff: { type: "handoff", mode },
    },
  };
}
