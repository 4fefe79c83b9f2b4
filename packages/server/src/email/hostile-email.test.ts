import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findActiveMarkup, XSS_PAYLOADS } from "@parley/protocol/testing/xss";
import { JSDOM } from "jsdom";
import { simpleParser } from "mailparser";
import { afterEach, expect, test } from "vitest";
import { composeEmail } from "./agent-reply-notifier";
import { createMailer } from "./mailer";

// Every hostile payload, as the agent's reply, the agent's name, the customer's name and the app's
// name, goes through the agent-reply email as it is really sent (MIME built by the mailer): the
// HTML part shows it as text and runs or loads nothing; the text part carries it as plain text.

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const LINK = "https://shop.example/";
/** Header fields the email may carry: a payload must not add one (header injection). */
const HEADERS = new Set(["from", "to", "subject", "reply-to", "references", "message-id", "date", "mime-version", "content-type", "content-transfer-encoding"]);

async function sent(payload: string) {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-hostile-mail-"));
  folders.push(dataDir);
  const email = composeEmail({
    to: "ada@example.com",
    name: `${payload} Lovelace`,
    appName: payload,
    conversationId: "conv_hostile",
    replies: [
      { author_name: payload, text: `Here you go: ${payload}\nsecond line ${payload}` },
      { author_name: null, text: payload },
    ],
    link: LINK,
  });
  await createMailer({ smtpUrl: null, dataDir, from: "Acme Support <support@acme.test>" }).send(email);
  const [file] = readdirSync(join(dataDir, "outbox-mail"));
  const raw = readFileSync(join(dataDir, "outbox-mail", file!));
  return { mail: await simpleParser(raw), raw: raw.toString("utf8") };
}

test.each(XSS_PAYLOADS)("an agent's reply email carrying %j shows it as text and runs nothing", async (payload) => {
  const { mail, raw } = await sent(payload);

  // HTML part: no script, handler, frame, form, style or foreign URL; the one link is ours.
  const document = new JSDOM(typeof mail.html === "string" ? mail.html : "").window.document;
  expect(findActiveMarkup(document)).toEqual([]);
  expect(Array.from(document.querySelectorAll("a"), (a) => a.getAttribute("href"))).toEqual([LINK]);
  expect(document.querySelectorAll("img, style, meta, base, link").length).toBe(0);
  // The payload is there, as text, both times the agent wrote it (text nodes keep it whole).
  const shown = (document.body.textContent ?? "").replace(/\s+/g, " ");
  const expected = payload.replace(/\s+/g, " ").trim();
  expect(shown.split(expected).length - 1).toBeGreaterThanOrEqual(3);

  // Text part: plain text, not markup, with the payload as written.
  expect(raw).toMatch(/Content-Type: text\/plain/i);
  expect(mail.text).toContain(`Here you go: ${payload}`);

  // Names in the subject stay inside the subject: no header is added.
  expect([...mail.headers.keys()].filter((name) => !HEADERS.has(name))).toEqual([]);
  expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((to) => to.address) : []).toEqual(["ada@example.com"]);
});
