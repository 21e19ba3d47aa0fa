import type { Edge } from "@xyflow/react";
import { edgeId, type FlowNode } from "../flow/graph";
import { isReference } from "./references";

/** A fresh id like `base`, `base2`, `base3`… not in `taken`. */
export function freshId(base: string, taken: Set<string>): string {
  const stem = base.replace(/\d+$/, "") || "activity";
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}${n}`)) return `${stem}${n}`;
}

/**
 * Copies of `nodes` with new ids, moved by `offset`, and of the connections among them; references
 * between copied activities follow the copies, references to others stay as they were.
 */
export function pasteCopies(nodes: FlowNode[], edges: Edge[], taken: Set<string>, offset = 40): { nodes: FlowNode[]; edges: Edge[] } {
  const ids = new Set(taken);
  const renamed = new Map<string, string>();
  for (const n of nodes) { const id = freshId(n.id, ids); ids.add(id); renamed.set(n.id, id); }
  const copies = nodes.map((n): FlowNode => {
    const inputs = Object.fromEntries(Object.entries((n.data.activity.inputs ?? {}) as Record<string, unknown>).map(([k, v]) =>
      [k, isReference(v) && renamed.has(v.from) ? { from: renamed.get(v.from)!, output: v.output } : structuredClone(v)]));
    const id = renamed.get(n.id)!;
    return { ...n, id, selected: true, position: { x: n.position.x + offset, y: n.position.y + offset },
      data: { ...n.data, activity: { ...n.data.activity, id, inputs: inputs as FlowNode["data"]["activity"]["inputs"] } } };
  });
  const inner = edges.filter((e) => renamed.has(e.source) && renamed.has(e.target)).map((e): Edge => {
    const source = renamed.get(e.source)!, target = renamed.get(e.target)!;
    return { ...e, id: edgeId(source, target), source, target, selected: false };
  });
  return { nodes: copies, edges: inner };
}
