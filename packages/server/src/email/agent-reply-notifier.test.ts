import type { AddressInfo } from "node:net";
import type { PingResponse } from "@parley/protocol";
import { createSimulator } from "@parley/zendesk-sim";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";

const SIM = "http://sim.test";
const AGENT_AUTH = `Basic ${Buffer.from("agent@sim.zendesk.test/token:sim-token").toString("base64")}`;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A real SMTP server on a free port; what it receives, parsed. */
async function smtpSink(): Promise<{ url: string; received: ParsedMail[] }> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, received };
}

async function setup() {
  const smtp = await smtpSink();
  // One clock for Parley and the simulator, so signed webhooks stay fresh as time moves on.
  let now = new Date();
  let server: TestParley | undefined;
  const sim = createSimulator({
    now: () => now,
    webhookRetryDelaysMs: [20],
    fetch: async (input, init) => (server ? server.parley.app.fetch(new Request(`http://localhost:8787${new URL(String(input)).pathname}`, init)) : new Response("", { status: 503 })),
  });
  server = await testParley(
    { ZENDESK_BASE_URL: SIM, ZENDESK_EMAIL: "agent@sim.zendesk.test", ZENDESK_API_TOKEN: "sim-token", PARLEY_PUBLIC_URL: "http://localhost:8787", SMTP_URL: smtp.url, PARLEY_EMAIL_FROM: "Acme Support <support@acme.test>" },
    { fetch: async (input, init) => sim.fetch(new Request(input, init)), clock: () => now },
  );
  cleanup.push(() => server.close());
  await server.parley.zendeskReady;

  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-mail-001", user: { user_id: "mail-1", name: "Ada Lovelace", email: "ada@example.com" } }))).json()) as PingResponse;
  const headers = { Authorization: `Bearer ${ping.session.token}` };
  await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-mail-0001", text: "Can I bring my dog to your store?" }, headers));
  await server.parley.outbox.idle();
  const ticket = ((await (await sim.fetch(new Request(`${SIM}/api/v2/tickets.json`, { headers: { Authorization: AGENT_AUTH } }))).json()) as any).tickets[0];

  const target = server;
  return {
    smtp,
    parley: target,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
    async agentReplies(text: string) {
      await sim.fetch(new Request(`${SIM}/agent/tickets/${ticket.id}/comments`, { method: "POST", body: new URLSearchParams({ body: text, status: "open" }), redirect: "manual" }));
      await sim.idle();
      await target.parley.outbox.idle();
    },
    /** The customer opens the Messenger: a stream that stays open until `close`. */
    async openMessenger() {
      const response = await target.request(`/v1/apps/${APP_ID}/stream`, { headers });
      const reader = response.body!.getReader();
      await Promise.race([reader.read(), new Promise((resolve) => setTimeout(resolve, 300))]);
      return () => reader.cancel();
    },
  };
}

test("replies to an offline customer within two minutes become one email over SMTP; a customer back in the Messenger gets none", async () => {
  const { smtp, parley, advance, agentReplies, openMessenger } = await setup();

  await agentReplies("Dogs on a leash are welcome.");
  advance(30_000);
  await agentReplies("Water bowls are by the door.");
  await parley.parley.notifier.sendDue();
  expect(smtp.received).toHaveLength(0); // still inside the two minutes

  advance(2 * 60_000);
  await parley.parley.notifier.sendDue();
  expect(smtp.received).toHaveLength(1);
  const [mail] = smtp.received;
  expect(mail?.to).toMatchObject({ text: "ada@example.com" });
  expect(mail?.from?.value[0]).toMatchObject({ name: "Acme Support", address: "support@acme.test" });
  expect(mail?.subject).toBe("Alex replied to your conversation with Acme Outfitters");
  expect(mail?.text).toContain("Alex: Dogs on a leash are welcome.");
  expect(mail?.text).toContain("Alex: Water bowls are by the door.");
  expect(mail?.text).toMatch(/Continue the conversation: http/);

  // Nothing new: nothing sent again.
  advance(5 * 60_000);
  await parley.parley.notifier.sendDue();
  expect(smtp.received).toHaveLength(1);

  // A reply, but the customer opens the Messenger before the email goes: they read it there.
  await agentReplies("Anything else?");
  const close = await openMessenger();
  advance(3 * 60_000);
  await parley.parley.notifier.sendDue();
  await close();
  expect(smtp.received).toHaveLength(1);
});

test("a customer with the Messenger open gets no email at all", async () => {
  const { smtp, parley, advance, agentReplies, openMessenger } = await setup();
  const close = await openMessenger();
  await agentReplies("Dogs on a leash are welcome.");
  const shown = await parley.parley.db.selectFrom("messages").select("text").where("author_type", "=", "agent").execute();
  expect(shown.map((message) => message.text)).toEqual(["Dogs on a leash are welcome."]);
  advance(3 * 60_000);
  await parley.parley.notifier.sendDue();
  await close();
  expect(smtp.received).toHaveLength(0);
});
