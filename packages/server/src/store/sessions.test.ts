import { expect, test } from "vitest";
import { upsertContact } from "./contacts";
import { openDatabase } from "./db";
import { createSession, findSessionContact, MAX_SESSION_MS } from "./sessions";

test("a session token opens only its own contact, in its own app, until it expires", async () => {
  const db = await openDatabase({ memory: true });
  const now = new Date("2026-06-01T12:00:00Z");
  const { contact } = await upsertContact(db, { appId: "app", claim: null, verified: false, visitorId: "visitor-01" }, {}, { mergeUnverified: false }, now.toISOString());
  const session = await createSession(db, contact.id, "app", now);

  expect(await findSessionContact(db, session.token, "app", now)).toBe(contact.id);
  expect(await findSessionContact(db, session.token, "other-app", now)).toBeUndefined();
  expect(await findSessionContact(db, `${session.token}x`, "app", now)).toBeUndefined();
  expect(await findSessionContact(db, session.token, "app", new Date(Date.parse(session.expiresAt) + 1))).toBeUndefined();
  // Only the token's hash is stored.
  const stored = await db.selectFrom("sessions").selectAll().execute();
  expect(JSON.stringify(stored)).not.toContain(session.token);
  await db.destroy();
});

test("a page's session_duration shortens the session, never lengthens it past the maximum", async () => {
  const db = await openDatabase({ memory: true });
  const now = new Date("2026-06-01T12:00:00Z");
  const { contact } = await upsertContact(db, { appId: "app", claim: null, verified: false, visitorId: "visitor-02" }, {}, { mergeUnverified: false }, now.toISOString());
  const short = await createSession(db, contact.id, "app", now, 5 * 60_000);
  expect(short.expiresAt).toBe("2026-06-01T12:05:00.000Z");
  expect(await findSessionContact(db, short.token, "app", new Date("2026-06-01T12:06:00Z"))).toBeUndefined();
  const long = await createSession(db, contact.id, "app", now, 365 * 86_400_000);
  expect(Date.parse(long.expiresAt) - now.getTime()).toBe(MAX_SESSION_MS);
  await db.destroy();
});
