import { describe, expect, it } from "vitest";
import { plotSeries } from "./lineChart";

const box = { width: 104, height: 104, left: 0, bottom: 0 };

describe("plotSeries", () => {
  it("scales every series into the box with y upwards", () => {
    const plotted = plotSeries([
      { name: "best", points: [{ x: 0, y: 0 }, { x: 10, y: 1 }] },
      { name: "median", points: [{ x: 0, y: 0.5 }, { x: 10, y: 0.5 }] },
    ], box);
    expect(plotted.xRange).toEqual([0, 10]);
    expect(plotted.yRange).toEqual([0, 1]);
    expect(plotted.paths).toEqual([
      { name: "best", d: "M0.0,104.0L100.0,4.0" },
      { name: "median", d: "M0.0,54.0L100.0,54.0" },
    ]);
  });
  it("leaves a gap at a missing value and draws a single value mid-chart", () => {
    const plotted = plotSeries([{ name: "loss", points: [{ x: 1, y: 2 }, { x: 2, y: null }, { x: 3, y: 2 }] }], box);
    expect(plotted.yRange).toEqual([1.5, 2.5]);
    expect(plotted.paths[0]?.d).toBe("M0.0,54.0M100.0,54.0");
  });
});
