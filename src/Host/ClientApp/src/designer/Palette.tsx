import { useState, type DragEvent } from "react";
import { paletteGroups, type ActivityDescriptor } from "./descriptors";

export const dragType = "application/x-losssearch-activity";

/** Activities by category, searchable; drag one onto the canvas (or press Add). */
export function Palette({ descriptors, onAdd, disabled }: { descriptors: ActivityDescriptor[]; onAdd: (type: string) => void; disabled: boolean }) {
  const [query, setQuery] = useState("");
  const start = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(dragType, type);
    event.dataTransfer.effectAllowed = "move";
  };
  return (
    <aside className="palette" aria-label="palette">
      <input type="search" placeholder="Search activities" aria-label="search activities" value={query} onChange={(e) => setQuery(e.target.value)} />
      {paletteGroups(descriptors, query).map(([category, items]) => (
        <div key={category} className="palette-group">
          <h4>{category}</h4>
          {items.map((d) => (
            <div key={d.type} className="palette-item" draggable={!disabled} onDragStart={(e) => start(e, d.type)} title={d.description} data-testid={`palette-${d.type}`}>
              <span>{d.displayName}</span>
              <button className="small" disabled={disabled} onClick={() => onAdd(d.type)} aria-label={`add ${d.type}`}>+</button>
            </div>
          ))}
        </div>
      ))}
    </aside>
  );
}
