import type { HandoffChoice, HandoffSettings } from "@parley/protocol";
import { Hono } from "hono";
import * as z from "zod";
import type { Config } from "../../config";
import type { ZendeskReadinessCheck } from "../../launch/zendesk-readiness";
import { HandoffMode, OfficeHours, validateWorkflow } from "../../workflow";
import type { WorkflowCatalog } from "../../workflow/catalog";
import { handoffChoiceOf, withHandoffChoice } from "../../workflow/handoff-choice";
import { requireAdminToken } from "../admin-auth";
import { limitBody, readJson } from "../body";
import { ApiError } from "../errors";

export interface AdminHandoffDeps {
  config: Pick<Config, "adminToken">;
  workflows: WorkflowCatalog;
  readiness: ZendeskReadinessCheck;
}

const HandoffInput = z
  .strictObject({ mode: HandoffMode, office_hours: OfficeHours.optional() })
  .refine((input) => input.mode !== "situation" || input.office_hours !== undefined, {
    message: "a hand-off determined by situation needs office hours",
    path: ["office_hours"],
  });

/** What each hand-off needs from Zendesk, as the console shows it. */
const NEEDS: HandoffSettings["needs"] = {
  ticket: ["support"],
  live: ["support", "conversations"],
  situation: ["support", "conversations"],
};

/**
 * The hand-off choice of "Connect Zendesk": /admin/api/handoff. It is stored in the workflow (the
 * mode of every hand-off step, and the workflow's office hours), set live as a new version and
 * copied into the draft, so the workflow stays the one place the hand-off lives. Live chat (and
 * "determined by situation", which uses it in office hours) is refused while the Conversations API
 * is not connected or multiple conversations are off.
 */
export function adminHandoff(deps: AdminHandoffDeps): Hono {
  const { workflows } = deps;
  const api = new Hono();
  api.use("/handoff", requireAdminToken(deps.config));
  api.use("/handoff", limitBody(32 * 1024));

  api.get("/handoff", async (c) => {
    const [live, zendesk] = await Promise.all([workflows.live(), deps.readiness.now()]);
    const choice = handoffChoiceOf(live.workflow);
    return c.json({ mode: choice.mode, office_hours: choice.officeHours, version: live.version, needs: NEEDS, zendesk } satisfies HandoffSettings);
  });

  api.put("/handoff", async (c) => {
    const input = await readJson(c, HandoffInput);
    if (input.mode !== "ticket") {
      const zendesk = await deps.readiness.now();
      if (!zendesk.conversations.connected || !zendesk.conversations.liveChat.available) {
        const reason = zendesk.conversations.liveChat.available ? "Connect the Conversations API first." : zendesk.conversations.liveChat.reason;
        throw new ApiError(409, "zendesk_connection_failed", `${input.mode === "live" ? "A live hand-off" : "A hand-off determined by situation"} needs live chat: ${reason}`, [
          { path: "mode", message: "live_chat_unavailable" },
        ]);
      }
    }
    const officeHours = input.office_hours ?? null;
    const next = withHandoffChoice((await workflows.live()).workflow, input.mode, officeHours);
    const check = validateWorkflow(next);
    if (!check.ok) {
      throw new ApiError(422, "invalid_workflow", `The live workflow cannot take this hand-off: ${check.issues.map((issue) => issue.message).join("; ")}`);
    }
    const version = await workflows.setLive(check.workflow);
    // The draft gets the same choice, so setting the draft live later does not undo it.
    const draft = validateWorkflow(withHandoffChoice(await workflows.draft(), input.mode, officeHours));
    if (draft.ok) await workflows.saveDraft(draft.workflow);
    const choice = handoffChoiceOf(check.workflow);
    return c.json({ mode: choice.mode, office_hours: choice.officeHours, version } satisfies HandoffChoice);
  });

  return api;
}
