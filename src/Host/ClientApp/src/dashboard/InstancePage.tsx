import { useEffect, useMemo, useState } from "react";
import { getJson, postJson, ApiError } from "../api/client";
import { streamEvents } from "../api/sse";
import type { InstanceView, WorkflowDefinition } from "../api/types";
import { Link } from "../app/Link";
import { ErrorBox } from "../common/ErrorBox";
import { formatDuration, formatTime } from "../common/format";
import { useAsync } from "../common/useAsync";
import { Flowchart } from "../flow/Flowchart";
import { definitionToFlow } from "../flow/graph";
import { ActivityPanel } from "./ActivityPanel";
import { Artifacts } from "./Artifacts";
import { resumeRefusal } from "./instanceControls";
import { applyInstanceEvent } from "./instanceEvents";
import { Leaderboard } from "./Leaderboard";

export function InstancePage({ instanceId }: { instanceId: string }) {
  const [instance, setInstance] = useState<InstanceView | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<"journal" | "artifacts" | "leaderboard">("journal");

  useEffect(() => {
    const controller = new AbortController();
    getJson<InstanceView>(`/api/workflow-instances/${encodeURIComponent(instanceId)}`, controller.signal).then(
      () => streamEvents(`/api/workflow-instances/${encodeURIComponent(instanceId)}/events`,
        (m) => setInstance((v) => applyInstanceEvent(v, m)), controller.signal),
      (e: Error) => setError(e));
    return () => controller.abort();
  }, [instanceId]);

  const definition = useAsync((signal) => instance
    ? getJson<WorkflowDefinition>(`/api/workflow-definitions/${encodeURIComponent(instance.definitionId)}?version=${instance.definitionVersion}`, signal)
    : Promise.resolve(undefined), [instance?.definitionId, instance?.definitionVersion]);

  const flow = useMemo(() => {
    if (!definition.value || !instance) return { nodes: [], edges: [] };
    const { nodes, edges } = definitionToFlow(definition.value);
    return {
      nodes: nodes.map((n) => {
        const a = instance.activities.find((x) => x.activityId === n.id);
        const incidents = instance.incidents.filter((i) => i.activityId === n.id).length;
        return { ...n, selected: n.id === selected, data: { ...n.data, status: a?.status ?? "Waiting", progress: a?.progress, message: a?.progressMessage, errors: a?.status === "Faulted" ? incidents : 0 } };
      }),
      edges,
    };
  }, [definition.value, instance, selected]);

  const control = async (action: "resume" | "cancel") => {
    const question = action === "cancel"
      ? "Cancel this instance? Running trainings stop at their next step and keep their checkpoints."
      : "Resume this instance? Stalled, faulted, cancelled or suspended activities run again from their checkpoints.";
    if (!window.confirm(question)) return;
    try { await postJson(`/api/workflow-instances/${encodeURIComponent(instanceId)}/${action}`); setError(null); }
    catch (e) { setError(e instanceof ApiError ? e : new Error(String(e))); }
  };

  if (!instance) return <><ErrorBox error={error} /><p>Loading instance {instanceId}…</p></>;
  const refusal = resumeRefusal(instance.subStatus);
  const end = instance.finishedAt ? new Date(instance.finishedAt).getTime() : Date.now();
  return (
    <section className="instance-page">
      <h1>Instance {instance.id}</h1>
      <p>
        <Link to={`/designer/${encodeURIComponent(instance.definitionId)}?version=${instance.definitionVersion}`}>{instance.definitionId} v{instance.definitionVersion}</Link>
        {" · "}<strong data-testid="instance-status">{instance.status} / {instance.subStatus}</strong>
        {" · started "}{formatTime(instance.createdAt)}{" · "}{formatDuration(end - new Date(instance.createdAt).getTime())}
      </p>
      <div className="toolbar">
        <button onClick={() => control("resume")} disabled={refusal !== null} title={refusal ?? "Run the stalled, faulted, cancelled or suspended activities again from their checkpoints"}>Resume</button>
        <button onClick={() => control("cancel")} disabled={instance.status === "Finished"} title={instance.status === "Finished" ? "This instance has ended: there is nothing to cancel." : "Stop the running activities at their next step"}>Cancel</button>
      </div>
      <ErrorBox error={error ?? definition.error ?? null} />
      <div className="instance-layout">
        <Flowchart nodes={flow.nodes} edges={flow.edges} onSelect={setSelected} />
        {selected ? <ActivityPanel instance={instance} activityId={selected} /> : <p className="hint">Click an activity for its attempts, heartbeat and log.</p>}
      </div>
      {instance.incidents.length > 0 && (
        <section className="incidents">
          <h2>Incidents</h2>
          {instance.incidents.map((i, n) => (
            <details key={n} className="incident" open={n === instance.incidents.length - 1}>
              <summary>{formatTime(i.at)} {i.activityId} attempt {i.attempt}: {i.exceptionType}: {i.message}</summary>
              <pre>{i.stackTrace ?? "no stack trace recorded"}</pre>
            </details>
          ))}
        </section>
      )}
      <nav className="tabs">
        {(["journal", "artifacts", "leaderboard"] as const).map((t) => <button key={t} className={tab === t ? "active" : ""} onClick={() => setTab(t)}>{t}</button>)}
      </nav>
      {tab === "journal" && (
        <table className="grid journal">
          <thead><tr><th>Time</th><th>Event</th><th>Activity</th><th>Attempt</th><th>Detail</th></tr></thead>
          <tbody>{instance.journal.map((j, n) => (
            <tr key={n}><td>{formatTime(j.at)}</td><td>{j.event}</td><td>{j.activityId ?? ""}</td><td>{j.attempt ?? ""}</td><td>{j.detail ?? ""}</td></tr>))}
          </tbody>
        </table>
      )}
      {tab === "artifacts" && <Artifacts instanceId={instance.id} refreshKey={`${instance.subStatus}:${instance.journal.length}`} />}
      {tab === "leaderboard" && <Leaderboard instance={instance} />}
    </section>
  );
}
