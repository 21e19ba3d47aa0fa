import type { ActivityExecutionView, IncidentView, InstanceView, JournalEntryView } from "../api/types";
import type { SseMessage } from "../api/sse";

/** The instance after one event of GET /api/workflow-instances/{id}/events. */
export function applyInstanceEvent(view: InstanceView | undefined, message: SseMessage): InstanceView | undefined {
  const data: unknown = JSON.parse(message.data);
  if (message.event === "snapshot") return data as InstanceView;
  if (!view) return view;
  switch (message.event) {
    case "instance":
      return { ...view, ...(data as Pick<InstanceView, "status" | "subStatus" | "updatedAt" | "finishedAt">) };
    case "activity": {
      const activity = data as ActivityExecutionView;
      const known = view.activities.some((a) => a.activityId === activity.activityId);
      return { ...view, activities: known ? view.activities.map((a) => (a.activityId === activity.activityId ? activity : a)) : [...view.activities, activity] };
    }
    case "incident":
      return { ...view, incidents: [...view.incidents, data as IncidentView] };
    case "journal":
      return { ...view, journal: [...view.journal, data as JournalEntryView] };
    default:
      return view;
  }
}
