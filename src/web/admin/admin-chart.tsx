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

/** `id` names the chart's title and description, so two charts on one page keep distinct ids. */
export function HealthChart(p: { title: string; description: string; bars: ChartBar[]; id?: string; testid?: string }) {
  const id = p.id ?? "chart";
  const max = Math.max(0, ...p.bars.map((b) => b.count));
  const height = Math.max(ROW, p.bars.length * ROW) + 4;
  return (
    <svg
      class="chart"
      data-testid={p.testid ?? "health-chart"}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width={CHART_WIDTH}
      height={height}
      role="group"
      aria-labelledby={`${id}-title ${id}-desc`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{p.title}</title>
      <desc id={`${id}-desc`}>{p.description}</desc>
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

/** One day of the daily chart: succeeded and failed, stacked; the label says both. */
export type DayColumn = { day: string; succeeded: number; failed: number; label: string };

const DAILY_HEIGHT = 160;
const DAILY_AXIS = 18;

/**
 * Resets per day as stacked columns (succeeded below, failed on top), scaled to the
 * busiest day. Columns narrow as the range grows, so a year still fits the chart's
 * width; every column has a `<title>` with the day and its figures.
 */
export function DailyChart(p: { title: string; description: string; days: DayColumn[] }) {
  const max = Math.max(1, ...p.days.map((d) => d.succeeded + d.failed));
  const step = CHART_WIDTH / Math.max(1, p.days.length);
  const width = Math.max(1, step - (step > 4 ? 1 : 0));
  const scale = (n: number) => (n <= 0 ? 0 : Math.max(1, Math.round((n / max) * DAILY_HEIGHT)));
  const height = DAILY_HEIGHT + DAILY_AXIS + 4;
  const first = p.days[0]?.day ?? "";
  const last = p.days.at(-1)?.day ?? "";
  return (
    <svg
      class="chart"
      data-testid="daily-chart"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width={CHART_WIDTH}
      height={height}
      role="group"
      aria-labelledby="daily-title daily-desc"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="daily-title">{p.title}</title>
      <desc id="daily-desc">{p.description}</desc>
      {p.days.map((d, i) => {
        const ok = scale(d.succeeded);
        const bad = scale(d.failed);
        const x = Math.round(i * step * 100) / 100;
        return (
          <g class="row" data-day={d.day}>
            <title>{d.label}</title>
            <rect class="bar succeeded" x={x} y={DAILY_HEIGHT - ok} width={width} height={ok} />
            <rect class="bar failed" x={x} y={DAILY_HEIGHT - ok - bad} width={width} height={bad} />
          </g>
        );
      })}
      <text x={0} y={DAILY_HEIGHT + DAILY_AXIS - 4}>
        {first}
      </text>
      <text x={CHART_WIDTH} y={DAILY_HEIGHT + DAILY_AXIS - 4} text-anchor="end">
        {last}
      </text>
    </svg>
  );
}
