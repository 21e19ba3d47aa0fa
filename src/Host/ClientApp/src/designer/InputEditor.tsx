import { useEffect, useState } from "react";
import { editorKind, type InputDescriptor } from "./descriptors";
import { isReference, type Reference } from "./references";

interface Props {
  input: InputDescriptor;
  value: unknown;
  references: Reference[];
  readOnly: boolean;
  onChange: (value: unknown) => void;
}

const label = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** JSON text that becomes the value only once it parses. */
function JsonEditor({ value, onChange, readOnly, name }: { value: unknown; onChange: (v: unknown) => void; readOnly: boolean; name: string }) {
  const [text, setText] = useState(() => (value === undefined ? "" : JSON.stringify(value, null, 1)));
  const [bad, setBad] = useState(false);
  useEffect(() => { setText(value === undefined ? "" : JSON.stringify(value, null, 1)); }, [value]);
  return (
    <>
      <textarea aria-label={name} readOnly={readOnly} value={text} rows={3} onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === "") { setBad(false); onChange(undefined); return; }
        try { onChange(JSON.parse(e.target.value)); setBad(false); } catch { setBad(true); }
      }} />
      {bad && <div className="field-error">not valid JSON yet</div>}
    </>
  );
}

/** A list of literal items: one row each, add and remove. */
function ListEditor({ input, value, onChange, readOnly }: Omit<Props, "references">) {
  const items = Array.isArray(value) ? value : [];
  const itemType = input.itemType;
  const parse = (text: string): unknown => {
    if (itemType === "integer" || itemType === "number") return text.trim() === "" ? text : Number(text);
    if (itemType === "string") return text;
    try { return JSON.parse(text); } catch { return text; }
  };
  return (
    <div className="list-editor">
      {items.map((item, i) => (
        <div key={i} className="list-row">
          <input aria-label={`${input.name}[${i}]`} readOnly={readOnly} list={input.choices ? `choices-${input.name}` : undefined} value={label(item)} onChange={(e) => onChange(items.map((x, j) => (j === i ? parse(e.target.value) : x)))} />
          {!readOnly && <button className="small" aria-label={`remove ${input.name}[${i}]`} onClick={() => onChange(items.filter((_, j) => j !== i))}>×</button>}
        </div>
      ))}
      {!readOnly && <button className="small" onClick={() => onChange([...items, itemType === "integer" || itemType === "number" ? 0 : ""])}>add item</button>}
      <Suggestions input={input} />
    </div>
  );
}

/** The listed values of an open choice list, offered while typing. */
function Suggestions({ input }: { input: InputDescriptor }) {
  return input.choices ? <datalist id={`choices-${input.name}`}>{input.choices.map((c) => <option key={c} value={c} />)}</datalist> : null;
}

function LiteralEditor({ input, value, onChange, readOnly }: Omit<Props, "references">) {
  const kind = editorKind(input);
  const id = `input-${input.name}`;
  switch (kind) {
    case "boolean":
      return <input id={id} aria-label={input.name} type="checkbox" disabled={readOnly} checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case "integer":
    case "number":
      return <input id={id} aria-label={input.name} type="number" readOnly={readOnly} step={kind === "integer" ? 1 : "any"}
        min={input.minimum ?? undefined} max={input.maximum ?? undefined}
        value={typeof value === "number" ? value : value === undefined ? "" : String(value)} placeholder={input.default === undefined ? "" : label(input.default)}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))} />;
    case "choice":
      return (
        <select id={id} aria-label={input.name} disabled={readOnly} value={value === undefined ? "" : JSON.stringify(value)} onChange={(e) => onChange(e.target.value === "" ? undefined : JSON.parse(e.target.value))}>
          <option value="">{input.default === undefined ? "— choose —" : `default (${label(input.default)})`}</option>
          {input.choices!.map((c) => <option key={JSON.stringify(c)} value={JSON.stringify(c)}>{label(c)}</option>)}
        </select>
      );
    case "multi-choice": {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div className="multi-choice" role="group" aria-label={input.name}>
          {input.choices!.map((c) => {
            const on = chosen.some((x) => JSON.stringify(x) === JSON.stringify(c));
            return (
              <label key={JSON.stringify(c)}><input type="checkbox" disabled={readOnly} checked={on}
                onChange={() => onChange(on ? chosen.filter((x) => JSON.stringify(x) !== JSON.stringify(c)) : [...chosen, c])} /> {label(c)}</label>
            );
          })}
        </div>
      );
    }
    case "list":
      return <ListEditor input={input} value={value} onChange={onChange} readOnly={readOnly} />;
    case "text":
      return <>
        <input id={id} aria-label={input.name} type="text" readOnly={readOnly} value={typeof value === "string" ? value : value === undefined ? "" : label(value)}
          list={input.choices ? `choices-${input.name}` : undefined}
          placeholder={input.default === undefined ? "" : label(input.default)} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />
        <Suggestions input={input} />
      </>;
    case "json":
      return <JsonEditor name={input.name} value={value} onChange={onChange} readOnly={readOnly} />;
  }
}

/** A value, or "the output of an earlier activity" chosen from the upstream outputs that fit. */
export function InputEditor(props: Props) {
  const { input, value, references, readOnly, onChange } = props;
  const referenced = isReference(value);
  const canReference = references.length > 0 || referenced;
  return (
    <div className="input-editor">
      {canReference && (
        <select aria-label={`${input.name} source`} disabled={readOnly} value={referenced ? "output" : "value"}
          onChange={(e) => onChange(e.target.value === "output" ? references[0] : input.default)}>
          <option value="value">value</option>
          <option value="output" disabled={references.length === 0}>output of an earlier activity</option>
        </select>
      )}
      {referenced ? (
        <select aria-label={`${input.name} output`} disabled={readOnly} value={`${value.from}.${value.output}`}
          onChange={(e) => onChange(references.find((r) => `${r.from}.${r.output}` === e.target.value))}>
          {!references.some((r) => r.from === value.from && r.output === value.output) && <option value={`${value.from}.${value.output}`}>{value.from}.{value.output} (not upstream)</option>}
          {references.map((r) => <option key={`${r.from}.${r.output}`} value={`${r.from}.${r.output}`}>{r.from}.{r.output}</option>)}
        </select>
      ) : (
        <LiteralEditor input={input} value={value} onChange={onChange} readOnly={readOnly} />
      )}
    </div>
  );
}
