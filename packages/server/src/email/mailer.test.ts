import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { composeEmail } from "./agent-reply-notifier";
import { createMailer } from "./mailer";

test("without SMTP_URL, each email is written as an .eml file under DATA_DIR/outbox-mail, and the banner says where", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-mail-"));
  try {
    const mailer = createMailer({ smtpUrl: null, dataDir, from: '"Acme" <no-reply@localhost>' });
    expect(mailer.destination).toContain(join(dataDir, "outbox-mail"));
    await mailer.send(
      composeEmail({ to: "ada@example.com", name: "Ada Lovelace", appName: "Acme", conversationId: "conv_1", replies: [{ author_name: "Sam", text: "Hi <Ada>" }], link: "https://shop.test/" }),
    );
    const files = readdirSync(join(dataDir, "outbox-mail"));
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(dataDir, "outbox-mail", files[0] ?? ""), "utf8");
    expect(eml).toMatch(/^To: ada@example\.com$/m);
    expect(eml).toMatch(/^Subject: Sam replied to your conversation with Acme$/m);
    expect(eml).toContain("Hi &#60;Ada&#62;"); // the HTML part is escaped
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("the SMTP destination is shown without its password", () => {
  const mailer = createMailer({ smtpUrl: "smtp://user:secret@mail.test:587", dataDir: tmpdir(), from: "x@y.z" });
  expect(mailer.destination).toBe("smtp://***@mail.test:587");
});
