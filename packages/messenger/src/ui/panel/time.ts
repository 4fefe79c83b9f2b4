
/**
 * When a message was written, as a chat shows it: "Just now", the time today, the weekday and
 * time this week, else the date. Absolute past the first minute, so it never goes stale.
 */
export function messageTime(iso: string, t: { justNow: string }, now = new Date(), locale?: string): string {
  const at = new Date(iso);
  const ms = at.getTime();
  if (Number.isNaN(ms)) return "";
  if (now.getTime() - ms < 60_000 && now.getTime() - ms > -60_000) return t.justNow;
  const time = at.toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" });
  if (at.toDateString() === now.toDateString()) return time;
  if (now.getTime() - ms < 6 * 86_400_000) return `${at.toLocaleDateString(locale, { weekday: "short" })} ${time}`;
  return at.toLocaleDateString(locale, { day: "numeric", month: "short", ...(at.getFullYear() === now.getFullYear() ? {} : { year: "numeric" }) });
}
