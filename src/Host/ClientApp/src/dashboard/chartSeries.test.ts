import { describe, expect, it } from "vitest";
import { epochSeries, searchSeries } from "./chartSeries";

describe("chart series", () => {
  it("draws a search's best and median against candidates evaluated, and the reference across the curve", () => {
    const series = searchSeries({
      search: "cutout-seed1", evaluated: 7, rejections: {}, referenceFitness: 0.4,
      curve: [{ evaluated: 4, best: 0.3, median: 0.2 }, { evaluated: 7, best: 0.5, median: null }],
    });
    expect(series.map((s) => s.name)).toEqual(["best so far", "population median", "cross-entropy"]);
    expect(series[1]?.points).toEqual([{ x: 4, y: 0.2 }, { x: 7, y: null }]);
    expect(series[2]?.points).toEqual([{ x: 4, y: 0.4 }, { x: 7, y: 0.4 }]);
  });
  it("splits a unit's epochs into loss and accuracy", () => {
    const epochs = [{ epoch: 1, trainLoss: 2.1, trainAccuracy: 0.2, loss: 2.0, top1: 0.25 }];
    expect(epochSeries(epochs, "loss").map((s) => s.points[0]?.y)).toEqual([2.1, 2.0]);
    expect(epochSeries(epochs, "accuracy").map((s) => s.points[0]?.y)).toEqual([0.2, 0.25]);
  });
});
