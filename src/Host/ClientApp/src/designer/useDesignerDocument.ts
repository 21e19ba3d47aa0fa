import { applyEdgeChanges, applyNodeChanges, type Connection, type Edge, type EdgeChange, type NodeChange } from "@xyflow/react";
import { useCallback, useRef, useState } from "react";
import { donePort, edgeId, inPort, type FlowNode } from "../flow/graph";
import { History } from "./history";

export interface Doc {
  nodes: FlowNode[];
  edges: Edge[];
}

/** The canvas document with undo/redo: every edit records the document as it was, a drag records once at its start. */
export function useDesignerDocument(initial: Doc) {
  const [doc, setDoc] = useState<Doc>(initial);
  const history = useRef(new History<Doc>());
  const docRef = useRef(doc);
  docRef.current = doc;
  const [, setTick] = useState(0);
  const removalRecorded = useRef(false);

  const change = useCallback((next: Doc) => {
    history.current.record(docRef.current);
    setDoc(next);
    setTick((t) => t + 1);
  }, []);

  const replace = useCallback((next: Doc) => { history.current = new History<Doc>(); setDoc(next); setTick((t) => t + 1); }, []);

  const recordRemovalOnce = () => {
    if (removalRecorded.current) return;
    removalRecorded.current = true;
    history.current.record(docRef.current);
    queueMicrotask(() => { removalRecorded.current = false; });
  };

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    if (changes.some((c) => c.type === "remove")) recordRemovalOnce();
    setDoc((d) => ({ ...d, nodes: applyNodeChanges(changes, d.nodes) }));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    if (changes.some((c) => c.type === "remove")) recordRemovalOnce();
    setDoc((d) => ({ ...d, edges: applyEdgeChanges(changes, d.edges) }));
  }, []);

  const onNodeDragStart = useCallback(() => { history.current.record(docRef.current); setTick((t) => t + 1); }, []);

  const onConnect = useCallback((c: Connection) => {
    if (!c.source || !c.target || c.source === c.target) return;
    if (docRef.current.edges.some((e) => e.source === c.source && e.target === c.target)) return;
    change({ ...docRef.current, edges: [...docRef.current.edges, { id: edgeId(c.source, c.target), source: c.source, target: c.target, sourceHandle: donePort, targetHandle: inPort }] });
  }, [change]);

  const undo = useCallback(() => { const d = history.current.undo(docRef.current); if (d) { setDoc(d); setTick((t) => t + 1); } }, []);
  const redo = useCallback(() => { const d = history.current.redo(docRef.current); if (d) { setDoc(d); setTick((t) => t + 1); } }, []);

  const removeSelected = useCallback(() => {
    const d = docRef.current;
    const gone = new Set(d.nodes.filter((n) => n.selected).map((n) => n.id));
    const edges = d.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
    if (gone.size === 0 && edges.length === d.edges.length) return;
    change({ nodes: d.nodes.filter((n) => !gone.has(n.id)), edges });
  }, [change]);

  return {
    doc, change, replace, onNodesChange, onEdgesChange, onNodeDragStart, onConnect, undo, redo, removeSelected,
    canUndo: history.current.canUndo, canRedo: history.current.canRedo,
  };
}
