import type { ActivityDescriptor, InputDescriptor, OutputDescriptor } from "./descriptors";

export interface Reference {
  from: string;
  output: string;
}

export function isReference(value: unknown): value is Reference {
  const r = value as Reference;
  return typeof r === "object" && r !== null && !Array.isArray(r) && typeof r.from === "string" && typeof r.output === "string" && Object.keys(r).length === 2;
}

interface Link { source: string; target: string }

/** Every activity that runs before `activityId`: reachable backwards through the connections. */
export function upstreamOf(activityId: string, connections: Link[]): Set<string> {
  const found = new Set<string>();
  const stack = [activityId];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const c of connections) if (c.target === current && !found.has(c.source)) { found.add(c.source); stack.push(c.source); }
  }
  found.delete(activityId);
  return found;
}

/** Whether an output may feed an input: the JSON-type rule the server applies, and for lists and objects the same .NET value type. */
export function fits(input: InputDescriptor, output: OutputDescriptor): boolean {
  if (!(input.type === "object" || output.type === input.type || (input.type === "number" && output.type === "integer"))) return false;
  return !(input.type === "array" || input.type === "object") || !input.valueType || !output.valueType || input.valueType === output.valueType;
}

/** The outputs an input may take: only of activities upstream of it, and only those whose type fits. */
export function referenceChoices(activityId: string, input: InputDescriptor, activities: { id: string; type: string }[], connections: Link[],
  descriptors: Map<string, ActivityDescriptor>): Reference[] {
  const upstream = upstreamOf(activityId, connections);
  return activities.filter((a) => upstream.has(a.id)).flatMap((a) =>
    (descriptors.get(a.type)?.outputs ?? []).filter((o) => fits(input, o)).map((o) => ({ from: a.id, output: o.name })));
}
