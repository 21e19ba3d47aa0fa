import { getJson } from "../api/client";
import type { InstanceView, LogLine } from "../api/types";
import { ErrorBox } from "../common/ErrorBox";
import { formatDuration, formatTime } from "../common/format";
import { useAsync } from "../common/useAsync";
import { ActivityCharts } from "./ActivityCharts";
import { attemptsOf } from "./attempts";

/** One activity of an instance: heartbeat, live charts, attempts, outputs and the tail of its log events. */
export function ActivityPanel({ instance, activityId }: { instance: InstanceView; activityId: string }) {
  const activity = instance.activities.find((a) => a.activityId === activityId);
  const attempts = attemptsOf(instance.journal, activityId);
  const logs = useAsync((signal) => getJson<LogLine[]>(
    `/api/workflow-instances/${encodeURIComponent(instance.id)}/logs?activityId=${encodeURIComponent(activityId)}&tail=100`, signal),
    [instance.id, activityId, activity?.status, activity?.lastHeartbeat]);
  if (!activity) return null;
  return (
    <section className="activity-panel" aria-label={`activity ${activityId}`}>
      <h3>{activityId} <small>{activity.type}</small></h3>
      <p>Status <strong>{activity.status}</strong>, attempt {activity.attempt}, {Math.round(activity.progress * 100)} %{activity.progressMessage ? `: ${activity.progressMessage}` : ""}</p>
      <p>Last heartbeat: {formatTime(activity.lastHeartbeat)}</p>
      {/* The charts first: they are what a user watches for days; the attempts and the log follow. */}
      <ActivityCharts key={activityId} instanceId={instance.id} activity={activity} />
      <table className="grid">
        <thead><tr><th>Attempt</th><th>Started</th><th>Duration</th><th>Status</th></tr></thead>
        <tbody>{attempts.map((a, i) => (
          <tr key={i}><td>{a.attempt}</td><td>{formatTime(a.startedAt)}</td>
            <td>{formatDuration((a.endedAt ? new Date(a.endedAt).getTime() : Date.now()) - new Date(a.startedAt).getTime())}</td><td>{a.status}</td></tr>))}
        </tbody>
      </table>
      <h4>Log</h4>
      <ErrorBox error={logs.error} />
      <pre className="log-tail">{(logs.value ?? []).map((l) => `${formatTime(l.at)} ${l.level} ${l.message}${l.exception ? `\n${l.exception}` : ""}`).join("\n") || "no log events"}</pre>
      {activity.outputs != null && <details><summary>Outputs</summary><pre>{JSON.stringify(activity.outputs, null, 2)}</pre></details>}
    </section>
  );
}
