import { randomUUID } from "node:crypto";
import type { ExpectedRequester, LiveSwitchResponse, SetupState, SetupStep, TestLinkResponse, ValidationResult, ValidationStarted } from "@parley/protocol";
import { Hono } from "hono";
import * as z from "zod";
import type { Config } from "../../config";
import type { Conversations } from "../../conversations/service";
import { type AppLaunch, TEST_LINK_PARAMETER } from "../../launch/app-launch";
import type { ZendeskReadinessCheck } from "../../launch/zendesk-readiness";
import { getContact, upsertContact } from "../../store/contacts";
import { getConversation } from "../../store/conversations";
import type { Db } from "../../store/db";
import { listOrigins } from "../../store/origins";
import { ticketForConversation } from "../../store/zendesk-tickets";
import { handoffChoiceOf } from "../../workflow/handoff-choice";
import type { WorkflowCatalog } from "../../workflow/catalog";
import type { ZendeskClient } from "../../zendesk/client";
import { requesterOf } from "../../zendesk/executor";
import { requireAdminToken } from "../admin-auth";
import { limitBody, readJson } from "../body";
import { ApiError } from "../errors";
import { publicBase } from "../public-url";

export interface AdminSetupDeps {
  config: Pick<Config, "adminToken" | "app" | "zendesk" | "publicUrl">;
  db: Db;
  clock: () => Date;
  launch: AppLaunch;
  readiness: ZendeskReadinessCheck;
  workflows: WorkflowCatalog;
  conversations: Conversations;
  knowledge: { current(): { articles: readonly unknown[] } };
  /** The Support API the server mirrors conversations with now; null without Zendesk. */
  supportApi?: (() => Promise<SupportApi | null>) | undefined;
}

/** The Support API in effect: its client and address (for links to tickets). */
export interface SupportApi {
  client: ZendeskClient;
  baseUrl: string;
}

const LiveSwitch = z.strictObject({ live: z.boolean() });

/** Who the setup check starts a conversation as: a user id, an email, or both (the user id is the key). */
const ValidationInput = z
  .strictObject({
    user_id: z.string().trim().min(1).max(255).optional(),
    email: z.email("not an email address").max(255).optional(),
    name: z.string().trim().min(1).max(255).optional(),
  })
  .refine((input) => input.user_id !== undefined || input.email !== undefined, { message: "give a user_id, an email, or both", path: ["user_id"] });

/** The console marks its own conversations, so they read as tests in Zendesk. */
export const VALIDATION_MESSAGE = "Setup check from the Parley admin console: please ignore this conversation.";

/**
 * The console's setup home and its last two steps: /admin/api/setup (the five steps, each done or
 * not from what the server knows), the live switch and test link, and "Validate your setup in
 * Zendesk" (a conversation started as a given user, and the requester Zendesk made of it).
 */
