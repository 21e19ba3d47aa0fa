import type { EpochChartPoint, SearchChart } from "../api/types";
import type { Series } from "../charts/lineChart";

/** Best-so-far and population-median fitness against candidates evaluated, and cross-entropy's own fitness as a flat line. */
export function searchSeries(search: SearchChart): Series[] {
  const series: Series[] = [
    { name: "best so far", points: search.curve.map((p) => ({ x: p.evaluated, y: p.best })) },
    { name: "population median", points: search.curve.map((p) => ({ x: p.evaluated, y: p.median })) },
  ];
  const reference = search.referenceFitness;
  const first = search.curve[0];
  const last = search.curve[search.curve.length - 1];
  if (reference !== null && first && last)
    series.push({ name: "cross-entropy", points: [{ x: first.evaluated, y: reference }, { x: last.evaluated, y: reference }] });
  return series;
}

/** A unit's loss (training and evaluation split) or accuracy (training and evaluation top-1) per finished epoch. */
export function epochSeries(epochs: EpochChartPoint[], what: "loss" | "accuracy"): Series[] {
  return what === "loss"
    ? [
      { name: "training loss", points: epochs.map((e) => ({ x: e.epoch, y: e.trainLoss })) },
      { name: "evaluation loss", points: epochs.map((e) => ({ x: e.epoch, y: e.loss })) },
    ]
    : [
      { name: "training accuracy", points: epochs.map((e) => ({ x: e.epoch, y: e.trainAccuracy })) },
      { name: "evaluation top-1", points: epochs.map((e) => ({ x: e.epoch, y: e.top1 })) },
    ];
}
