/** How far ahead a nudge may be snoozed (the hub's limit: 30 days). */
export const snoozeLimitMs = 30 * 24 * 60 * 60_000;

/** A usual snooze time: its name (a key under `snooze.` in the locales) and when. */
export interface SnoozeChoice {
  name: "inOneHour" | "inThreeHours" | "tonight" | "tomorrowMorning" | "nextMonday";
  until: Date;
}

/**
 * The usual times to snooze until, from `now` in local time: in 1 hour, in 3 hours, tonight at 20:00 (while that is
 * 3 hours or more away), tomorrow at 9:00, and next Monday at 9:00 (when that is not tomorrow).
 */
export function snoozeChoices(now: Date): SnoozeChoice[] {
  const at = (days: number, hour: number) => {
    const d = new Date(now);
    d.setDate(d.getDate() + days);
    d.setHours(hour, 0, 0, 0);
    return d;
  };
  const choices: SnoozeChoice[] = [
    { name: "inOneHour", until: new Date(now.getTime() + 60 * 60_000) },
    { name: "inThreeHours", until: new Date(now.getTime() + 3 * 60 * 60_000) },
  ];
  const tonight = at(0, 20);
  if (tonight.getTime() - now.getTime() >= 60 * 60_000 * 3) choices.push({ name: "tonight", until: tonight });
  choices.push({ name: "tomorrowMorning", until: at(1, 9) });
  const daysToMonday = (8 - now.getDay()) % 7 || 7;
  if (daysToMonday > 1) choices.push({ name: "nextMonday", until: at(daysToMonday, 9) });
  return choices;
}
