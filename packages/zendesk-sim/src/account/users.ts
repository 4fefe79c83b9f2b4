import { z } from "zod";
import { RecordErrors } from "./errors";
import { ExternalId, LooseBoolean, TagsInput, parseRecord } from "./input";
import { USER_ROLES, type UserRecord, type UserRole } from "./state";
import type { AccountStore } from "./store";

/** The writable properties of a user, as `POST /users…` accepts them. */
export const UserInput = z.looseObject({
  name: z.string().optional(),
  email: z.string().nullable().optional(),
  external_id: ExternalId.optional(),
  role: z.string().optional(),
  verified: LooseBoolean.optional(),
  skip_verify_email: LooseBoolean.optional(),
  phone: z.string().nullable().optional(),
  locale: z.string().optional(),
  time_zone: z.string().optional(),
  details: z.string().nullable().optional(),
  notes: z.string().nullable().optional(),
  organization_id: z.number().int().nullable().optional(),
  tags: TagsInput.optional(),
  user_fields: z.record(z.string(), z.unknown()).optional(),
});
export type UserInput = z.output<typeof UserInput>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `POST /users/create_or_update`: updates the user matched by external id, else by email. */
export function createOrUpdateUser(
  store: AccountStore,
  raw: unknown,
  now: string,
): { user: UserRecord; created: boolean } {
  const input = parseRecord(UserInput, raw);
  const existing =
    (input.external_id ? store.userByExternalId(input.external_id) : undefined) ??
    (input.email ? store.userByEmail(input.email) : undefined);
  if (existing) return { user: updateUser(store, existing, input, now), created: false };
  return { user: createUser(store, input, now), created: true };
}

/** Creates a user; `name` is required, the role defaults to end-user. */
export function createUser(store: AccountStore, input: UserInput, now: string): UserRecord {
  const errors = new RecordErrors();
  const name = input.name?.trim() ?? "";
  if (name === "") errors.add("name", "Name:  is too short (minimum one character)");
  const email = checkedEmail(store, input.email, undefined, errors);
  const role = checkedRole(input.role, errors);
  const externalId = checkedExternalId(store, input.external_id, undefined, errors);
  errors.throwIfAny();

  const user: UserRecord = {
    id: store.nextId("user"),
    name,
    email: email ?? null,
    external_id: externalId ?? null,
    role: role ?? "end-user",
    verified: input.verified ?? false,
    active: true,
    phone: input.phone ?? null,
    locale: input.locale ?? "en-US",
    time_zone: input.time_zone ?? "UTC",
    organization_id: input.organization_id ?? null,
    details: input.details ?? "",
    notes: input.notes ?? "",
    tags: input.tags ?? [],
    user_fields: input.user_fields ?? {},
    created_at: now,
    updated_at: now,
  };
  store.users.set(user.id, user);
  return user;
}

function updateUser(store: AccountStore, user: UserRecord, input: UserInput, now: string): UserRecord {
  const errors = new RecordErrors();
  const email = checkedEmail(store, input.email, user, errors);
  const role = checkedRole(input.role, errors);
  const externalId = checkedExternalId(store, input.external_id, user, errors);
  if (input.name !== undefined && input.name.trim() === "") {
    errors.add("name", "Name:  is too short (minimum one character)");
  }
  errors.throwIfAny();

  const updated: UserRecord = {
    ...user,
    name: input.name?.trim() ?? user.name,
    // Zendesk keeps the external id in the case of the latest request that sent it.
    external_id: externalId === undefined ? user.external_id : externalId,
    email: email === undefined ? user.email : email,
    role: role ?? user.role,
    verified: input.verified ?? user.verified,
    phone: input.phone === undefined ? user.phone : input.phone,
    locale: input.locale ?? user.locale,
    time_zone: input.time_zone ?? user.time_zone,
    organization_id: input.organization_id === undefined ? user.organization_id : input.organization_id,
    details: input.details === undefined ? user.details : (input.details ?? ""),
    notes: input.notes === undefined ? user.notes : (input.notes ?? ""),
    tags: input.tags ?? user.tags,
    user_fields: input.user_fields ? { ...user.user_fields, ...input.user_fields } : user.user_fields,
  };
  const changed = JSON.stringify({ ...updated, updated_at: "" }) !== JSON.stringify({ ...user, updated_at: "" });
  if (changed) updated.updated_at = now;
  store.users.set(user.id, updated);
  return updated;
}

function checkedEmail(
  store: AccountStore,
  email: string | null | undefined,
  self: UserRecord | undefined,
  errors: RecordErrors,
): string | null | undefined {
  if (email === undefined || email === null) return email;
  const normalized = email.trim().toLowerCase();
  if (!EMAIL.test(normalized)) {
    errors.add("email", `Email: ${email} is not properly formatted`, "InvalidFormat");
    return undefined;
  }
  const owner = store.userByEmail(normalized);
  if (owner && owner.id !== self?.id) {
    errors.add("email", `Email: ${normalized} is already being used by another user`, "DuplicateValue");
  }
  return normalized;
}

function checkedExternalId(
  store: AccountStore,
  externalId: string | null | undefined,
  self: UserRecord | undefined,
  errors: RecordErrors,
): string | null | undefined {
  if (externalId === undefined || externalId === null) return externalId;
  const owner = store.userByExternalId(externalId);
  if (owner && owner.id !== self?.id) {
    errors.add("external_id", `External: ${externalId} has already been taken`, "DuplicateValue");
  }
  return externalId;
}

function checkedRole(role: string | undefined, errors: RecordErrors): UserRole | undefined {
  if (role === undefined) return undefined;
  const normalized = role.trim().toLowerCase().replace(/[\s_]/g, "-");
  const known = USER_ROLES.find((candidate) => candidate === normalized);
  if (!known) errors.add("role", `Role: ${role} is not valid`);
  return known;
}

/**
 * `GET /users/search?query=…`: the Zendesk search syntax we need: `email:`, `name:`, `external_id:`,
 * `role:` terms, and free text that matches name or email.
 */
export function searchUsers(store: AccountStore, query: string): UserRecord[] {
  const terms = query.trim().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  return [...store.users.values()].filter((user) => terms.every((term) => userMatches(user, term)));
}

function userMatches(user: UserRecord, term: string): boolean {
  const [, key, rawValue] = /^(\w+):(.*)$/.exec(term) ?? [undefined, undefined, term];
  const value = stripQuotes(rawValue ?? "").toLowerCase();
  switch (key) {
    case "email":
      return user.email === value;
    case "name":
      return user.name.toLowerCase().includes(value);
    case "external_id":
      return user.external_id?.toLowerCase() === value;
    case "role":
      return user.role === value.replace("_", "-");
    case "type":
      return value === "user";
    case undefined:
      return user.name.toLowerCase().includes(value) || (user.email ?? "").includes(value);
    default:
      return false;
  }
}

function stripQuotes(value: string): string {
  return value.replace(/^"(.*)"$/, "$1");
}

/** Ensures the agent whose API token the simulator accepts exists (an admin). */
export function ensureAgent(store: AccountStore, email: string, name: string, now: string): UserRecord {
  const existing = store.userByEmail(email);
  if (existing) {
    if (existing.role === "admin" && existing.active) return existing;
    const promoted = { ...existing, role: "admin" as const, active: true, updated_at: now };
    store.users.set(existing.id, promoted);
    return promoted;
  }
  return createUser(store, { name, email, role: "admin", verified: true }, now);
}

export function isAgent(user: UserRecord): boolean {
  return user.role === "agent" || user.role === "admin";
}
