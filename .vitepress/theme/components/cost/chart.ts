/**
 * The cost calculator's chart: monthly cost against monthly requests (log x axis) for Lambda,
 * Fargate and Workers, with the Lambda/Fargate crossover marked by a point and a dashed
 * vertical line. Loaded only in the browser (the component imports it in onMounted).
 */
import {
  Chart,
  type ChartDataset,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  type Plugin,
  PointElement,
  Tooltip,
} from 'chart.js';
import { formatDollars, formatRequests, type Series } from './calculator.ts';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  Legend,
  Tooltip,
);

type Point = { x: number; y: number };

interface Palette {
  lambda: string;
  fargate: string;
  workers: string;
  crossover: string;
  text: string;
  grid: string;
}

/** Colours from the theme's CSS variables, so light and dark mode both read well. */
function palette(element: Element): Palette {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    lambda: v('--vp-c-warning-1', '#b8860b'),
    fargate: v('--vp-c-brand-1', '#3451b2'),
    workers: v('--vp-c-green-1', '#18794e'),
    crossover: v('--vp-c-danger-1', '#b8272c'),
    text: v('--vp-c-text-2', '#67676c'),
    grid: v('--vp-c-divider', '#e2e2e3'),
  };
}

/** A dashed vertical line under the crossover point, labelled with its request count. */
const crossoverLine: Plugin<'line'> = {
  id: 'courseCrossoverLine',
  afterDatasetsDraw(chart) {
    const meta = chart.getDatasetMeta(3);
    const point = meta.data[0];
    const dataset = chart.data.datasets[3];
    if (!point || !dataset || meta.hidden || dataset.data.length === 0) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.strokeStyle = String(dataset.borderColor);
    ctx.fillStyle = String(dataset.borderColor);
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(point.x, chartArea.top);
    ctx.lineTo(point.x, chartArea.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = '12px sans-serif';
    const x = (dataset.data[0] as Point).x;
    const label = `crossover ${formatRequests(x)}`;
    const width = ctx.measureText(label).width;
    const left = point.x + 6 + width > chartArea.right ? point.x - 6 - width : point.x + 6;
    ctx.fillText(label, left, chartArea.top + 14);
    ctx.restore();
  },
};

function datasets(series: Series, colours: Palette): ChartDataset<'line', Point[]>[] {
  const line = (label: string, ys: number[], colour: string, dash: number[] = []) => ({
    label,
    data: series.requests.map((x, i) => ({ x, y: ys[i] ?? 0 })),
    borderColor: colour,
    backgroundColor: colour,
    borderDash: dash,
    borderWidth: 2,
    pointRadius: 0,
    pointHoverRadius: 4,
    tension: 0,
  });
  return [
    line('Lambda', series.lambda, colours.lambda),
    line('Fargate', series.fargate, colours.fargate, [6, 3]),
    line('Workers Standard', series.workers, colours.workers, [2, 3]),
    {
      label: 'Crossover (Lambda = Fargate)',
      data: series.crossover ? [{ x: series.crossover.requests, y: series.crossover.cost }] : [],
      borderColor: colours.crossover,
      backgroundColor: colours.crossover,
      showLine: false,
      pointRadius: 6,
      pointHoverRadius: 8,
      pointStyle: 'rectRot',
    },
  ];
}

export interface CostChart {
  update(series: Series): void;
  /** Re-reads the theme colours (after a light/dark switch). */
  recolour(): void;
  destroy(): void;
}

export function createCostChart(canvas: HTMLCanvasElement, series: Series): CostChart {
  let current = series;
  let colours = palette(canvas);
  const chart = new Chart<'line', Point[]>(canvas, {
    type: 'line',
    data: { datasets: datasets(series, colours) },
    plugins: [crossoverLine],
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'logarithmic',
          title: { display: true, text: 'Requests per month (log scale)', color: colours.text },
          ticks: {
            color: colours.text,
            callback: (value) => {
              const n = Number(value);
              return Number.isInteger(Math.log10(n)) ? formatRequests(n) : '';
            },
          },
          grid: { color: colours.grid },
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          title: { display: true, text: 'Cost per month (USD)', color: colours.text },
          ticks: { color: colours.text, callback: (value) => formatDollars(Number(value)) },
          grid: { color: colours.grid },
        },
      },
      plugins: {
        legend: { labels: { color: colours.text, usePointStyle: true } },
        tooltip: {
          callbacks: {
            title: (items) => `${formatRequests(items[0]?.parsed.x ?? 0)} requests a month`,
            label: (item) => `${item.dataset.label}: ${formatDollars(item.parsed.y ?? 0)}`,
          },
        },
      },
    },
  });

  return {
    update(next) {
      current = next;
      chart.data.datasets = datasets(next, colours);
      chart.update();
    },
    recolour() {
      colours = palette(canvas);
      const scales = chart.options.scales ?? {};
      for (const axis of [scales.x, scales.y]) {
        if (!axis) continue;
        if (axis.ticks) axis.ticks.color = colours.text;
        if (axis.grid) axis.grid.color = colours.grid;
        if (axis.title) axis.title.color = colours.text;
      }
      const legend = chart.options.plugins?.legend;
      if (legend?.labels) legend.labels.color = colours.text;
      this.update(current);
    },
    destroy() {
      chart.destroy();
    },
  };
}
