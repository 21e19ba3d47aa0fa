import type { ActivityDescriptor } from "./descriptors";
import { InputEditor } from "./InputEditor";
import type { Reference } from "./references";

interface Props {
  activityId: string;
  descriptor: ActivityDescriptor | undefined;
  inputs: Record<string, unknown>;
  problems: Map<string, string[]> | undefined;
  referencesFor: (input: string) => Reference[];
  readOnly: boolean;
  onChange: (input: string, value: unknown) => void;
}

/** The selected activity's inputs, one editor per descriptor input, with the problems of each field beside it. */
export function PropertyPanel({ activityId, descriptor, inputs, problems, referencesFor, readOnly, onChange }: Props) {
  if (!descriptor) return <aside className="properties"><p>Unknown activity type.</p></aside>;
  const own = problems?.get("") ?? [];
  return (
    <aside className="properties" aria-label="properties">
      <h3>{descriptor.displayName} <small>{activityId}</small></h3>
      <p className="hint">{descriptor.description}</p>
      {own.map((m, i) => <div key={i} className="field-error" role="alert">{m}</div>)}
      {descriptor.inputs.map((input) => {
        const errors = problems?.get(input.name) ?? [];
        return (
          <div key={input.name} className={`field ${errors.length ? "has-error" : ""}`} data-testid={`field-${input.name}`}>
            <label title={input.description}>{input.name}{input.required ? " *" : ""} <small>{input.type}{input.itemType ? ` of ${input.itemType}` : ""}</small></label>
            <InputEditor input={input} value={inputs[input.name]} references={referencesFor(input.name)} readOnly={readOnly} onChange={(v) => onChange(input.name, v)} />
            <div className="field-help">{input.description}</div>
            {errors.map((m, i) => <div key={i} className="field-error" role="alert">{m}</div>)}
          </div>
        );
      })}
      {[...(problems?.entries() ?? [])].filter(([name]) => name !== "" && !descriptor.inputs.some((i) => i.name === name)).map(([name, ms]) =>
        ms.map((m, i) => <div key={`${name}${i}`} className="field-error" role="alert">{name}: {m}</div>))}
    </aside>
  );
}
