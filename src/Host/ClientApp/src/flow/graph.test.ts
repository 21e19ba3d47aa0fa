import { describe, expect, it } from "vitest";
import type { WorkflowDefinition } from "../api/types";
import { definitionToFlow, flowToDefinition } from "./graph";

const definition = {
  definitionId: "d", name: "D", version: 1, isPublished: false,
  root: {
    type: "Flowchart",
    activities: [
      { id: "a", type: "Echo", inputs: { text: "hi" }, metadata: { designer: { position: { x: 5, y: 6 } } } },
      { id: "b", type: "Echo", inputs: { text: { from: "a", output: "result" } } },
    ],
    connections: [{ source: { activity: "a", port: "Done" }, target: { activity: "b", port: "In" } }],
  },
} as unknown as WorkflowDefinition;

describe("definition ↔ canvas", () => {
  it("keeps activities, inputs and connections and stores positions in metadata.designer.position", () => {
    const { nodes, edges } = definitionToFlow(definition);
    expect(nodes[0]!.position).toEqual({ x: 5, y: 6 });
    nodes[1]!.position = { x: 300.4, y: 10 };
    const back = flowToDefinition(definition, nodes, edges);
    expect(back.root.activities![1]!.metadata!.designer!.position).toEqual({ x: 300, y: 10 });
    expect(back.root.activities![1]!.inputs).toEqual({ text: { from: "a", output: "result" } });
    expect(back.root.connections).toEqual(definition.root.connections);
  });
});
