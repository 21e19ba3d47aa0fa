import { Handle, Position, type NodeProps } from "@xyflow/react";
import { donePort, inPort, type FlowNode } from "./graph";

/** One activity on the canvas: In on the left, Done on the right; status colour and progress when an instance runs it. */
export function ActivityNodeView({ id, data, selected }: NodeProps<FlowNode>) {
  const status = data.status ?? "";
  return (
    <div className={`activity-node ${selected ? "selected" : ""} ${status ? `node-${status}` : ""} ${data.errors ? "invalid" : ""}`} data-testid={`node-${id}`}>
      <Handle type="target" position={Position.Left} id={inPort} title="In" />
      <div className="node-title">{data.label}</div>
      <div className="node-id">{id}</div>
      {status && <div className="node-status" data-testid={`status-${id}`}>{status}</div>}
      {data.progress !== undefined && status === "Running" && (
        <div className="node-progress"><div style={{ width: `${Math.round(data.progress * 100)}%` }} /></div>
      )}
      {data.message && <div className="node-message" title={data.message}>{data.message}</div>}
      {data.errors ? <div className="node-errors">{data.errors} problem(s)</div> : null}
      <Handle type="source" position={Position.Right} id={donePort} title="Done" />
    </div>
  );
}

export const nodeTypes = { activity: ActivityNodeView };
