import type { components } from "../api/schema";

/** GET /api/descriptors/activities, as the palette and the property panel read it (generated from the OpenAPI document). */
type Schemas = components["schemas"];
export type InputDescriptor = Omit<Schemas["InputDescriptorView"], "default"> & { default?: unknown };
export type OutputDescriptor = Schemas["OutputDescriptorView"];
export type ActivityDescriptor = Omit<Schemas["ActivityDescriptorView"], "inputs"> & { inputs: InputDescriptor[] };

/** Which editor fits an input: chosen from its descriptor only, never from the activity type. */
export type EditorKind = "choice" | "multi-choice" | "boolean" | "integer" | "number" | "text" | "list" | "json";

export function editorKind(input: InputDescriptor): EditorKind {
  // Open choice lists (a documented form beyond the listed values) get free text with the choices as suggestions.
  const closed = Array.isArray(input.choices) && input.choices.length > 0 && !input.choicesOpen;
  if (input.type === "array") return closed ? "multi-choice" : "list";
  if (closed) return "choice";
  switch (input.type) {
    case "boolean": return "boolean";
    case "integer": return "integer";
    case "number": return "number";
    case "string": return "text";
    default: return "json";
  }
}

/** The palette: activities grouped by category (sorted), filtered by a search over name, type and description. */
export function paletteGroups(descriptors: ActivityDescriptor[], query: string): [string, ActivityDescriptor[]][] {
  const q = query.trim().toLowerCase();
  const groups = new Map<string, ActivityDescriptor[]>();
  for (const d of descriptors) {
    if (q && ![d.displayName, d.type, d.description, d.category].some((s) => s.toLowerCase().includes(q))) continue;
    groups.set(d.category || "Other", [...(groups.get(d.category || "Other") ?? []), d]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([c, ds]) => [c, ds.sort((x, y) => x.displayName.localeCompare(y.displayName))]);
}
