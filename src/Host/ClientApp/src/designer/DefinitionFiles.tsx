import { useRef, useState } from "react";
import type { WorkflowDefinition } from "../api/types";

/** JSON export and import of the definition, and a code view of its JSON. */
export function DefinitionFiles({ definition, readOnly, onImport }: { definition: WorkflowDefinition; readOnly: boolean; onImport: (d: WorkflowDefinition) => void }) {
  const [showCode, setShowCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const json = JSON.stringify(definition, null, 2);

  const exportFile = () => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    a.download = `${definition.definitionId}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const importFile = async (f: File) => {
    try {
      const parsed = JSON.parse(await f.text()) as WorkflowDefinition;
      if (!parsed.root || !Array.isArray(parsed.root.activities)) throw new Error("not a workflow definition: root.activities is missing");
      setError(null);
      onImport(parsed);
    } catch (e) { setError(`${f.name}: ${e instanceof Error ? e.message : String(e)}`); }
  };

  return (
    <>
      <button onClick={exportFile}>Export JSON</button>
      {!readOnly && <>
        <button onClick={() => file.current?.click()}>Import JSON</button>
        <input ref={file} type="file" accept="application/json,.json" hidden aria-label="import file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); e.target.value = ""; }} />
      </>}
      <button onClick={() => setShowCode(!showCode)}>{showCode ? "Hide code" : "Code view"}</button>
      {error && <span className="error">{error}</span>}
      {showCode && (
        // Floats over the canvas (and the toolbar on narrow windows): its own button closes it.
        <div className="code-view">
          <button className="small" onClick={() => setShowCode(false)}>Close code view</button>
          <pre aria-label="definition JSON">{json}</pre>
        </div>
      )}
    </>
  );
}
