import { useState } from "react";
import { getJson } from "../api/client";
import { useAsync } from "../common/useAsync";
import { ArtifactViewer } from "./ArtifactViewer";

/** The instance's files from the artifacts endpoint; the report first. */
export function Artifacts({ instanceId, refreshKey }: { instanceId: string; refreshKey: string }) {
  const list = useAsync((signal) => getJson<{ files: string[] }>(`/api/workflow-instances/${encodeURIComponent(instanceId)}/artifacts`, signal), [instanceId, refreshKey]);
  const [open, setOpen] = useState<string | null>(null);
  const files = list.value?.files ?? [];
  const report = files.find((f) => f.endsWith("report.md"));
  const chosen = open ?? report ?? null;
  return (
    <div className="artifacts">
      <ul className="file-list">
        {files.map((f) => <li key={f}><button className={`link ${f === chosen ? "active" : ""}`} onClick={() => setOpen(f)}>{f}</button></li>)}
        {files.length === 0 && <li>no files yet</li>}
      </ul>
      <div className="artifact-view">{chosen && <ArtifactViewer key={chosen} instanceId={instanceId} path={chosen} />}</div>
    </div>
  );
}
