import { describe, expect, it } from "vitest";
import type { JournalEntryView } from "../api/types";
import { attemptsOf } from "./attempts";

const e = (event: string, at: string, activityId: string | null, attempt: number | null): JournalEntryView =>
  ({ event, at, activityId, attempt, detail: null }) as JournalEntryView;

describe("attemptsOf", () => {
  it("pairs each start with the ending that follows it, per activity", () => {
    const journal = [
      e("ActivityStarted", "t1", "a", 1),
      e("ActivityStarted", "t1", "b", 1),
      e("ActivityFaulted", "t2", "a", 1),
      e("InstanceResumed", "t3", null, null),
      e("ActivityStarted", "t4", "a", 2),
      e("ActivityCompleted", "t5", "a", 2),
    ];
    expect(attemptsOf(journal, "a")).toEqual([
      { attempt: 1, startedAt: "t1", endedAt: "t2", status: "Faulted" },
      { attempt: 2, startedAt: "t4", endedAt: "t5", status: "Completed" },
    ]);
    expect(attemptsOf(journal, "b")).toEqual([{ attempt: 1, startedAt: "t1", endedAt: null, status: "Running" }]);
  });
});
