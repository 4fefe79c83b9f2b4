import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { type AdminApi, type HandoffMode, type OfficeHours, messageOf } from "../api";
import { refreshSetup, setupState } from "../setup-state";
import { whileBusy } from "./busy";

type Day = OfficeHours["weekly"][number]["days"][number];
const DAYS: { day: Day; label: string }[] = [
  { day: "mon", label: "Mon" },
  { day: "tue", label: "Tue" },
  { day: "wed", label: "Wed" },
  { day: "thu", label: "Thu" },
  { day: "fri", label: "Fri" },
  { day: "sat", label: "Sat" },
  { day: "sun", label: "Sun" },
];

const OPTIONS: { mode: HandoffMode; label: string; explain: string; needs: string }[] = [
  { mode: "live", label: "Hand-off to Zendesk agent", explain: "The agent joins the chat in the Messenger (live chat).", needs: "Needs the Zendesk API and the Conversations API" },
  { mode: "ticket", label: "Create Zendesk ticket", explain: "The team answers the ticket; the customer reads the reply here or by email.", needs: "Needs the Zendesk API" },
  {
    mode: "situation",
    label: "Determined by situation",
    explain: "Live chat during your office hours, a ticket outside them.",
    needs: "Needs the Zendesk API and the Conversations API",
  },
];

function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return "UTC";
  }
}

const TIME_ZONES: readonly string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf("timeZone");
  } catch {
    return [];
  }
})();

const defaultHours = (): OfficeHours => ({ time_zone: localTimeZone(), weekly: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }], holidays: [] });

/**
 * The hand-off choice of "Connect Zendesk": how the AI agent passes a customer to the team, kept
 * in the live workflow (every hand-off step, and its office hours). Live chat is refused while the
 * Conversations API is not connected or multiple conversations are off.
 */
