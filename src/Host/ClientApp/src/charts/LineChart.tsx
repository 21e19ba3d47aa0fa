import { plotSeries, type Series } from "./lineChart";

const colours = ["#1f6fd1", "#e07b14", "#2f9e55", "#a23bb5"];
const box = { width: 380, height: 170, left: 44, bottom: 22 };

/** A small SVG line chart with its value ranges on the axes and a legend; no chart library. */
export function LineChart({ title, series, xLabel, digits = 3 }: { title: string; series: Series[]; xLabel: string; digits?: number }) {
  const { paths, xRange, yRange } = plotSeries(series, box);
  const bottom = box.height - box.bottom;
  return (
    <figure className="line-chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${box.width} ${box.height}`} width={box.width} height={box.height} role="img">
        <line x1={box.left} y1={4} x2={box.left} y2={bottom} stroke="#9aa5b1" />
        <line x1={box.left} y1={bottom} x2={box.width - 4} y2={bottom} stroke="#9aa5b1" />
        <text x={box.left - 3} y={12} textAnchor="end">{yRange[1].toFixed(digits)}</text>
        <text x={box.left - 3} y={bottom} textAnchor="end">{yRange[0].toFixed(digits)}</text>
        <text x={box.left} y={box.height - 6}>{xRange[0]}</text>
        <text x={box.width - 4} y={box.height - 6} textAnchor="end">{xRange[1]}</text>
        <text x={(box.left + box.width) / 2} y={box.height - 6} textAnchor="middle">{xLabel}</text>
        {paths.map((p, i) => <path key={p.name} data-series={p.name} d={p.d} fill="none" stroke={colours[i % colours.length]} strokeWidth={1.8} />)}
      </svg>
      <div className="legend">{paths.map((p, i) => <span key={p.name} style={{ color: colours[i % colours.length] }}>■ {p.name}</span>)}</div>
    </figure>
  );
}
