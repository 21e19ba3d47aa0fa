import { describe, expect, it } from "vitest";
import { layout } from "./layout";

describe("layout", () => {
  it("puts every node to the right of the nodes connected into it", () => {
    const p = layout(["a", "b", "c"], [{ source: "a", target: "b" }, { source: "b", target: "c" }]);
    expect(p.get("a")!.x).toBeLessThan(p.get("b")!.x);
    expect(p.get("b")!.x).toBeLessThan(p.get("c")!.x);
  });
});
