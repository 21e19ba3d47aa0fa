import { useState } from "react";
import { ApiError, postJson } from "../api/client";
import { navigate } from "../app/router";

/** Runs the published definition with optional input overrides, then opens the new instance. */
export function TriggerPanel({ definitionId, canTrigger }: { definitionId: string; canTrigger: boolean }) {
  const [overrides, setOverrides] = useState("{}");
  const [error, setError] = useState<string | null>(null);
  const trigger = async () => {
    let inputs: unknown;
    try { inputs = JSON.parse(overrides || "{}"); } catch { setError("overrides are not valid JSON"); return; }
    try {
      const started = await postJson<{ instanceId: string }>(`/api/workflow-definitions/${encodeURIComponent(definitionId)}/execute`, { inputs });
      navigate(`/instances/${encodeURIComponent(started.instanceId)}`);
    } catch (e) {
      setError(e instanceof ApiError && e.problem.errors
        ? Object.entries(e.problem.errors).map(([k, v]) => `${k}: ${v.join("; ")}`).join("\n")
        : e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <details className="trigger">
      <summary>Run…</summary>
      <label>Input overrides <small>{'{"activity": {"input": value}}'}</small>
        <textarea aria-label="input overrides" rows={4} value={overrides} onChange={(e) => setOverrides(e.target.value)} />
      </label>
      <button onClick={trigger} disabled={!canTrigger} title={canTrigger ? "" : "publish first: instances run the published version"}>Run published version</button>
      {error && <pre className="error">{error}</pre>}
    </details>
  );
}
