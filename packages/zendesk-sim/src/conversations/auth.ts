import { timingSafeEqual } from "node:crypto";
import { decodeProtectedHeader, jwtVerify } from "jose";
import type { ConversationsSettings } from "./model";

/**
 * The Conversations API's two ways to authenticate a server: Basic with the key id as user name
 * and the secret as password, or `Bearer <JWT>` with `kid` = key id in the header, `scope: "app"`
 * in the payload, signed HS256 with the secret. Unsigned (`alg: none`) and otherwise-signed
 * tokens are refused; so is any scope but `app` (the only one a Zendesk app key has).
 */
export async function authenticateConversations(settings: ConversationsSettings, header: string | undefined): Promise<string | null> {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const separator = decoded.indexOf(":");
    if (separator < 0) return "Invalid credentials";
    const ok = same(decoded.slice(0, separator), settings.keyId) && same(decoded.slice(separator + 1), settings.secret);
    return ok ? null : "Invalid credentials";
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (bearer?.[1]) {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(bearer[1]).kid;
    } catch {
      return "Invalid JWT";
    }
    if (kid !== settings.keyId) return "Invalid JWT key id";
    try {
      const { payload } = await jwtVerify(bearer[1], new TextEncoder().encode(settings.secret), { algorithms: ["HS256"] });
      return payload.scope === "app" ? null : "Invalid JWT scope: use app";
    } catch {
      return "Invalid JWT signature";
    }
  }
  return "Authorization is required";
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
