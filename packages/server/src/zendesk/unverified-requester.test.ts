import type { PingResponse } from "@parley/protocol";
import { createSimulator, type Simulator } from "@parley/zendesk-sim";
import { createHmac } from "node:crypto";
import { afterEach, expect, test, vi } from "vitest";
import { APP_ID, IDENTITY_SECRET, json, type TestParley, testParley } from "../testing/parley";
import { simulatorFetch, simulatorSupportEnv, supportApi } from "./test-support";

// A whole Parley and a simulator per test: a few seconds on a busy two-core machine.
vi.setConfig({ testTimeout: 20_000 });

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const userHash = (userId: string) => createHmac("sha256", IDENTITY_SECRET).update(userId).digest("hex");

/** Parley on the simulator, whose Zendesk already knows Ada, the site's real customer. */
async function setup(): Promise<{ sim: Simulator; ada: any }> {
  const sim = createSimulator();
  const { user: ada } = await supportApi(sim, "POST", "users/create_or_update.json", {
    user: { name: "Ada Lovelace", email: "ada@example.com", external_id: "ada-42", role: "end-user" },
  });
  server = await testParley(simulatorSupportEnv(), { fetch: simulatorFetch(sim) });
  return { sim, ada };
}

/** A ping as `user`, a question the AI cannot answer (so the team gets it), and the ticket Zendesk has then. */
async function askAs(sim: Simulator, user: Record<string, string>, visitorId: string) {
  const ping = (await (await server!.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitorId, user }))).json()) as PingResponse;
  const started = await server!.request(
    `/v1/apps/${APP_ID}/conversations`,
    json({ client_id: `client-${visitorId}`, text: "Can I bring my dog to your store?" }, { Authorization: `Bearer ${ping.session.token}` }),
  );
  expect(started.status).toBe(201);
  await server!.parley.outbox.idle();
  const { conversation } = (await started.json()) as { conversation: { id: string } };
  const [ticket] = (await supportApi(sim, "GET", `tickets.json?external_id=${conversation.id}`)).tickets;
  const { comments } = await supportApi(sim, "GET", `tickets/${ticket.id}/comments.json`);
  return { ticket, comments: comments as { body: string; public: boolean }[], requester: (await supportApi(sim, "GET", `users/${ticket.requester_id}.json`)).user };
}

test("an unverified ping naming a real customer files its ticket under a Zendesk user of its own, and leaves the customer untouched", async () => {
  const { sim, ada } = await setup();
  const { ticket, comments, requester } = await askAs(sim, { user_id: "Ada-42", email: "ada@example.com", name: "Mallory" }, "visitor-mallory-1");

  expect(ticket.requester_id).not.toBe(ada.id);
  expect(requester.external_id).toMatch(/^parley-contact:/);
  expect(requester.email).toBeNull();
  expect(requester.name).toBe("Mallory (unverified)");
  // Ada is as she was: not renamed, her email and external id hers alone.
  expect((await supportApi(sim, "GET", `users/${ada.id}.json`)).user).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com", external_id: "ada-42" });
  expect((await supportApi(sim, "GET", `tickets.json`)).tickets.filter((each: any) => each.requester_id === ada.id)).toEqual([]);
  // Triggers can route on it, and the team's hand-off note says who they claim to be, unchecked.
  expect(ticket.tags).toContain("parley_unverified");
  const note = comments.find((comment) => !comment.public && comment.body.includes("Identity NOT verified"));
  expect(note?.body).toContain("- email: ada@example.com");
  expect(note?.body).toContain("- user_id: Ada-42");
});

test("an unverified ping naming only an email does not reach the Zendesk user with that email", async () => {
  const { sim, ada } = await setup();
  const { ticket, requester } = await askAs(sim, { email: "ADA@example.com", name: "Mallory" }, "visitor-mallory-2");

  expect(ticket.requester_id).not.toBe(ada.id);
  expect(requester.email).toBeNull();
  expect((await supportApi(sim, "GET", `users/${ada.id}.json`)).user).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com" });
});

test("a verified ping still lands on the customer's own Zendesk user (external_id = user_id), with no unverified tag or note", async () => {
  const { sim, ada } = await setup();
  const { ticket, comments } = await askAs(sim, { user_id: "Ada-42", email: "ada@example.com", name: "Ada Lovelace", user_hash: userHash("Ada-42") }, "visitor-ada-1");

  expect(ticket.requester_id).toBe(ada.id);
  expect(ticket.tags).not.toContain("parley_unverified");
  expect(comments.some((comment) => comment.body.includes("Identity NOT verified"))).toBe(false);
});

test("an anonymous visitor keeps an identity of its own, untagged", async () => {
  const { sim } = await setup();
  const ping = (await (await server!.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-anon-0001", user: {} }))).json()) as PingResponse;
  await server!.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-anon-0001", text: "Can I bring my dog to your store?" }, { Authorization: `Bearer ${ping.session.token}` }));
  await server!.parley.outbox.idle();
  const [ticket] = (await supportApi(sim, "GET", "tickets.json")).tickets;
  expect((await supportApi(sim, "GET", `users/${ticket.requester_id}.json`)).user.external_id).toBe("parley-visitor-visitor-anon-0001");
  expect(ticket.tags).not.toContain("parley_unverified");
});
