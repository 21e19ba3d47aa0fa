import type { JournalEntryView } from "../api/types";

export interface Attempt {
  attempt: number;
  startedAt: string;
  endedAt: string | null;
  status: string;
}

const endings: Record<string, string> = {
  ActivityCompleted: "Completed",
  ActivityFaulted: "Faulted",
  ActivityStalled: "Stalled",
  ActivityCancelled: "Cancelled",
  ActivitySkipped: "Skipped",
};

/** Every attempt of one activity, from the journal: each start (or recovery) opens one, the next ending event closes it. */
export function attemptsOf(journal: JournalEntryView[], activityId: string): Attempt[] {
  const attempts: Attempt[] = [];
  for (const entry of journal) {
    if (entry.activityId !== activityId) continue;
    if (entry.event === "ActivityStarted" || entry.event === "ActivityRecovered") {
      const open = attempts.at(-1);
      if (open && open.endedAt === null && open.attempt === (entry.attempt ?? 0)) continue;
      if (open && open.endedAt === null) { open.endedAt = entry.at; open.status = "Interrupted"; }
      attempts.push({ attempt: entry.attempt ?? attempts.length + 1, startedAt: entry.at, endedAt: null, status: "Running" });
    } else if (endings[entry.event]) {
      const open = attempts.at(-1);
      if (open && open.endedAt === null) { open.endedAt = entry.at; open.status = endings[entry.event]!; }
    }
  }
  return attempts;
}
