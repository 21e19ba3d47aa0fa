/** The sub-statuses the server resumes (InstanceStore.ResumableInstance); any other answers 409 Conflict. */
const resumable = ["Stalled", "Faulted", "Cancelled", "Suspended"];

/** Why Resume is refused for an instance in this sub-status, or null when the server would resume it. */
export function resumeRefusal(subStatus: string): string | null {
  if (resumable.includes(subStatus)) return null;
  return subStatus === "Finished"
    ? "This instance finished: there is nothing left to resume."
    : `This instance is ${subStatus.toLowerCase()}: only a stalled, faulted, cancelled or suspended instance can be resumed.`;
}