export function adminSetup(deps: AdminSetupDeps): Hono {
  const { db, launch, config } = deps;
  const api = new Hono();
  api.use("/setup", requireAdminToken(config));
  api.use("/setup/*", requireAdminToken(config));
  api.use("/setup/*", limitBody(16 * 1024));

  api.get("/setup", async (c) => {
    const base = publicBase(c, config);
    const [state, zendesk, live, draft, origins] = await Promise.all([
      launch.state(),
      deps.readiness.now(),
      deps.workflows.live(),
      deps.workflows.draft(),
      listOrigins(db, config.app.id),
    ]);
    const handoff = handoffChoiceOf(live.workflow);
    const needsLive = handoff.mode !== "ticket" && handoff.mode !== "none";
    const liveChatReady = zendesk.conversations.connected && zendesk.conversations.liveChat.available;
    const sites = origins.map((row) => row.origin).filter((origin) => origin !== base);
    const articles = deps.knowledge.current().articles.length;
    const steps: SetupStep[] = [
      {
        id: "zendesk",
        title: "Connect Zendesk",
        done: zendesk.support.connected && (!needsLive || liveChatReady),
        detail: !zendesk.support.connected
          ? "Connect the Zendesk API so conversations become tickets."
          : needsLive && !liveChatReady
            ? "Your hand-off needs live chat: connect the Conversations API with multiple conversations on."
            : `Connected${zendesk.support.source === "environment" ? " (from the server's environment)" : ""}; hand-off: ${handoffLabel(handoff.mode)}.`,
      },
      {
        id: "workflow",
        title: "Build your workflow",
        done: live.version > 0,
        detail: live.version > 0 ? `Version ${live.version}, “${live.workflow.name}”, is live.` : "The built-in default is live: review it, then set your own live.",
      },
      {
        id: "install",
        title: "Install the Messenger",
        done: sites.length > 0,
        detail: sites.length > 0 ? `Seen on ${sites.slice(0, 3).join(", ")}${sites.length > 3 ? ` and ${sites.length - 3} more` : ""}.` : "Not seen on your site yet: paste the code, then open a page.",
      },
      {
        id: "test",
        title: "Test",
        done: state.validatedAt !== null,
        detail: state.validatedAt !== null ? `Zendesk got the requester expected (checked ${state.validatedAt.slice(0, 10)}).` : "Try the Messenger with the test link and validate your setup in Zendesk.",
      },
      {
        id: "live",
        title: "Go live",
        done: state.live,
        detail: state.live ? "Live: the Messenger shows to every visitor." : "Test mode: the Messenger shows only on pages opened with the test link.",
      },
    ];
    return c.json({
      app_id: config.app.id,
      live: state.live,
      test_link: { parameter: TEST_LINK_PARAMETER, token: state.testToken, demo_url: `${base}/?${TEST_LINK_PARAMETER}=${encodeURIComponent(state.testToken)}` },
      sites,
      steps,
      ready: {
        articles,
        workflow: { live_version: live.version, draft_differs: JSON.stringify(draft) !== JSON.stringify(live.workflow) },
        zendesk: zendesk.support.connected,
      },
      zendesk,
    } satisfies SetupState);
  });

  /** "Go live" (`true`) or "Back to test mode" (`false`). */
  api.put("/setup/live", async (c) => {
    const { live } = await readJson(c, LiveSwitch);
    const state = await launch.setLive(live);
    return c.json({ live: state.live } satisfies LiveSwitchResponse);
  });

  /** A new test link: the old one stops showing the Messenger. */
  api.post("/setup/test-link", async (c) => {
    const state = await launch.renewTestLink();
    return c.json({ test_link: { parameter: TEST_LINK_PARAMETER, token: state.testToken } } satisfies TestLinkResponse);
  });

  api.post("/setup/validation", async (c) => {
    const input = await readJson(c, ValidationInput);
    if (!(await deps.supportApi?.())) throw new ApiError(409, "zendesk_connection_failed", "Zendesk is not connected to this server: connect the Zendesk API (step 1) before validating.");
    const now = deps.clock().toISOString();
    const claim = input.user_id !== undefined ? { kind: "user_id" as const, value: input.user_id } : { kind: "email" as const, value: input.email ?? "" };
    // The owner vouches for the user: as a page with a valid user_hash would.
    const { contact } = await upsertContact(
      db,
      { appId: config.app.id, claim, verified: true, visitorId: `console-check-${randomUUID()}` },
      { name: input.name ?? "Setup check", ...(input.email !== undefined && { email: input.email }) },
      { mergeUnverified: false },
      now,
    );
    const result = await deps.conversations.receiveCustomerMessage(contact, null, { client_id: randomUUID(), text: VALIDATION_MESSAGE });
    if (result.kind !== "created") throw new ApiError(500, "internal_error", "The check's conversation could not be started.");
    return c.json({ conversation_id: result.conversation.id, expected: expectedRequester(input) } satisfies ValidationStarted, 201);
  });

  /** The check's outcome: waiting for the ticket, then the requester next to what was expected. */
  api.get("/setup/validation/:conversationId", async (c) => {
    const conversationId = c.req.param("conversationId");
    const conversation = await getConversation(db, conversationId);
    const contact = conversation && (await getContact(db, conversation.contact_id));
    if (!conversation || !contact) throw new ApiError(404, "not_found", `No conversation has the id "${conversationId}".`);
    const expected = expectedRequester({ ...(contact.user_id !== null && { user_id: contact.user_id }), ...(contact.email !== null && { email: contact.email }) });
    const link = await ticketForConversation(db, conversationId);
    const zendesk = link && (await deps.supportApi?.());
    if (!link || !zendesk) return c.json({ status: "waiting", expected } satisfies ValidationResult);
    const user = await zendesk.client.users.show(link.requesterId);
    const requester = { id: user.id, name: user.name, email: user.email, external_id: user.external_id };
    const mismatches = [
      ...(expected.external_id !== null && requester.external_id !== expected.external_id ? ["external_id"] : []),
      ...(expected.email !== null && requester.email?.toLowerCase() !== expected.email ? ["email"] : []),
    ];
    if (mismatches.length === 0) await launch.markValidated();
    const base = zendesk.baseUrl;
    return c.json({
      status: "done",
      expected,
      requester,
      ticket: { id: link.ticketId, url: `${base}/agent/tickets/${link.ticketId}` },
      matches: mismatches.length === 0,
      mismatches,
      // What Parley sends: shown so a mismatch can be told from a Zendesk user that already existed.
      sent: requesterOf(contact),
    } satisfies ValidationResult);
  });

  return api;
}

/** The requester Zendesk should have: external_id ← user_id (lower-cased, as Parley sends it), else found by email. */
function expectedRequester(input: { user_id?: string | undefined; email?: string | undefined }): ExpectedRequester {
  return {
    external_id: input.user_id !== undefined ? input.user_id.trim().toLowerCase() : null,
    email: input.email !== undefined ? input.email.trim().toLowerCase() : null,
  };
}

function handoffLabel(mode: string): string {
  if (mode === "none") return "none in the workflow (a Zendesk ticket when a customer asks for a person)";
  return mode === "live" ? "hand-off to a Zendesk agent" : mode === "situation" ? "determined by situation" : mode === "ticket" ? "Zendesk ticket" : "set per step in the workflow";
}
