/**
 * How Parley proves who it is to Zendesk. API tokens (Basic) work today but are being sunset
 * (no new tokens from 2026-10-27, all dead 2027-04-30), so OAuth Bearer is the other kind.
 * Password Basic auth is gone from Zendesk and deliberately not offered.
 */
export type ZendeskAuth =
  | { kind: "api_token"; email: string; token: string }
  | { kind: "oauth"; accessToken: string };

/** The `Authorization` header for a request: `Basic base64("{email}/token:{token}")` or `Bearer {accessToken}`. */
export function authorizationHeader(auth: ZendeskAuth): string {
  switch (auth.kind) {
    case "api_token":
      return `Basic ${Buffer.from(`${auth.email}/token:${auth.token}`, "utf8").toString("base64")}`;
    case "oauth":
      return `Bearer ${auth.accessToken}`;
  }
}

/** Why these credentials cannot work, or null when they look usable. Checked once, when a client is made. */
export function authProblem(auth: ZendeskAuth): string | null {
  const values = auth.kind === "api_token" ? { email: auth.email, token: auth.token } : { accessToken: auth.accessToken };
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== "string" || value.trim() === "") return `Zendesk ${auth.kind} auth needs a non-empty ${name}`;
    if (/[\r\n]/.test(value)) return `Zendesk ${auth.kind} auth: ${name} contains a line break`;
  }
  return null;
}
