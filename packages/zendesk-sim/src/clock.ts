/** The simulator's sense of time; injectable so tests can move it. */
export type Clock = () => Date;

/** Zendesk's timestamp format: ISO-8601 in UTC, whole seconds, e.g. `2021-03-25T05:09:27Z`. */
export function zendeskTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
