import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The Reply-To of a conversation's emails: `reply+{conversation id}.{signature}@{domain}`. The
 * signature (HMAC with the server's secret) means nobody can write into a conversation by
 * guessing its id.
 */
export function replyAddress(conversationId: string, secret: string, domain: string): string {
  return `reply+${conversationId}.${signature(conversationId, secret)}@${domain}`;
}

/**
 * The conversation a reply address belongs to, or null when it is not one of ours or its signature
 * is wrong. Signed with any of `secrets`: during a rotation, addresses in emails sent before it
 * still work until the old secret is retired.
 */
export function conversationOfReplyAddress(address: string, secrets: readonly string[]): string | null {
  const match = /^reply\+([A-Za-z0-9_-]+)\.([0-9a-f]{20})@/i.exec(address.trim());
  if (!match?.[1] || !match[2]) return null;
  const conversationId = match[1];
  const given = Buffer.from(match[2].toLowerCase());
  const signedWith = (secret: string) => {
    const expected = Buffer.from(signature(conversationId, secret));
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  return secrets.some(signedWith) ? conversationId : null;
}

function signature(conversationId: string, secret: string): string {
  return createHmac("sha256", secret).update(`email-reply:${conversationId}`).digest("hex").slice(0, 20);
}

/**
 * What the customer wrote in a reply, without the quoted email below it: everything before the
 * first "On … wrote:" line, "-----Original Message-----", a "From:" header block, or quoted lines.
 */
export function visibleReply(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const kept: string[] = [];
  for (const [index, line] of lines.entries()) {
    const next = lines[index + 1]?.trim() ?? "";
    // Mail clients wrap "On <date>, <sender> wrote:" over two lines when it is long.
    const attribution = /^On .+wrote:\s*$/i.test(line.trim()) || (/^On\s/i.test(line.trim()) && /wrote:\s*$/i.test(next));
    if (/^\s*>/.test(line) || attribution || /^-{2,}\s*Original Message\s*-{2,}$/i.test(line.trim()) || /^From:\s/.test(line)) break;
    kept.push(line);
  }
  return kept.join("\n").replace(/\n?--\s*\n[\s\S]*$/, "").trim();
}
