import { describe, expect, it } from "vitest";
import { latexByExpression, leaderboard } from "./leaderboard";

describe("leaderboard", () => {
  it("averages over seeds per stage, augmentation and dataset, best first", () => {
    const rows = leaderboard({
      evolve: { scores: [
        { loss: "a", augmentation: "cutout", seed: 1, score: 0.5 },
        { loss: "a", augmentation: "cutout", seed: 2, score: 0.7 },
        { loss: "b", augmentation: "cutout", seed: 1, score: 0.9 },
      ] },
      report: { reportPath: "x" },
    });
    expect(rows.map((r) => [r.loss, r.mean, r.seeds])).toEqual([["b", 0.9, 1], ["a", 0.6, 2]]);
  });
  it("collects LaTeX from nested outputs", () => {
    const map = latexByExpression({ searches: [{ top: [{ expression: "-(y * log(yhat))", latex: "-y\\log\\hat y" }] }] });
    expect(map.get("-(y * log(yhat))")).toBe("-y\\log\\hat y");
  });
});
