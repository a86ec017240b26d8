/** @jsxRuntime automatic */
// Charts with Apache ECharts, tree-shaken: only the core, the canvas renderer and the charts and
// components below are bundled. Each chart carries its numbers in a table for screen readers
// (and for the browser test, which checks them against the API).
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import type { ComposeOption } from "echarts/core";
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from "echarts/charts";
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from "echarts/components";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption
  | LegendComponentOption | TooltipComponentOption>;

const PALETTE = ["#2563eb", "#16a34a", "#dc2626", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#475569", "#ea580c"];
const FONT = "system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  kind?: "bar" | "line";
}

/** Charts drawn so far; the browser test reads it to know when the overview is complete. */
declare global {
  interface Window {
    aicChartsDrawn?: number;
  }
}

function useEChart(option: Option, key: string) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = element.current;
    if (!container) {
      return undefined;
    }
    const chart = echarts.init(container, undefined, { renderer: "canvas" });
    chart.on("finished", () => {
      if (container.dataset.drawn !== "true") {
        container.dataset.drawn = "true";
        window.aicChartsDrawn = (window.aicChartsDrawn ?? 0) + 1;
        performance.mark("aic-chart-drawn");
      }
    });
    chart.setOption({ color: PALETTE, textStyle: { fontFamily: FONT }, animation: false, ...option });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return element;
}

/** Bars or lines over categories (buckets, enum values), with a table of the same numbers. */
export function CategoryChart({ id, label, categories, series, percent, stacked }: {
  id: string; label: string; categories: string[]; series: ChartSeries[]; percent?: boolean; stacked?: boolean;
}) {
  const option: Option = {
    tooltip: { trigger: "axis" },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 8, right: 8, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: categories, axisLabel: { hideOverlap: true } },
    yAxis: percent
      ? { type: "value", min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } }
      : { type: "value", minInterval: 1 },
    series: series.map((s) => s.kind === "line"
      ? { type: "line", name: s.name, data: s.values, connectNulls: false, symbolSize: 6 }
      : { type: "bar", name: s.name, data: s.values, stack: stacked ? "all" : undefined, barMaxWidth: 28 }),
  };
  const element = useEChart(option, JSON.stringify([categories, series, percent, stacked]));
  return (
    <figure className="chart" data-chart={id}>
      <div ref={element} className="chart-canvas" role="img" aria-label={label} />
      <table className="visually-hidden" data-chart-table={id}>
        <caption>{label}</caption>
        <thead><tr><th scope="col">{label}</th>{series.map((s) => <th scope="col" key={s.name}>{s.name}</th>)}</tr></thead>
        <tbody>
          {categories.map((category, i) => (
            <tr key={category}><th scope="row">{category}</th>
              {series.map((s) => <td key={s.name} data-value={s.values[i] ?? ""}>{s.values[i] ?? "—"}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** A doughnut of counts by enum value (zeros left out of the ring, kept in the table). */
export function ShareChart({ id, label, entries }: { id: string; label: string; entries: { key: string; name: string; value: number }[] }) {
  const option: Option = {
    tooltip: { trigger: "item" },
    legend: { type: "scroll", orient: "horizontal", bottom: 0 },
    series: [{
      type: "pie", radius: ["40%", "68%"], center: ["50%", "44%"], avoidLabelOverlap: true,
      label: { show: false },
      data: entries.filter((e) => e.value > 0).map((e) => ({ name: e.name, value: e.value })),
    }],
  };
  const element = useEChart(option, JSON.stringify(entries));
  return (
    <figure className="chart" data-chart={id}>
      <div ref={element} className="chart-canvas" role="img" aria-label={label} />
      <table className="visually-hidden" data-chart-table={id}>
        <caption>{label}</caption>
        <tbody>
          {entries.map((e) => <tr key={e.key} data-key={e.key}><th scope="row">{e.name}</th><td data-value={e.value}>{e.value}</td></tr>)}
        </tbody>
      </table>
    </figure>
  );
}
