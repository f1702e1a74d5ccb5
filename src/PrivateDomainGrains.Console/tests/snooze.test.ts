import { describe, expect, it } from "vitest";
import { snoozeChoices } from "../src/queue/snooze";

const names = (now: Date) => snoozeChoices(now).map((c) => c.name);

describe("snooze choices", () => {
  it("offer tonight only while it is more than three hours away", () => {
    expect(names(new Date(2026, 10, 25, 10, 0))).toContain("tonight");
    expect(names(new Date(2026, 10, 25, 18, 0))).not.toContain("tonight");
  });

  it("put tomorrow morning at 9:00 local time and next Monday after it", () => {
    const wednesday = new Date(2026, 10, 25, 10, 30);
    const choices = snoozeChoices(wednesday);
    expect(choices.find((c) => c.name === "tomorrowMorning")!.until).toEqual(new Date(2026, 10, 26, 9, 0));
    expect(choices.find((c) => c.name === "nextMonday")!.until).toEqual(new Date(2026, 10, 30, 9, 0));
  });

  it("leave out next Monday on a Sunday, when it is tomorrow morning", () => {
    expect(names(new Date(2026, 10, 29, 10, 0))).not.toContain("nextMonday");
  });

  it("are all ahead of now, soonest first", () => {
    const now = new Date(2026, 10, 27, 23, 30);
    const times = snoozeChoices(now).map((c) => c.until.getTime());
    expect(times.every((t) => t > now.getTime())).toBe(true);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});
