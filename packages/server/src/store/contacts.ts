import type { Attributes } from "@parley/protocol";
import type { AttributeValue, ContactFacts } from "../workflow";
import type { Db } from "./db";
import { newId } from "./ids";
import type { ContactsTable } from "./schema";

export type Contact = ContactsTable;

/** Who a ping says the person is, and whether it proved it. */
export interface ContactIdentity {
  appId: string;
  /** The user_id, else the email, the ping names; null for an anonymous visitor. */
  claim: { kind: "user_id" | "email"; value: string } | null;
  /** True when the ping carried a valid user_hash or JWT for the claim. */
  verified: boolean;
  visitorId: string;
}

export interface ContactDetails {
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  attributes?: Attributes | undefined;
}

export interface ContactPolicy {
  /**
   * A verified ping takes over the unverified contact of the same user (and its conversations).
   * Off by default: anyone could have made that contact by naming the user.
   */
  mergeUnverified: boolean;
}

export interface FoundContact {
  contact: Contact;
  /**
   * "separated": the ping named a user seen verified before without proving it, so it got a contact
   * of its own that holds none of that user's conversations.
   */
  outcome: "found" | "created" | "separated";
}

/**
 * Custom attributes one contact keeps from its pings (Intercom allows 250 per workspace). Each ping
 * may send 100; past this, new names are not kept, while ones the contact has keep being updated:
 * otherwise a client could grow a contact without end, a hundred names a ping.
 */
export const MAX_CONTACT_ATTRIBUTES = 250;

type Key = readonly (string | null)[];
const keyOf = (parts: Key) => JSON.stringify(parts);

/**
 * Finds the contact a ping is about, creating it on first sight, and records what the ping told us.
 * Verified users, unverified users and anonymous visitors are kept apart by their identity key; an
 * unverified ping naming a user once seen verified gets a separate contact for this browser.
 * Safe when two first pings for one person arrive together: the insert yields to the other.
 */
export async function upsertContact(db: Db, who: ContactIdentity, details: ContactDetails, policy: ContactPolicy, now: string): Promise<FoundContact> {
  const { claim } = who;
  if (claim === null) return findOrCreate(db, who.appId, ["visitor", who.visitorId], null, details, 0, now);

  const verifiedKey = ["verified", claim.kind, claim.value];
  const unverifiedKey = ["unverified", claim.kind, claim.value];
  if (who.verified) {
    if (policy.mergeUnverified) {
      // The owner allows it: what was said unverified about this user, and what this browser said
      // as an anonymous visitor, becomes the verified user's.
      await takeOver(db, who.appId, unverifiedKey, verifiedKey, claim, now);
      await takeOver(db, who.appId, ["visitor", who.visitorId], verifiedKey, claim, now);
    }
    return findOrCreate(db, who.appId, verifiedKey, claim, details, 1, now);
  }
  if (await findByKey(db, who.appId, verifiedKey)) {
    const separated = await findOrCreate(db, who.appId, ["separated", claim.kind, claim.value, who.visitorId], null, details, 0, now);
    return { contact: separated.contact, outcome: "separated" };
  }
  return findOrCreate(db, who.appId, unverifiedKey, claim, details, 0, now);
}

/**
 * Merges the contact under `from` into the verified user: it becomes that user when they have no
 * contact yet, else its conversations move to theirs. Its sessions end either way: whoever made
 * them never proved to be this user, and must not read the verified user's conversations with them.
 */
async function takeOver(db: Db, appId: string, from: Key, verifiedKey: Key, claim: NonNullable<ContactIdentity["claim"]>, now: string): Promise<void> {
  const old = await findByKey(db, appId, from);
  if (!old) return;
  await db.deleteFrom("sessions").where("contact_id", "=", old.id).execute();
  const target = await findByKey(db, appId, verifiedKey);
  if (!target) {
    // Conditional on the old key, so two verified pings racing here promote it once.
    await db
      .updateTable("contacts")
      .set({
        identity_key: keyOf(verifiedKey),
        verified: 1,
        user_id: claim.kind === "user_id" ? claim.value : old.user_id,
        // Who the person is comes from the proof and the verified ping's own details, never from
        // what an unproven ping said: agent replies are emailed to this address, and tickets
        // name it as the requester.
        email: claim.kind === "email" ? claim.value : null,
        name: null,
        phone: null,
        updated_at: now,
      })
      .where("id", "=", old.id)
      .where("identity_key", "=", keyOf(from))
      .execute();
    return;
  }
  if (target.id === old.id) return;
  await db.updateTable("conversations").set({ contact_id: target.id }).where("contact_id", "=", old.id).execute();
  await db.updateTable("messages").set({ contact_id: target.id }).where("contact_id", "=", old.id).execute();
}

