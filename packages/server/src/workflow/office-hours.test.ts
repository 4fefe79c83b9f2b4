import { expect, test } from "vitest";
import { isOpen, localTime } from "./office-hours";
import { OfficeHours } from "./schema";

const berlin = OfficeHours.parse({
  time_zone: "Europe/Berlin",
  weekly: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }],
  holidays: ["2026-12-25"],
});

test.each([
  ["a Monday morning in Berlin (winter, UTC+1)", "2026-11-30T08:30:00Z", true],
  ["before opening: 08:59 Berlin time", "2026-11-30T07:59:00Z", false],
  ["closing time itself is closed", "2026-11-30T16:00:00Z", false],
  ["summer time shifts the hours in UTC (UTC+2)", "2026-07-06T07:30:00Z", true],
  ["Saturday", "2026-11-28T10:00:00Z", false],
  ["a holiday that falls on a weekday", "2026-12-25T10:00:00Z", false],
  ["late Sunday in UTC is already Monday in Berlin, but at night", "2026-11-29T23:30:00Z", false],
])("%s", (_, at, open) => {
  expect(isOpen(berlin, new Date(at))).toBe(open);
});

test("the local date and weekday come from the office's time zone, not the server's", () => {
  expect(localTime(new Date("2026-11-29T23:30:00Z"), "Europe/Berlin")).toEqual({ date: "2026-11-30", day: "mon", minutes: 30 });
  expect(localTime(new Date("2026-11-30T03:00:00Z"), "America/Los_Angeles").day).toBe("sun");
});

test("an unknown time zone is rejected with the field named", () => {
  const result = OfficeHours.safeParse({ time_zone: "Mars/Olympus", weekly: [{ days: ["mon"], from: "09:00", to: "17:00" }] });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.path).toEqual(["time_zone"]);
});
