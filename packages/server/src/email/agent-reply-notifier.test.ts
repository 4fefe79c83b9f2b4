import type { AddressInfo } from "node:net";
import type { PingResponse } from "@parley/protocol";
import { createSimulator } from "@parley/zendesk-sim";
import { type ParsedMail, simpleParser } from "mailparser";
import MailComposer from "nodemailer/lib/mail-composer";
import { SMTPServer } from "smtp-server";
import { afterEach, expect, test, vi } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";
import { SIMULATOR_URL, simulatorFetch, simulatorSupportEnv, supportApi } from "../zendesk/test-support";

// A whole Parley and a simulator per test: a few seconds on a busy two-core machine.
vi.setConfig({ testTimeout: 20_000 });

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

async function setup(extraEnv: Record<string, string> = {}) {
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
    { ...simulatorSupportEnv(), PARLEY_PUBLIC_URL: "http://localhost:8787", SMTP_URL: smtp.url, PARLEY_EMAIL_FROM: "Acme Support <support@acme.test>", ...extraEnv },
    { fetch: simulatorFetch(sim), clock: () => now },
  );
  cleanup.push(() => server.close());
  await server.parley.zendeskReady;

  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-mail-001", user: { user_id: "mail-1", name: "Ada Lovelace", email: "ada@example.com" } }))).json()) as PingResponse;
  const headers = { Authorization: `Bearer ${ping.session.token}` };
  await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-mail-0001", text: "Can I bring my dog to your store?" }, headers));
  await server.parley.outbox.idle();
  const ticket = (await supportApi(sim, "GET", "tickets.json")).tickets[0];

  const target = server;
  return {
    smtp,
    sim,
    ticket,
    parley: target,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
    async agentReplies(text: string) {
      await sim.fetch(new Request(`${SIMULATOR_URL}/agent/tickets/${ticket.id}/comments`, { method: "POST", body: new URLSearchParams({ body: text, status: "open" }), redirect: "manual" }));
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

/** A raw MIME email, as a mail relay hands it over. */
async function rawEmail(fields: { from: string; to: string; text: string; messageId: string }): Promise<Buffer> {
  return new MailComposer({ ...fields, subject: "Re: Alex replied to your conversation with Acme Outfitters" }).compile().build();
}

test("the customer answers the email: the Reply-To brings the answer into the conversation and onto the ticket, once", async () => {
  const env = { PARLEY_EMAIL_REPLY_DOMAIN: "reply.acme.test", PARLEY_INBOUND_EMAIL_SECRET: "inbound-secret-0123456789" };
  const { smtp, sim, ticket, parley, advance, agentReplies } = await setup(env);
  await agentReplies("Dogs on a leash are welcome.");
  advance(3 * 60_000);
  await parley.parley.notifier.sendDue();
  const replyTo = smtp.received[0]?.replyTo?.value[0]?.address ?? "";
  expect(replyTo).toMatch(/^reply\+conv_[A-Za-z0-9_-]+\.[0-9a-f]{20}@reply\.acme\.test$/);

  const post = (body: Buffer, token = env.PARLEY_INBOUND_EMAIL_SECRET) =>
    parley.request("/webhooks/email", { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "message/rfc822" }, body: new Uint8Array(body) });
  const answer = await rawEmail({
    from: "Ada Lovelace <ada@example.com>",
    to: replyTo,
    messageId: "<answer-1@mail.example.com>",
    text: "Great, thank you! Is a big dog fine too?\n\nOn Mon, Nov 30, 2026 at 10:02 AM Acme Support <support@acme.test> wrote:\n> Alex: Dogs on a leash are welcome.",
  });
  expect((await post(answer, "wrong-secret-0123456789")).status).toBe(401);
  expect(((await (await post(answer)).json()) as any).status).toBe("created");
  expect(((await (await post(answer)).json()) as any).status).toBe("replayed");
  await parley.parley.outbox.idle();

  const messages = await parley.parley.db.selectFrom("messages").select(["author_type", "text"]).where("author_type", "=", "customer").execute();
  expect(messages.map((message) => message.text)).toEqual(["Can I bring my dog to your store?", "Great, thank you! Is a big dog fine too?"]);
  const comments = (await supportApi(sim, "GET", `tickets/${ticket.id}/comments.json`)).comments;
  const onTicket = comments.filter((comment: any) => comment.body === "Great, thank you! Is a big dog fine too?");
  expect(onTicket).toHaveLength(1);
  expect(onTicket[0].author_id).toBe(ticket.requester_id);

  // Someone else, or a made-up address, cannot write into the conversation.
  const stranger = await rawEmail({ from: "eve@example.com", to: replyTo, messageId: "<x@evil.test>", text: "hi" });
  expect((await post(stranger)).status).toBe(403);
  const forged = await rawEmail({ from: "ada@example.com", to: replyTo.replace(/\.[0-9a-f]{20}@/, ".0123456789abcdef0123@"), messageId: "<y@mail.example.com>", text: "hi" });
  expect((await post(forged)).status).toBe(404);
});
