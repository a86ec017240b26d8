// The overview's period picker: presets and a custom range turned into the statistics
// endpoints' from, to and interval; and the charts' series from the answered buckets.
import { addMonths, isDate, todayInZone } from "./dates";

export type Interval = "week" | "month" | "quarter" | "year";
export const INTERVALS: Interval[] = ["week", "month", "quarter", "year"];
export type Preset = "12w" | "12m" | "8q" | "5y" | "custom";
export const PRESETS: Preset[] = ["12w", "12m", "8q", "5y", "custom"];

export interface Period {
  from: string;
  to: string;
  interval: Interval;
}

/** The most buckets the services answer; the picker refuses a custom range wider than that. */
export const MAX_BUCKETS = 200;

/** A preset's range ending today (in the center's zone), starting on the first day of its first period. */
export function presetPeriod(preset: Exclude<Preset, "custom">, today: string = todayInZone()): Period {
  const [y, m] = today.split("-").map(Number);
  switch (preset) {
    case "12w": {
      const [yy, mm, dd] = today.split("-").map(Number);
      const date = new Date(Date.UTC(yy, mm - 1, dd));
      const monday = (date.getUTCDay() + 6) % 7;
      const from = new Date(Date.UTC(yy, mm - 1, dd - monday - 7 * 11)).toISOString().slice(0, 10);
      return { from, to: today, interval: "week" };
    }
    case "12m":
      return { from: addMonths(`${y}-${String(m).padStart(2, "0")}-01`, -11), to: today, interval: "month" };
    case "8q": {
      const quarterStart = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: addMonths(`${y}-${String(quarterStart).padStart(2, "0")}-01`, -21), to: today, interval: "quarter" };
    }
    case "5y":
      return { from: `${y - 4}-01-01`, to: today, interval: "year" };
  }
}

/** How many buckets a range makes (as the services count them: calendar periods touching the range). */
export function bucketCount(period: Period): number {
  const [fy, fm, fd] = period.from.split("-").map(Number);
  const [ty, tm, td] = period.to.split("-").map(Number);
  switch (period.interval) {
    case "year":
      return ty - fy + 1;
    case "quarter":
      return (ty - fy) * 4 + Math.floor((tm - 1) / 3) - Math.floor((fm - 1) / 3) + 1;
    case "month":
      return (ty - fy) * 12 + tm - fm + 1;
    case "week": {
      const from = Date.UTC(fy, fm - 1, fd);
      const to = Date.UTC(ty, tm - 1, td);
      const fromMonday = from - ((new Date(from).getUTCDay() + 6) % 7) * 86400000;
      return Math.floor((to - fromMonday) / (7 * 86400000)) + 1;
    }
  }
}

/** What is wrong with a custom range, as a message key, or null when the services will take it. */
export function periodProblem(period: Period): "badDate" | "fromAfterTo" | "tooManyBuckets" | null {
  if (!isDate(period.from) || !isDate(period.to)) {
    return "badDate";
  }
  if (period.from > period.to) {
    return "fromAfterTo";
  }
  return bucketCount(period) > MAX_BUCKETS ? "tooManyBuckets" : null;
}

/** The period named by a URL's query (from, to, interval), or the default twelve months. */
export function periodFromQuery(query: URLSearchParams, today: string = todayInZone()): { preset: Preset; period: Period } {
  const preset = query.get("period");
  if (preset === "custom") {
    const interval = query.get("interval");
    const period: Period = {
      from: query.get("from") ?? "",
      to: query.get("to") ?? today,
      interval: INTERVALS.includes(interval as Interval) ? (interval as Interval) : "month",
    };
    if (periodProblem(period) === null) {
      return { preset: "custom", period };
    }
  }
  if (preset === "12w" || preset === "8q" || preset === "5y") {
    return { preset, period: presetPeriod(preset, today) };
  }
  return { preset: "12m", period: presetPeriod("12m", today) };
}

export interface Series {
  name: string;
  values: number[];
}

/** One series per field of the buckets, in bucket order; absent values count as 0. */
export function seriesOf<B>(buckets: readonly B[], fields: readonly (keyof B & string)[]): Series[] {
  return fields.map((field) => ({
    name: field,
    values: buckets.map((bucket) => {
      const value = bucket[field];
      return typeof value === "number" ? value : 0;
    }),
  }));
}

/** Per currency, the started budget of each bucket as a number of whole units (for the chart's bars only). */
export function budgetSeries(buckets: readonly { startedBudget: readonly { amount: string; currency?: string }[] }[],
                             currencies: readonly string[]): Series[] {
  return currencies.map((currency) => ({
    name: currency,
    values: buckets.map((bucket) => {
      const money = bucket.startedBudget.find((m) => m.currency === currency);
      return money ? Number(money.amount) : 0;
    }),
  }));
}
