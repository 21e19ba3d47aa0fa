import type { Edge, Node } from "@xyflow/react";
import type { ActivityNode, WorkflowDefinition } from "../api/types";

/** What a canvas node carries: the definition's activity, plus what the instance view adds. */
export type ActivityNodeData = {
  activity: ActivityNode;
  label: string;
  status?: string;
  progress?: number;
  message?: string | null;
  errors?: number;
};

export type FlowNode = Node<ActivityNodeData, "activity">;

export const donePort = "Done";
export const inPort = "In";

export function edgeId(source: string, target: string): string {
  return `${source}->${target}`;
}

export function positionOf(activity: ActivityNode): { x: number; y: number } | null {
  const p = activity.metadata?.designer?.position;
  return p ? { x: Number(p.x), y: Number(p.y) } : null;
}

/** The definition's activities as nodes (at their stored positions, else in a row) and its connections as edges. */
export function definitionToFlow(definition: WorkflowDefinition, label: (a: ActivityNode) => string = (a) => a.type): { nodes: FlowNode[]; edges: Edge[] } {
  const nodes = (definition.root.activities ?? []).map((activity, index): FlowNode => ({
    id: activity.id,
    type: "activity",
    position: positionOf(activity) ?? { x: index * 260, y: 0 },
    data: { activity, label: label(activity) },
  }));
  const edges = (definition.root.connections ?? []).map((c): Edge => ({
    id: edgeId(c.source.activity, c.target.activity),
    source: c.source.activity,
    target: c.target.activity,
    sourceHandle: c.source.port ?? donePort,
    targetHandle: c.target.port ?? inPort,
  }));
  return { nodes, edges };
}

/** The definition the canvas shows: activities in node order with their positions in metadata.designer.position. */
export function flowToDefinition(base: WorkflowDefinition, nodes: FlowNode[], edges: Edge[]): WorkflowDefinition {
  const activities = nodes.map((n): ActivityNode => {
    const { metadata, ...rest } = n.data.activity;
    const designer = { ...(metadata?.designer ?? {}), position: { x: Math.round(n.position.x), y: Math.round(n.position.y) } };
    return { ...rest, id: n.id, metadata: { ...(metadata ?? {}), designer } };
  });
  const connections = edges.map((e) => ({
    source: { activity: e.source, port: e.sourceHandle ?? donePort },
    target: { activity: e.target, port: e.targetHandle ?? inPort },
  }));
  return { ...base, root: { ...base.root, type: base.root.type ?? "Flowchart", activities, connections } };
}
