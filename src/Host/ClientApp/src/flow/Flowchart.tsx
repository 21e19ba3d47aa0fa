import { Background, Controls, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import type { Edge } from "@xyflow/react";
import { fitOptions } from "./fit";
import { nodeTypes } from "./ActivityNodeView";
import type { FlowNode } from "./graph";

/** The read-only flowchart of an instance. */
export function Flowchart({ nodes, edges, onSelect }: { nodes: FlowNode[]; edges: Edge[]; onSelect: (id: string) => void }) {
  return (
    <ReactFlowProvider>
      <div className="canvas readonly">
        <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView fitViewOptions={fitOptions} nodesDraggable={false} nodesConnectable={false}
          elementsSelectable onNodeClick={(_, n) => onSelect(n.id)} proOptions={{ hideAttribution: true }}>
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </ReactFlowProvider>
  );
}
