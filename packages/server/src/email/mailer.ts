import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string | undefined;
  /** Threads the emails of one conversation together in the customer's mail client. */
  references?: string | undefined;
}

/** Sends email: over SMTP (`SMTP_URL`), or, without it, into `.eml` files a developer can open. */
export interface Mailer {
  send(email: Email): Promise<void>;
  /** Where mail goes, for the start-up banner. */
  readonly destination: string;
}

export function createMailer(options: { smtpUrl: string | null; dataDir: string; from: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      destination: options.smtpUrl.replace(/\/\/[^@/]*@/, "//***@"),
      async send(email) {
        await transport.sendMail({ from: options.from, ...email });
      },
    };
  }
  const folder = join(options.dataDir, "outbox-mail");
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    destination: `${folder} (.eml files; set SMTP_URL to send them)`,
    async send(email) {
      const info = await transport.sendMail({ from: options.from, ...email });
      await mkdir(folder, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${Math.random().toString(36).slice(2, 8)}.eml`;
      await writeFile(join(folder, name), info.message as Buffer);
    },
  };
}
