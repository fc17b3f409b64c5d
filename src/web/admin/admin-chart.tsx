/**
 * The tenant-health bar chart: one horizontal bar per finding code that affects anyone,
 * drawn as plain SVG on the server. Widths are computed here, colours come from class
 * names in app.css (the strict CSP allows no style attributes), and every bar carries a
 * `<title>` so screen readers and hover tooltips say what it counts. Each bar links to
 * the users behind its code; the same figures are also given as a table next to it.
 */
import type { Severity } from "../../domain/catalogue";

export type ChartBar = { code: string; count: number; severity: Severity; label: string; href: string };

const ROW = 26;
const BAR_HEIGHT = 18;
const LABEL_WIDTH = 320;
const BAR_MAX = 420;
const COUNT_WIDTH = 70;
export const CHART_WIDTH = LABEL_WIDTH + BAR_MAX + COUNT_WIDTH;

/** A bar's width in px: proportional to the largest count, never thinner than 2 px so a 1 still shows. */
export function barWidth(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(2, Math.round((count / max) * BAR_MAX));
}

export function HealthChart(p: { title: string; description: string; bars: ChartBar[] }) {
  const max = Math.max(0, ...p.bars.map((b) => b.count));
  const height = Math.max(ROW, p.bars.length * ROW) + 4;
  return (
    <svg
      class="chart"
      data-testid="health-chart"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width={CHART_WIDTH}
      height={height}
      role="group"
      aria-labelledby="chart-title chart-desc"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="chart-title">{p.title}</title>
      <desc id="chart-desc">{p.description}</desc>
      {p.bars.map((b, i) => {
        const y = i * ROW + 2;
        const w = barWidth(b.count, max);
        return (
          <a href={b.href} class="bar-link" data-code={b.code}>
            <g class="row">
              <title>{b.label}</title>
              <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT - 4} text-anchor="end">
                {b.code}
              </text>
              <rect
                class={`bar ${b.severity}`}
                x={LABEL_WIDTH}
                y={y}
                width={w}
                height={BAR_HEIGHT}
                data-count={b.count}
              />
              <text x={LABEL_WIDTH + w + 6} y={y + BAR_HEIGHT - 4}>
                {String(b.count)}
              </text>
            </g>
          </a>
        );
      })}
    </svg>
  );
}
