import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Edge } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { ApiError, postJson } from "../api/client";
import type { DefinitionVersionSummary, WorkflowDefinition } from "../api/types";
import { navigate, setLeaveGuard } from "../app/router";
import { nodeTypes } from "../flow/ActivityNodeView";
import { definitionToFlow, flowToDefinition, type FlowNode } from "../flow/graph";
import { fitOptions } from "../flow/fit";
import { layout } from "../flow/layout";
import { freshId, pasteCopies } from "./clipboard";
import { contentOf } from "./content";
import { DefinitionFiles } from "./DefinitionFiles";
import type { ActivityDescriptor } from "./descriptors";
import { Palette, dragType } from "./Palette";
import { emptyProblems, problemsFromServer, type Problems } from "./problemPaths";
import { mergeProblems, problemCount } from "./problemsMerge";
import { PropertyPanel } from "./PropertyPanel";
import { referenceChoices } from "./references";
import { TriggerPanel } from "./TriggerPanel";
import { useDesignerDocument, type Doc } from "./useDesignerDocument";
import { validateDraft } from "./validation";
import { VersionsMenu } from "./VersionsMenu";

interface Props {
  definition: WorkflowDefinition;
  isNew: boolean;
  descriptors: ActivityDescriptor[];
  versions: DefinitionVersionSummary[];
  readOnly: boolean;
  onSaved: () => void;
}

const unsavedMessage = "This definition has unsaved changes. Leave without saving?";

