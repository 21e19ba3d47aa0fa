import dagre from "@dagrejs/dagre";
import type { Edge } from "@xyflow/react";

export const nodeWidth = 220;
export const nodeHeight = 90;

/** Left-to-right layered positions (top-left corners) for every node id. */
export function layout(nodeIds: string[], edges: Pick<Edge, "source" | "target">[]): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 80 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of nodeIds) graph.setNode(id, { width: nodeWidth, height: nodeHeight });
  for (const e of edges) if (graph.hasNode(e.source) && graph.hasNode(e.target)) graph.setEdge(e.source, e.target);
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const id of nodeIds) {
    const n = graph.node(id);
    positions.set(id, { x: Math.round(n.x - nodeWidth / 2), y: Math.round(n.y - nodeHeight / 2) });
  }
  return positions;
}
