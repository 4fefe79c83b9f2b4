import type { Attributes } from "@parley/protocol";
import type { AttributeValue, ContactFacts } from "../workflow";
import type { Db } from "./db";
import { newId } from "./ids";
import type { ContactsTable } from "./schema";

export type Contact = ContactsTable;

/** Who a ping says the person is: an identified user, or an anonymous visitor of this browser. */
export interface ContactIdentity {
  appId: string;
  userId: string | null;
  email: string | null;
  visitorId: string;
}

export interface ContactDetails {
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  attributes?: Attributes | undefined;
  verified: boolean;
}

/**
 * Finds the contact a ping is about, creating it on first sight, and records what the ping told us.
 * Users are found by user_id, else by email; visitors by their browser's visitor id.
 */
export async function upsertContact(db: Db, who: ContactIdentity, details: ContactDetails, now: string): Promise<Contact> {
  const existing = await findContact(db, who);
  if (existing) {
    const attributes = { ...parseAttributes(existing.attributes), ...details.attributes };
    const changes = {
      name: details.name ?? existing.name,
      email: details.email ?? existing.email,
      phone: details.phone ?? existing.phone,
      attributes: JSON.stringify(attributes),
      verified: details.verified ? 1 : 0,
      updated_at: now,
    };
    await db.updateTable("contacts").set(changes).where("id", "=", existing.id).execute();
    return { ...existing, ...changes };
  }
  const contact: Contact = {
    id: newId("contact"),
    app_id: who.appId,
    user_id: who.userId,
    email: details.email ?? who.email,
    visitor_id: who.userId === null && who.email === null ? who.visitorId : null,
    name: details.name ?? null,
    phone: details.phone ?? null,
    attributes: JSON.stringify(details.attributes ?? {}),
    verified: details.verified ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("contacts").values(contact).execute();
  return contact;
}

async function findContact(db: Db, who: ContactIdentity): Promise<Contact | undefined> {
  const query = db.selectFrom("contacts").selectAll().where("app_id", "=", who.appId);
  if (who.userId !== null) return query.where("user_id", "=", who.userId).executeTakeFirst();
  if (who.email !== null) {
    return query.where("user_id", "is", null).where("email", "=", who.email).orderBy("created_at").executeTakeFirst();
  }
  return query.where("visitor_id", "=", who.visitorId).executeTakeFirst();
}

export async function getContact(db: Db, id: string): Promise<Contact | undefined> {
  return db.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();
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
