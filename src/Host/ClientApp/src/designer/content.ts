import type { WorkflowDefinition } from "../api/types";

/** What the user edits in a definition, as text: equal before and after a save, whatever version or flag the server gave it. */
export function contentOf(definition: WorkflowDefinition): string {
  return JSON.stringify({ name: definition.name ?? null, description: definition.description ?? null, root: definition.root });
}
