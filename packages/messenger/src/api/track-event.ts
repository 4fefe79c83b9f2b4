import { readSettings } from "./intercom-settings";

/** Intercom's trackEvent rules: a name, and at most 10 metadata values of simple kinds. */
const MAX_EVENT_METADATA = 10;

/** What is wrong with a trackEvent call, or null. */
export function trackEventProblem(name: unknown, metadata: unknown): string | null {
  if (typeof name !== "string" || name.trim() === "") return "Intercom('trackEvent', name) needs an event name.";
  if (metadata === undefined) return null;
  const values = readSettings(metadata);
  if (!values) return `Intercom('trackEvent', '${name}', metadata): metadata must be an object.`;
  const keys = Object.keys(values);
  if (keys.length > MAX_EVENT_METADATA) return `Intercom('trackEvent', '${name}'): at most ${MAX_EVENT_METADATA} metadata keys.`;
  for (const key of keys) {
    const value = values[key];
    const simple = value === null || ["string", "number", "boolean"].includes(typeof value);
    const rich = readSettings(value);
    const link = rich && typeof rich["url"] === "string";
    const money = rich && typeof rich["amount"] === "number" && typeof rich["currency"] === "string";
    if (!simple && !link && !money) return `Intercom('trackEvent', '${name}'): metadata "${key}" must be a string, number, boolean, link ({ url, value }) or price ({ amount, currency }).`;
  }
  return null;
}

