/** One line of a chart: y per x, null where there is no value (drawn as a gap). */
export interface Series {
  name: string;
  points: { x: number; y: number | null }[];
}

export interface ChartBox {
  width: number;
  height: number;
  /** Space left for the axis labels. */
  left: number;
  bottom: number;
}

export interface Plotted {
  paths: { name: string; d: string }[];
  xRange: [number, number];
  yRange: [number, number];
}

/** The finite extent of the series' values; a single value is widened so that a flat line sits mid-chart. */
function extent(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** SVG path data for each series, scaled into the box (y grows upwards), with a gap at every missing value. */
export function plotSeries(series: Series[], box: ChartBox): Plotted {
  const all = series.flatMap((s) => s.points);
  const xRange = extent(all.map((p) => p.x));
  const yRange = extent(all.flatMap((p) => (p.y === null || !Number.isFinite(p.y) ? [] : [p.y])));
  const sx = (x: number) => box.left + ((x - xRange[0]) / (xRange[1] - xRange[0])) * (box.width - box.left - 4);
  const sy = (y: number) => 4 + (1 - (y - yRange[0]) / (yRange[1] - yRange[0])) * (box.height - box.bottom - 4);
  const paths = series.map((s) => {
    let d = "";
    let pen = false;
    for (const p of s.points) {
      if (p.y === null || !Number.isFinite(p.y)) { pen = false; continue; }
      d += `${pen ? "L" : "M"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`;
      pen = true;
    }
    return { name: s.name, d };
  });
  return { paths, xRange, yRange };
}
