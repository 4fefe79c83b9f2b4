import { type Contact, isAnonymous } from "../store/contacts";
import type { ZendeskUserInput } from "./schemas";

/**
 * The tag on every ticket (and live hand-off) of a customer who named someone without proving it,
 * so Zendesk triggers and views can route or warn on it.
 */
export const UNVERIFIED_TAG = "parley_unverified";

/**
 * A contact that names a user (user_id or email) without a valid user_hash or JWT: a verified
 * contact proved who it is, an anonymous visitor claims no one.
 */
export function isUnverifiedClaim(contact: Contact): boolean {
  return contact.verified !== 1 && !isAnonymous(contact);
}

/**
 * The Zendesk user a contact becomes. A verified user is found by external id (the host's user_id,
 * lower-cased as Zendesk stores it), else by email; an anonymous visitor gets an identity of its own.
 * A contact whose claim is unproven gets a Zendesk user keyed by Parley's own contact id, with
 * neither the claimed email nor user_id: Zendesk's create-or-update matches by either and would
 * otherwise file the ticket under that real user and rename them.
 */
export function requesterOf(contact: Contact): ZendeskUserInput {
  const name = contact.name ?? contact.email?.split("@")[0] ?? `Website visitor ${contact.id.slice(-6)}`;
  const base = { name, role: "end-user" as const, skip_verify_email: true };
  if (isUnverifiedClaim(contact)) {
    return { ...base, name: `${name} (unverified)`, external_id: `parley-contact:${contact.id.toLowerCase()}` };
  }
  if (contact.user_id !== null) {
    return { ...base, external_id: contact.user_id.trim().toLowerCase(), ...(contact.email && { email: contact.email }) };
  }
  if (contact.email !== null) return { ...base, email: contact.email };
  return { ...base, external_id: `parley-visitor-${(contact.visitor_id ?? contact.id).toLowerCase()}` };
}

/**
 * For the team's notes: who an unverified customer says they are, and that nobody checked it.
 * Null for verified contacts and anonymous visitors.
 */
export function unverifiedIdentityNote(contact: Contact): string | null {
  if (!isUnverifiedClaim(contact)) return null;
  const claims = [
    ...(contact.name ? [`- name: ${contact.name}`] : []),
    ...(contact.email ? [`- email: ${contact.email}`] : []),
    ...(contact.user_id ? [`- user_id: ${contact.user_id}`] : []),
  ];
  return [
    "Identity NOT verified: the Messenger had no valid user_hash or JWT for this customer, so Parley filed the conversation under a Zendesk user of its own, not the user they name.",
    claims.length > 0 ? `They say they are (unchecked):\n${claims.join("\n")}` : "They named a user Parley has seen verified before; this browser could not prove it.",
    "Confirm who they are before sharing or changing anything of that account.",
  ].join("\n");
}
