import type { HandoffMode, OfficeHours, Workflow } from "./schema";

/**
 * The console's hand-off choice, read from and written into a workflow: the mode of its hand-off
 * steps and its office hours. The workflow stays the one place the hand-off lives.
 */
export interface HandoffChoice {
  /**
   * `mixed`: the hand-off steps disagree (the owner set them one by one in the JSON editor).
   * `none`: the workflow has no hand-off step (its paths end with the AI's answers): a customer who
   * asks for a person gets the engine's own hand-off, a ticket.
   */
  mode: HandoffMode | "mixed" | "none";
  officeHours: OfficeHours | null;
}

export function handoffChoiceOf(workflow: Workflow): HandoffChoice {
  const modes = new Set(Object.values(workflow.steps).flatMap((step) => (step.type === "handoff" ? [step.mode] : [])));
  const [only] = modes;
  const mode = modes.size === 0 ? "none" : modes.size === 1 && only !== undefined ? only : "mixed";
  return { mode, officeHours: workflow.office_hours ?? null };
}

/**
 * The workflow with every hand-off step in `mode`, and these office hours (kept as they were when
 * none are given). Nothing else changes, so the owner's other edits survive.
 */
export function withHandoffChoice(workflow: Workflow, mode: HandoffMode, officeHours: OfficeHours | null): Workflow {
  const steps = Object.fromEntries(Object.entries(workflow.steps).map(([id, step]) => [id, step.type === "handoff" ? { ...step, mode } : step]));
  const hours = officeHours ?? workflow.office_hours;
  return { ...workflow, steps, ...(hours && { office_hours: hours }) };
}
