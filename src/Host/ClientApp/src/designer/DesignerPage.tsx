import { ReactFlowProvider } from "@xyflow/react";
import { ApiError, getJson } from "../api/client";
import type { DefinitionVersionSummary, WorkflowDefinition } from "../api/types";
import { ErrorBox } from "../common/ErrorBox";
import { useAsync } from "../common/useAsync";
import type { ActivityDescriptor } from "./descriptors";
import { DesignerEditor } from "./DesignerEditor";

export function blankDefinition(definitionId: string): WorkflowDefinition {
  return { definitionId, name: definitionId, version: 1, isPublished: false, root: { type: "Flowchart", activities: [], connections: [] } } as unknown as WorkflowDefinition;
}

const orNull = <T,>(promise: Promise<T>): Promise<T | null> => promise.catch((e: unknown) => { if (e instanceof ApiError && e.status === 404) return null; throw e; });

/** /designer/{definitionId}[?version=N]: loads the descriptors, the versions and the definition, then edits it. */
export function DesignerPage({ definitionId, version }: { definitionId: string; version?: number }) {
  const id = encodeURIComponent(definitionId);
  const data = useAsync(async (signal) => {
    const [descriptors, versions, definition] = await Promise.all([
      getJson<ActivityDescriptor[]>("/api/descriptors/activities", signal),
      orNull(getJson<DefinitionVersionSummary[]>(`/api/workflow-definitions/${id}/versions`, signal)),
      orNull(getJson<WorkflowDefinition>(`/api/workflow-definitions/${id}${version ? `?version=${version}` : ""}`, signal)),
    ]);
    return { descriptors, versions: versions ?? [], definition };
  }, [definitionId, version]);

  if (data.error) return <ErrorBox error={data.error} />;
  if (!data.value) return <p>Loading {definitionId}…</p>;
  const { descriptors, versions, definition } = data.value;
  if (version && !definition) return <ErrorBox error={new Error(`${definitionId} has no version ${version}`)} />;
  const latest = versions[0]?.version;
  const readOnly = version !== undefined && latest !== undefined && version < latest;
  return (
    <ReactFlowProvider>
      <DesignerEditor definition={definition ?? blankDefinition(definitionId)} isNew={!definition} descriptors={descriptors} versions={versions}
        readOnly={readOnly} onSaved={data.reload} />
    </ReactFlowProvider>
  );
}
