import type { Day, OfficeHours } from "./schema";

const DAYS: readonly Day[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** Where `now` falls in the office's own time zone: its date, weekday and minute of the day. */
export function localTime(now: Date, timeZone: string): { date: string; day: Day; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  const day = DAYS[["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday ?? "")] ?? "sun";
  return { date: `${parts.year}-${parts.month}-${parts.day}`, day, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Whether the team is in: a weekly opening covers the local time and the local date is no holiday. */
export function isOpen(hours: OfficeHours, now: Date): boolean {
  const local = localTime(now, hours.time_zone);
  if (hours.holidays.includes(local.date)) return false;
  return hours.weekly.some(
    (opening) => opening.days.includes(local.day) && local.minutes >= minutesOf(opening.from) && local.minutes < minutesOf(opening.to),
  );
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
