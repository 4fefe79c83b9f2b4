import * as z from "zod/mini";
import { ZendeskReadiness } from "./zendesk";

/** How the team takes over: a Zendesk ticket, a live chat, or live within office hours and a ticket outside them. */
export const HandoffMode = z.enum(["ticket", "live", "situation"]);
export type HandoffMode = z.infer<typeof HandoffMode>;

/** The team's office hours: open on these days between these times (HH:MM), in this IANA time zone, except on holidays (YYYY-MM-DD). */
export const OfficeHours = z.object({
  time_zone: z.string(),
  weekly: z.array(z.object({ days: z.array(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])), from: z.string(), to: z.string() })),
  holidays: z.array(z.string()),
});
export type OfficeHours = z.infer<typeof OfficeHours>;

/**
 * PUT /admin/api/handoff: the hand-off of the live workflow (`version`). `mixed`: its hand-off steps
 * disagree; `none`: it has no hand-off step (a customer who asks for a person gets a ticket).
 */
export const HandoffChoice = z.object({
  mode: z.enum(["ticket", "live", "situation", "mixed", "none"]),
  office_hours: z.nullable(OfficeHours),
  version: z.number(),
});
export type HandoffChoice = z.infer<typeof HandoffChoice>;

/** GET /admin/api/handoff: the choice, what each mode needs from Zendesk, and what the connections allow now. */
export const HandoffSettings = z.extend(HandoffChoice, {
  needs: z.record(HandoffMode, z.array(z.enum(["support", "conversations"]))),
  zendesk: ZendeskReadiness,
});
export type HandoffSettings = z.infer<typeof HandoffSettings>;
