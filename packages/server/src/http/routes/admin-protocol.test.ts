import {
  ArticleListResponse,
  ArticleResponse,
  CitingQuestionsResponse,
  ContactMergingResponse,
  ConversationOverviewsResponse,
  ExpectedHashResponse,
  HandoffChoice,
  HandoffSettings,
  IdentityResponse,
  InstallationResponse,
  InstallInfo,
  JobListResponse,
  LiveSwitchResponse,
  type PingResponse,
  SetupState,
  type StartConversationResponse,
  TestLinkResponse,
  TimerListResponse,
  Transcript,
  TrustedOriginsResponse,
  VersionedWorkflowResponse,
  WorkflowDraftResponse,
  WorkflowValidation,
  WorkflowVersionResponse,
  WorkflowVersionsResponse,
} from "@parley/protocol";
import { afterEach, beforeEach, expect, test } from "vitest";
import type * as z from "zod/mini";
import { adminCaller, APP_ID, json, type TestParley, testParley } from "../../testing/parley";

// The console parses every answer of the admin API with the protocol's schemas; the routes are
// typed by them, and this reads real answers with them: every field the console expects is there
// with a value of its type, and (parsing keeps only what a schema names) every field sent is one
// the protocol describes.

const TOKEN = "admin-token-for-protocol";
const call = adminCaller(TOKEN);
let server: TestParley;
beforeEach(async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN });
});
afterEach(async () => {
  await server.close();
});

async function answer<T>(method: string, path: string, schema: z.ZodMiniType<T>, body?: unknown): Promise<T> {
  const response = await call(server, method, `/admin/api${path}`, body);
  expect(response.ok, `${method} ${path} answered ${response.status}`).toBe(true);
  const sent: unknown = await response.json();
  const parsed = schema.safeParse(sent);
  expect(parsed.error?.issues ?? [], `${method} ${path}`).toEqual([]);
  expect(parsed.data, `${method} ${path} sent fields the protocol does not describe`).toEqual(sent);
  return parsed.data as T;
}

/** A customer on a shop's page asks one question and, after the AI's reply, tracks an event. */
async function ask(visitor: string, text: string): Promise<string> {
  const page = { Origin: "https://shop.example.com" };
  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitor, user: { email: `${visitor}@example.com` } }, page))).json()) as PingResponse;
  const auth = { ...page, Authorization: `Bearer ${ping.session.token}` };
  const started = (await (await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: `client-${visitor}`, text }, auth))).json()) as StartConversationResponse;
  await server.parley.outbox.idle();
  await server.request(`/v1/apps/${APP_ID}/events`, json({ event_name: "viewed-pricing", metadata: { plan: "pro" } }, auth));
  return started.conversation.id;
}

test("the console's answers about articles and conversations are the protocol's, field for field", async () => {
  const answered = await ask("visitor-0000001", "Which payment methods do you accept?");
  const handedOff = await ask("visitor-0000002", "Do you sell kayaks in Antarctica?");

  expect((await answer("GET", "/articles", ArticleListResponse)).articles.length).toBeGreaterThan(0);
  expect((await answer("GET", "/articles/payment-methods", ArticleResponse)).article.source).toBe("folder");
  expect((await answer("GET", "/articles/payment-methods/questions", CitingQuestionsResponse)).questions).toEqual([
    expect.objectContaining({ conversation_id: answered, question: "Which payment methods do you accept?" }),
  ]);
  expect((await answer("GET", "/conversations", ConversationOverviewsResponse)).conversations.map((conversation) => conversation.id)).toEqual([handedOff, answered]);

  const answer1 = await answer("GET", `/conversations/${answered}`, Transcript);
  expect(answer1.decisions.map((entry) => entry.decision.kind)).toContain("answered");
  expect(answer1.messages[1]?.buttons.length).toBeGreaterThan(0);
  expect(answer1.customer_events.recent.map((event) => event.event_name)).toEqual(["viewed-pricing"]);
  const answer2 = await answer("GET", `/conversations/${handedOff}`, Transcript);
  expect(answer2.decisions.map((entry) => entry.decision.kind)).toContain("handed_off");

  expect((await answer("GET", "/jobs", JobListResponse)).jobs.length).toBeGreaterThan(0);
  await answer("GET", "/timers", TimerListResponse);
});

test("the console's answers about identity, installation, setup, hand-off and the workflow are the protocol's, field for field", async () => {
  await ask("visitor-0000003", "Which payment methods do you accept?");

  await answer("GET", "/identity", IdentityResponse);
  await answer("PUT", "/identity/enforcement", IdentityResponse, { enforce: true });
  await answer("PUT", "/identity/merging", ContactMergingResponse, { merge: true });
  await answer("PUT", "/identity/origins", TrustedOriginsResponse, { allowed_origins: ["https://shop.example.com"] });
  expect((await answer("POST", "/identity/hash", ExpectedHashResponse, { email: "ada@example.com" })).hashed).toBe("email");
  expect((await answer("GET", "/installation", InstallationResponse)).origins.map((site) => site.origin)).toEqual(["https://shop.example.com"]);
  await answer("GET", "/install", InstallInfo);

  const setup = await answer("GET", "/setup", SetupState);
  expect(setup.steps.map((step) => step.title)).toEqual(["Connect Zendesk", "Build your workflow", "Install the Messenger", "Test", "Go live"]);
  await answer("PUT", "/setup/live", LiveSwitchResponse, { live: false });
  await answer("POST", "/setup/test-link", TestLinkResponse, {});
  await answer("GET", "/handoff", HandoffSettings);
  await answer("PUT", "/handoff", HandoffChoice, { mode: "ticket" });

  const draft = await answer("GET", "/workflow/draft", WorkflowDraftResponse);
  await answer("POST", "/workflow/validate", WorkflowValidation, { ...draft.workflow, start: "nowhere" });
  await answer("PUT", "/workflow/draft", WorkflowDraftResponse, { ...draft.workflow, name: "Spring" });
  const published = await answer("POST", "/workflow/publish", VersionedWorkflowResponse);
  await answer("GET", "/workflow/live", VersionedWorkflowResponse);
  await answer("GET", "/workflow/versions", WorkflowVersionsResponse);
  await answer("GET", `/workflow/versions/${published.version}`, WorkflowVersionResponse);
  await answer("POST", "/workflow/rollback", VersionedWorkflowResponse, { version: published.version });
});
