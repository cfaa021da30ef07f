import { useId } from 'react';

export interface Bar { label: string; value: number; text: string }

const ROW = 28;
const LABEL_W = 38; // per cent of the width for the labels

/**
 * A horizontal bar chart in inline SVG (no chart library): one row per bar, scaled to the largest.
 * Screen readers get the same figures as a list (the SVG is hidden from them).
 */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(ROW, bars.length * ROW);
  return (
    <figure className="curator-chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" width="100%" height={height} aria-hidden="true" role="presentation">
        {bars.map((b, i) => {
          const w = ((100 - LABEL_W - 1) * b.value) / max;
          return (
            <g key={b.label} transform={`translate(0 ${i * ROW})`}>
              <rect x={LABEL_W} y={5} width={Math.max(w, b.value > 0 ? 0.5 : 0)} height={ROW - 10} className="curator-bar" />
            </g>
          );
        })}
      </svg>
      {/* Text sits outside the stretched SVG so it never distorts; it lines up with the rows. */}
      <ol className="curator-chart-labels" style={{ marginTop: -height }}>
        {bars.map((b) => (
          <li key={b.label} style={{ height: ROW }}>
            <span className="curator-chart-label">{b.label}</span>
            <span className="curator-chart-value">{b.text}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
