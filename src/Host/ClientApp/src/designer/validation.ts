import type { ActivityDescriptor, InputDescriptor } from "./descriptors";
import { addProblem, emptyProblems, type Problems } from "./problemPaths";
import { isReference, upstreamOf } from "./references";

export interface DraftActivity {
  id: string;
  type: string;
  inputs: Record<string, unknown>;
}

interface Link { source: string; target: string }

/** Why a number breaks the input's range (which applies to each item of a list), or null. */
function checkRange(input: InputDescriptor, type: string | null | undefined, value: unknown): string | null {
  if (type !== "integer" && type !== "number") return null;
  if (typeof value !== "number" || Number.isNaN(value)) return "expected a number";
  if (type === "integer" && !Number.isInteger(value)) return "expected a whole number";
  const { minimum, maximum } = input;
  if (typeof minimum === "number" && (input.exclusiveMinimum ? value <= minimum : value < minimum)) return input.exclusiveMinimum ? `must be more than ${minimum}` : `must be at least ${minimum}`;
  if (typeof maximum === "number" && (input.exclusiveMaximum ? value >= maximum : value > maximum)) return input.exclusiveMaximum ? `must be less than ${maximum}` : `must be at most ${maximum}`;
  return null;
}

/** Why a literal does not fit its input, or null. */
export function checkValue(input: InputDescriptor, value: unknown): string | null {
  if (value === undefined || value === null || value === "") return input.required ? "required" : null;
  if (isReference(value)) return null;
  switch (input.type) {
    case "integer":
    case "number": {
      const problem = checkRange(input, input.type, value);
      if (problem) return problem;
      break;
    }
    case "boolean":
      if (typeof value !== "boolean") return "expected true or false";
      break;
    case "string":
      if (typeof value !== "string") return "expected text";
      break;
    case "array":
      if (!Array.isArray(value)) return "expected a list";
      if (input.required && value.length === 0) return "required";
      for (const [i, item] of value.entries()) {
        const problem = checkRange(input, input.itemType, item);
        if (problem) return `item ${i + 1}: ${problem}`;
      }
      break;
  }
  const choices = input.choices;
  if (Array.isArray(choices) && choices.length > 0 && !input.choicesOpen) {
    const values = Array.isArray(value) ? value : [value];
    const outside = values.filter((v) => !choices.some((c) => JSON.stringify(c) === JSON.stringify(v)));
    if (outside.length > 0) return `not one of ${choices.map((c) => JSON.stringify(c)).join(", ")}: ${outside.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return null;
}

/** The activities on a cycle of connections: those that can reach themselves. */
export function cycleMembers(ids: string[], connections: Link[]): Set<string> {
  const onCycle = (id: string) => {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop()!;
      for (const c of connections) {
        if (c.source !== current) continue;
        if (c.target === id) return true;
        if (!seen.has(c.target)) { seen.add(c.target); stack.push(c.target); }
      }
    }
    return false;
  };
  return new Set(ids.filter(onCycle));
}

/** The checks that run while editing: types, required inputs, ranges, references upstream, cycles, start nodes. */
export function validateDraft(activities: DraftActivity[], connections: Link[], descriptors: Map<string, ActivityDescriptor>): Problems {
  const problems = emptyProblems();
  const ids = activities.map((a) => a.id);
  for (const a of activities) {
    const descriptor = descriptors.get(a.type);
    if (!descriptor) { addProblem(problems, a.id, "", `unknown activity type '${a.type}'`); continue; }
    const upstream = upstreamOf(a.id, connections);
    for (const input of descriptor.inputs) {
      const value = a.inputs[input.name];
      const problem = checkValue(input, value);
      if (problem) addProblem(problems, a.id, input.name, problem);
      if (isReference(value)) {
        const source = activities.find((x) => x.id === value.from);
        if (!source) addProblem(problems, a.id, input.name, `unknown activity '${value.from}'`);
        else if (!upstream.has(value.from)) addProblem(problems, a.id, input.name, `'${value.from}' does not run before '${a.id}': connect it upstream`);
        else if (!descriptors.get(source.type)?.outputs.some((o) => o.name === value.output)) addProblem(problems, a.id, input.name, `'${source.type}' has no output '${value.output}'`);
      }
    }
    for (const name of Object.keys(a.inputs)) if (!descriptor.inputs.some((i) => i.name === name)) addProblem(problems, a.id, name, `'${a.type}' has no input '${name}'`);
  }
  for (const id of cycleMembers(ids, connections)) addProblem(problems, id, "", "on a cycle of connections");
  const starts = ids.filter((id) => !connections.some((c) => c.target === id));
  if (ids.length > 0 && starts.length === 0) problems.general.push("no start activity: every activity has an incoming connection");
  for (const id of starts.slice(1)) addProblem(problems, id, "", `a second start node (${starts[0]} starts the flowchart): connect Done → In into it`);
  return problems;
}