async function findOrCreate(
  db: Db,
  appId: string,
  key: Key,
  claim: ContactIdentity["claim"],
  details: ContactDetails,
  verified: 0 | 1,
  now: string,
): Promise<{ contact: Contact; outcome: "found" | "created" }> {
  const identityKey = keyOf(key);
  const fresh: Contact = {
    id: newId("contact"),
    app_id: appId,
    // A separated contact claims nothing: it must not reach the user's Zendesk requester either.
    user_id: claim?.kind === "user_id" ? claim.value : null,
    email: details.email ?? (claim?.kind === "email" ? claim.value : null),
    visitor_id: key[0] === "visitor" ? key[1] ?? null : null,
    name: details.name ?? null,
    phone: details.phone ?? null,
    attributes: JSON.stringify(details.attributes ?? {}),
    verified,
    identity_key: identityKey,
    created_at: now,
    updated_at: now,
  };
  if (key[0] === "separated") fresh.email = null;
  const inserted = await db
    .insertInto("contacts")
    .values(fresh)
    .onConflict((oc) => oc.columns(["app_id", "identity_key"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return { contact: fresh, outcome: "created" };

  const existing = await findByKey(db, appId, key);
  // Pruned (an idle visitor who never wrote) between the insert and the read: make it afresh.
  if (!existing) return findOrCreate(db, appId, key, claim, details, verified, now);
  const attributes = withinCap(parseAttributes(existing.attributes), details.attributes ?? {});
  const changes = {
    name: details.name ?? existing.name,
    email: key[0] === "separated" ? null : (details.email ?? existing.email),
    phone: details.phone ?? existing.phone,
    attributes: JSON.stringify(attributes),
    updated_at: now,
  };
  const updated = await db.updateTable("contacts").set(changes).where("id", "=", existing.id).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return findOrCreate(db, appId, key, claim, details, verified, now);
  return { contact: { ...existing, ...changes }, outcome: "found" };
}

async function findByKey(db: Db, appId: string, key: Key): Promise<Contact | undefined> {
  return db.selectFrom("contacts").selectAll().where("app_id", "=", appId).where("identity_key", "=", keyOf(key)).executeTakeFirst();
}

/** A visitor who named nobody: allowed whatever the identity rules. */
export function isAnonymous(contact: Pick<Contact, "identity_key">): boolean {
  return contact.identity_key.startsWith('["visitor"');
}

export async function getContact(db: Db, id: string): Promise<Contact | undefined> {
  return db.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();
}

function withinCap(kept: Record<string, unknown>, sent: Attributes): Record<string, unknown> {
  const merged = { ...kept };
  let count = Object.keys(merged).length;
  for (const [name, value] of Object.entries(sent)) {
    if (!Object.hasOwn(merged, name)) {
      if (count >= MAX_CONTACT_ATTRIBUTES) continue;
      count++;
    }
    merged[name] = value;
  }
  return merged;
}

function parseAttributes(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Keeps what a workflow collected on the contact, with its custom attributes. The contact's own
 * email stays as the host page said: it is part of who the contact is (and of their Zendesk identity).
 */
export async function keepCollected(db: Db, contactId: string, values: Record<string, AttributeValue>, now: string): Promise<void> {
  const contact = await getContact(db, contactId);
  if (!contact) return;
  const attributes = { ...parseAttributes(contact.attributes), ...values };
  await db.updateTable("contacts").set({ attributes: JSON.stringify(attributes), updated_at: now }).where("id", "=", contactId).execute();
}

/** What workflow conditions may know of a contact: its fields, custom attributes, and its company's (`company_<name>` attributes). */
export function contactFacts(contact: Contact): ContactFacts {
  const custom: Record<string, AttributeValue | null> = {};
  const company: Record<string, AttributeValue | null> = {};
  for (const [key, value] of Object.entries(parseAttributes(contact.attributes))) {
    if (value !== null && typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") continue;
    if (key.startsWith("company_")) company[key.slice("company_".length)] = value;
    else custom[key] = value;
  }
  return { email: contact.email, name: contact.name, userId: contact.user_id, custom, company };
}