export function DesignerEditor({ definition, isNew, descriptors, versions, readOnly, onSaved }: Props) {
  const byType = useMemo(() => new Map(descriptors.map((d) => [d.type, d])), [descriptors]);
  const label = useCallback((a: { type: string }) => byType.get(a.type)?.displayName ?? a.type, [byType]);
  const initial = useMemo(() => definitionToFlow(definition, label), [definition, label]);
  const document = useDesignerDocument(initial);
  const { doc } = document;
  const flow = useReactFlow();
  const [name, setName] = useState(definition.name ?? definition.definitionId);
  const [serverProblems, setServerProblems] = useState<Problems>(emptyProblems());
  const [status, setStatus] = useState<string>("");
  const [savedJson, setSavedJson] = useState(() => (isNew ? "" : contentOf(flowToDefinition(definition, initial.nodes, initial.edges))));
  const clipboard = useRef<Doc | null>(null);

  const current = useMemo(() => flowToDefinition({ ...definition, name }, doc.nodes, doc.edges), [definition, name, doc]);
  const currentJson = contentOf(current);
  const dirty = !readOnly && currentJson !== savedJson && (doc.nodes.length > 0 || !isNew);

  useEffect(() => { setServerProblems(emptyProblems()); }, [currentJson]);
  useEffect(() => {
    setLeaveGuard(() => (dirty ? unsavedMessage : null));
    const beforeUnload = (e: BeforeUnloadEvent) => { if (dirty) { e.preventDefault(); e.returnValue = unsavedMessage; } };
    window.addEventListener("beforeunload", beforeUnload);
    return () => { setLeaveGuard(null); window.removeEventListener("beforeunload", beforeUnload); };
  }, [dirty]);

  const activities = useMemo(() => doc.nodes.map((n) => ({ id: n.id, type: n.data.activity.type, inputs: (n.data.activity.inputs ?? {}) as Record<string, unknown> })), [doc.nodes]);
  const problems = useMemo(() => mergeProblems(validateDraft(activities, doc.edges, byType), serverProblems), [activities, doc.edges, byType, serverProblems]);

  const shownNodes = useMemo(() => doc.nodes.map((n) => {
    const fields = problems.byActivity.get(n.id);
    const errors = fields ? [...fields.values()].reduce((t, ms) => t + ms.length, 0) : 0;
    return n.data.errors === errors ? n : { ...n, data: { ...n.data, errors } };
  }), [doc.nodes, problems]);

  const selectedNodes = doc.nodes.filter((n) => n.selected);
  const selected = selectedNodes.length === 1 ? selectedNodes[0] : undefined;

  const addActivity = (type: string, position?: { x: number; y: number }) => {
    const taken = new Set(doc.nodes.map((n) => n.id));
    const id = freshId(type.charAt(0).toLowerCase() + type.slice(1), taken);
    const at = position ?? { x: 60 + doc.nodes.length * 40, y: 60 + doc.nodes.length * 30 };
    const node: FlowNode = { id, type: "activity", position: at, selected: true, data: { label: label({ type }), activity: { id, type, inputs: {} } as FlowNode["data"]["activity"] } };
    document.change({ nodes: [...doc.nodes.map((n) => ({ ...n, selected: false })), node], edges: doc.edges });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const type = event.dataTransfer.getData(dragType);
    if (!type || readOnly) return;
    addActivity(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  const setInput = (nodeId: string, input: string, value: unknown) => {
    document.change({
      ...doc,
      nodes: doc.nodes.map((n) => {
        if (n.id !== nodeId) return n;
        const inputs = { ...((n.data.activity.inputs ?? {}) as Record<string, unknown>) };
        if (value === undefined) delete inputs[input]; else inputs[input] = value;
        return { ...n, data: { ...n.data, activity: { ...n.data.activity, inputs: inputs as FlowNode["data"]["activity"]["inputs"] } } };
      }),
    });
  };

  const copy = () => {
    const nodes = doc.nodes.filter((n) => n.selected);
    const ids = new Set(nodes.map((n) => n.id));
    clipboard.current = { nodes, edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
    setStatus(`${nodes.length} activit${nodes.length === 1 ? "y" : "ies"} copied`);
  };
  const paste = () => {
    if (!clipboard.current || readOnly) return;
    const pasted = pasteCopies(clipboard.current.nodes, clipboard.current.edges, new Set(doc.nodes.map((n) => n.id)));
    document.change({ nodes: [...doc.nodes.map((n) => ({ ...n, selected: false })), ...pasted.nodes], edges: [...doc.edges, ...pasted.edges] });
  };
  const autoLayout = () => {
    const positions = layout(doc.nodes.map((n) => n.id), doc.edges);
    document.change({ ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) });
    requestAnimationFrame(() => flow.fitView(fitOptions));
  };

  const save = async (publish: boolean) => {
    const sent = current;
    try {
      const saved = await postJson<WorkflowDefinition>(`/api/workflow-definitions${publish ? "?publish=true" : ""}`, sent);
      setSavedJson(contentOf(sent));
      setStatus(publish ? `published as version ${saved.version}` : `draft saved as version ${saved.version}`);
      // Reload the version list and badge: the new draft (or published version) is now the latest.
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors) {
        const ids = (sent.root.activities ?? []).map((a) => a.id);
        const links = (sent.root.connections ?? []).map((c) => ({ source: c.source.activity, target: c.target.activity }));
        setServerProblems(problemsFromServer(e.problem.errors, ids, links));
        setStatus("the server refused the definition: see the marked fields");
      } else setStatus(e instanceof Error ? e.message : String(e));
    }
  };

  const rollback = async () => {
    if (!window.confirm(`Make version ${definition.version} the new draft? The published versions stay as they are.`)) return;
    try {
      await postJson<WorkflowDefinition>("/api/workflow-definitions", { ...current, version: 1, isPublished: false });
      setLeaveGuard(null);
      navigate(`/designer/${encodeURIComponent(definition.definitionId)}`);
    } catch (e) { setStatus(e instanceof Error ? e.message : String(e)); }
  };

  const importDefinition = (imported: WorkflowDefinition) => {
    const flowDoc = definitionToFlow({ ...imported, definitionId: definition.definitionId }, label);
    document.change(flowDoc);
    if (imported.name) setName(imported.name);
    requestAnimationFrame(() => flow.fitView(fitOptions));
  };

  // On the window, not the section: deleting the focused node moves the focus to <body>, and Ctrl+Z must still undo that.
  const onKeyDown = (event: globalThis.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
    const mod = event.ctrlKey || event.metaKey;
    if (!mod) return;
    const key = event.key.toLowerCase();
    if (key === "z" && !event.shiftKey && !readOnly) { event.preventDefault(); document.undo(); }
    else if ((key === "y" || (key === "z" && event.shiftKey)) && !readOnly) { event.preventDefault(); document.redo(); }
    else if (key === "c") { event.preventDefault(); copy(); }
    else if (key === "v" && !readOnly) { event.preventDefault(); paste(); }
  };

  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const listener = (event: globalThis.KeyboardEvent) => keyHandler.current(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const published = versions.find((v) => v.isPublished);
  const count = problemCount(problems);
  return (
    <section className="designer">
      <div className="designer-head">
        <h1>{definition.definitionId}</h1>
        <input aria-label="definition name" value={name} readOnly={readOnly} onChange={(e) => setName(e.target.value)} />
        <span className="badge" data-testid="version-badge">{readOnly ? `version ${definition.version} (read-only)` : isNew ? "new" : `version ${definition.version}${definition.isPublished ? " (published)" : " (draft)"}`}</span>
        {dirty && <span className="badge warn">unsaved</span>}
        <VersionsMenu definitionId={definition.definitionId} versions={versions} shown={isNew ? undefined : definition.version} />
      </div>
      <div className="toolbar">
        {readOnly ? (
          <button onClick={rollback}>Roll back to this version</button>
        ) : (
          <>
            <button onClick={() => save(false)}>Save draft</button>
            <button onClick={() => save(true)}>Publish</button>
            <button onClick={document.undo} disabled={!document.canUndo} title="Ctrl+Z">Undo</button>
            <button onClick={document.redo} disabled={!document.canRedo} title="Ctrl+Y">Redo</button>
            <button onClick={copy} title="Ctrl+C">Copy</button>
            <button onClick={paste} title="Ctrl+V">Paste</button>
            <button onClick={document.removeSelected} title="Delete">Delete selected</button>
            <button onClick={autoLayout}>Auto-layout</button>
          </>
        )}
        <button onClick={() => flow.fitView(fitOptions)}>Zoom to fit</button>
        <DefinitionFiles definition={current} readOnly={readOnly} onImport={importDefinition} />
        <TriggerPanel definitionId={definition.definitionId} canTrigger={published !== undefined && !dirty} />
        <span className="note" role="status">{status}</span>
      </div>
      {problems.general.length > 0 && <ul className="error general-problems">{problems.general.map((m, i) => <li key={i}>{m}</li>)}</ul>}
      <div className="designer-body">
        {!readOnly && <Palette descriptors={descriptors} onAdd={(t) => addActivity(t)} disabled={readOnly} />}
        <div className="canvas" onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = "move"; }} onDrop={onDrop} data-testid="canvas">
          <ReactFlow<FlowNode, Edge> nodes={shownNodes} edges={doc.edges} nodeTypes={nodeTypes}
            onNodesChange={document.onNodesChange} onEdgesChange={document.onEdgesChange} onConnect={document.onConnect} onNodeDragStart={document.onNodeDragStart}
            nodesDraggable={!readOnly} nodesConnectable={!readOnly} elementsSelectable deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
            multiSelectionKeyCode={["Control", "Meta", "Shift"]} fitView={initial.nodes.length > 0} fitViewOptions={fitOptions} proOptions={{ hideAttribution: true }}>
            <Background />
            <MiniMap pannable zoomable />
            <Controls />
          </ReactFlow>
        </div>
        {selected ? (
          <PropertyPanel key={selected.id} activityId={selected.id} descriptor={byType.get(selected.data.activity.type)}
            inputs={(selected.data.activity.inputs ?? {}) as Record<string, unknown>} problems={problems.byActivity.get(selected.id)} readOnly={readOnly}
            referencesFor={(input) => { const d = byType.get(selected.data.activity.type)?.inputs.find((i) => i.name === input); return d ? referenceChoices(selected.id, d, activities, doc.edges, byType) : []; }}
            onChange={(input, value) => setInput(selected.id, input, value)} />
        ) : (
          <aside className="properties"><p className="hint">{count === 0 ? "No problems." : `${count} problem(s): select a marked activity.`} Select one activity to edit its inputs; drag from Done (right) to In (left) to connect; Shift-drag or Ctrl-click to select several.</p></aside>
        )}
      </div>
    </section>
  );
}