export function HandoffChoice({ api }: { api: AdminApi }) {
  const mode = useSignal<HandoffMode | "mixed">("ticket");
  // The live workflow has no hand-off step: there is nothing here to choose for.
  const withoutHandoff = useSignal(false);
  const hours = useSignal<OfficeHours>(defaultHours());
  const holiday = useSignal("");
  const busy = useSignal(false);
  const problem = useSignal<string | null>(null);
  const notice = useSignal("");

  useEffect(() => {
    api.handoff().then(
      (choice) => {
        withoutHandoff.value = choice.mode === "none";
        mode.value = choice.mode === "none" ? "ticket" : choice.mode;
        if (choice.office_hours) hours.value = choice.office_hours;
      },
      (error: unknown) => (problem.value = messageOf(error)),
    );
  }, [api]);

  const conversations = setupState.value?.zendesk.conversations;
  const liveChat = conversations?.liveChat;
  const liveUnavailable = conversations !== undefined && (!conversations.connected || (liveChat !== undefined && !liveChat.available));
  const whyNot = !conversations?.connected ? "The Conversations API is not connected." : liveChat && !liveChat.available ? "Multiple conversations are off in Zendesk." : "";

  async function save(event: Event) {
    event.preventDefault();
    if (busy.value || mode.value === "mixed" || withoutHandoff.value) return;
    busy.value = true;
    problem.value = null;
    notice.value = "";
    try {
      const saved = await api.setHandoff(mode.value, hours.value);
      notice.value = `Saved: workflow version ${saved.version} is live with this hand-off.`;
      await refreshSetup(api);
    } catch (error) {
      problem.value = messageOf(error);
    } finally {
      busy.value = false;
    }
  }

  const update = (change: (current: OfficeHours) => OfficeHours) => (hours.value = change(hours.value));
  const setRow = (index: number, row: OfficeHours["weekly"][number]) => update((current) => ({ ...current, weekly: current.weekly.map((old, at) => (at === index ? row : old)) }));

  return (
    <form class="card form" onSubmit={save} aria-labelledby="handoff-title">
      <h2 id="handoff-title">Hand-off</h2>
      <fieldset class="options" disabled={withoutHandoff.value}>
        <legend>When the AI agent cannot help, the customer gets</legend>
        {OPTIONS.map((option) => (
          <label key={option.mode} class="option">
            <input type="radio" name="handoff" checked={mode.value === option.mode} onChange={() => (mode.value = option.mode)} />
            <span>
              <strong>{option.label}</strong>
              <span class="muted small"> {option.explain}</span>
              <span class="small needs-line">
                {option.needs}
                {option.mode !== "ticket" && liveUnavailable && <span class="error"> — not available yet: {whyNot}</span>}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {mode.value === "mixed" && <p class="warning">The workflow's hand-off steps differ (set in the workflow editor). Choose one to use everywhere.</p>}
      {withoutHandoff.value && (
        <p class="warning">
          Your live workflow has no hand-off step: its paths end with the AI's answers, and a customer who asks for a person gets a Zendesk ticket. To choose
          how the team takes over, add a hand-off step in <a href="#/workflow">Build your workflow</a>.
        </p>
      )}
      {mode.value === "situation" && (
        <fieldset class="office-hours">
          <legend>Office hours</legend>
          <div class="field field--inline">
            <label for="office-zone">Time zone</label>
            <input
              id="office-zone"
              list="time-zones"
              value={hours.value.time_zone}
              onInput={(event) => {
                const zone = event.currentTarget.value;
                update((current) => ({ ...current, time_zone: zone }));
              }}
            />
            <datalist id="time-zones">
              {TIME_ZONES.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </div>
          {hours.value.weekly.map((row, index) => (
            <div key={index} class="hours-row" role="group" aria-label={`Opening hours ${index + 1}`}>
              {DAYS.map(({ day, label }) => (
                <label key={day} class="day">
                  <input
                    type="checkbox"
                    checked={row.days.includes(day)}
                    onChange={(event) => {
                      const on = event.currentTarget.checked;
                      setRow(index, { ...row, days: on ? DAYS.map((item) => item.day).filter((d) => d === day || row.days.includes(d)) : row.days.filter((d) => d !== day) });
                    }}
                  />
                  {label}
                </label>
              ))}
              <label class="time">
                From <input type="time" value={row.from} onInput={(event) => setRow(index, { ...row, from: event.currentTarget.value })} />
              </label>
              <label class="time">
                To <input type="time" value={row.to} onInput={(event) => setRow(index, { ...row, to: event.currentTarget.value })} />
              </label>
              {hours.value.weekly.length > 1 && (
                <button type="button" class="link" onClick={() => update((current) => ({ ...current, weekly: current.weekly.filter((_, at) => at !== index) }))}>
                  Remove hours {index + 1}
                </button>
              )}
            </div>
          ))}
          <button type="button" class="link" onClick={() => update((current) => ({ ...current, weekly: [...current.weekly, { days: ["sat"], from: "10:00", to: "14:00" }] }))}>
            Add opening hours
          </button>
          <div class="inline-form holidays">
            <div class="field">
              <label for="office-holiday">Holiday (closed all day)</label>
              <input id="office-holiday" type="date" value={holiday.value} onInput={(event) => (holiday.value = event.currentTarget.value)} />
            </div>
            <button
              type="button"
              class="button button--quiet"
              onClick={() => {
                const day = holiday.value;
                if (day && !hours.value.holidays.includes(day)) update((current) => ({ ...current, holidays: [...current.holidays, day].sort() }));
                holiday.value = "";
              }}
            >
              Add holiday
            </button>
          </div>
          {hours.value.holidays.length > 0 && (
            <ul class="tags" aria-label="Holidays">
              {hours.value.holidays.map((day) => (
                <li key={day}>
                  {day}{" "}
                  <button type="button" class="link" aria-label={`Remove holiday ${day}`} onClick={() => update((current) => ({ ...current, holidays: current.holidays.filter((d) => d !== day) }))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      )}
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button" disabled={mode.value === "mixed" || withoutHandoff.value} {...whileBusy(busy.value)}>
          {busy.value ? "Saving…" : "Save hand-off"}
        </button>
        <span role="status" class="notice">
          {notice.value}
        </span>
      </div>
    </form>
  );
}
