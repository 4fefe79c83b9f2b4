import { isOpen } from "./office-hours";
import type { Condition, OfficeHours } from "./schema";

export type AttributeValue = string | number | boolean;

/** What the contact's host page told Parley about them (the ping), as conditions see it. */
export interface ContactFacts {
  email: string | null;
  name: string | null;
  userId: string | null;
  /** Custom attributes (`custom.<name>` in conditions); `company_*` … are the company's. */
  custom: Record<string, AttributeValue | null>;
  company: Record<string, AttributeValue | null>;
}

/** Everything a condition may look at; all of it is handed to the engine, none of it fetched. */
export interface ConditionContext {
  collected: Record<string, AttributeValue>;
  contact: ContactFacts | null;
  pageUrl: string | null;
  language: string | null;
  channel: string;
  /** The customer's latest message, for rules on what they wrote. */
  lastMessage: string | null;
  now: Date;
  officeHours: OfficeHours | undefined;
}

/** The contact's own fields that conditions and templates may name without the workflow declaring them. */
export const CONTACT_FIELDS = ["email", "name", "user_id"] as const;

/** An attribute's value: collected by the workflow, else the contact's. */
export function attributeValue(name: string, context: Pick<ConditionContext, "collected" | "contact">): AttributeValue | null {
  if (Object.hasOwn(context.collected, name)) return context.collected[name] ?? null;
  const contact = context.contact;
  if (!contact) return null;
  if (name === "email") return contact.email;
  if (name === "name") return contact.name;
  if (name === "user_id") return contact.userId;
  if (name.startsWith("custom.")) return own(contact.custom, name.slice("custom.".length));
  if (name.startsWith("company.")) return own(contact.company, name.slice("company.".length));
  return null;
}

export function holds(condition: Condition, context: ConditionContext): boolean {
  switch (condition.kind) {
    case "attribute": {
      const value = attributeValue(condition.attribute, context);
      const set = value !== null && value !== "";
      switch (condition.op) {
        case "is_set":
          return set;
        case "not_set":
          return !set;
        case "equals":
          return set && same(value, condition.value);
        case "not_equals":
          return !set || !same(value, condition.value);
        case "contains":
          return set && String(value).toLowerCase().includes(String(condition.value ?? "").toLowerCase());
      }
      return false;
    }
    case "page_url":
      return context.pageUrl !== null && context.pageUrl.includes(condition.contains);
    case "language": {
      const language = (context.language ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
      return condition.in.some((wanted) => wanted.toLowerCase().split(/[-_]/)[0] === language);
    }
    case "channel":
      return condition.in.includes(context.channel);
    case "office_hours":
      // Without office hours the team is never "in": the validator rejects such a condition anyway.
      return (context.officeHours !== undefined && isOpen(context.officeHours, context.now)) === condition.open;
    case "message": {
      const text = (context.lastMessage ?? "").toLowerCase();
      return condition.contains_any.some((word) => text.includes(word.toLowerCase()));
    }
    case "all":
      return condition.of.every((inner) => holds(inner, context));
    case "any":
      return condition.of.some((inner) => holds(inner, context));
    case "not":
      return !holds(condition.condition, context);
  }
}

function same(value: AttributeValue | null, wanted: AttributeValue | undefined): boolean {
  if (typeof value === "string" && typeof wanted === "string") return value.trim().toLowerCase() === wanted.trim().toLowerCase();
  return value === wanted;
}

function own(record: Record<string, AttributeValue | null>, key: string): AttributeValue | null {
  return Object.hasOwn(record, key) ? (record[key] ?? null) : null;
}

/** Fills `{{attribute}}` placeholders; an attribute with no value reads "(not given)". */
export function renderTemplate(template: string, context: Pick<ConditionContext, "collected" | "contact">): string {
  return template.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g, (_, name: string) => {
    const value = attributeValue(name, context);
    return value === null || value === "" ? "(not given)" : String(value);
  });
}

/** The attribute names a template refers to, for the validator. */
export function templateAttributes(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((match) => match[1] ?? "");
}
