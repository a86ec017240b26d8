/** @jsxRuntime automatic */
// The center in one screen: the dashboard summary (one call to the gateway) and the trends of the
// three services for the chosen period, which lives in the URL like every other choice.
import { useState } from "react";
import { api } from "../lib/api";
import type { Schemas } from "../lib/api";
import { bucketLabel, formatDate, formatMoney, formatNumber, formatPercent } from "../lib/i18n";
import { label, values } from "../lib/labels";
import type { EnumName } from "../lib/labels";
import { budgetSeries, INTERVALS, PRESETS, periodFromQuery, periodProblem, presetPeriod, seriesOf } from "../lib/trends";
import type { Interval, Period, Preset } from "../lib/trends";
import { CategoryChart, ShareChart } from "../ui/Chart";
import { ErrorState, Link, Loaded, RequireSignIn, Section, useLoad, useShell, useT } from "../ui/core";

type Summary = Schemas["DashboardSummary"];

export function Overview() {
  return <RequireSignIn><OverviewPage /></RequireSignIn>;
}

function OverviewPage() {
  const tr = useT();
  const { query } = useShell();
  const { preset, period } = periodFromQuery(query);
  const [summary, reloadSummary] = useLoad((signal) => api.get("/api/v1/dashboard/summary", { signal }).then((a) => a.data), []);
  const key = [period.from, period.to, period.interval];
  const [trends, reloadTrends] = useLoad((signal) => Promise.all([
    api.get("/api/v1/partners/statistics", { query: period, signal }).then((a) => a.data),
    api.get("/api/v1/projects/statistics", { query: period, signal }).then((a) => a.data),
    api.get("/api/v1/programmes/statistics", { query: period, signal }).then((a) => a.data),
  ]), key);
  const ready = summary.state !== "loading" && trends.state !== "loading";
  return (
    <div className="overview" data-ready={ready ? "true" : "false"}>
      <h1>{tr("overviewTitle")}</h1>
      <Loaded load={summary} retry={reloadSummary}>{(data) => <SummaryPanels summary={data} retry={reloadSummary} />}</Loaded>
      <Section title={tr("trends")} id="trends">
        <PeriodPicker preset={preset} period={period} />
        <Loaded load={trends} retry={reloadTrends}>
          {([partners, projects, programmes]) => <TrendCharts period={period} partners={partners} projects={projects} programmes={programmes} />}
        </Loaded>
      </Section>
    </div>
  );
}

function counts<N extends EnumName>(lang: "zh" | "en", name: N, byValue: Record<string, number> | undefined) {
  return values(name).map((value) => ({ key: value, name: label(lang, name, value), value: byValue?.[value] ?? 0 }));
}

/** A part of the summary whose service did not answer: the rest of the page stays, with a way to ask again. */
function Unavailable({ reason, retry }: { reason?: string; retry: () => void }) {
  const tr = useT();
  return (
    <div className="state error" role="alert">
      <p>{tr("partUnavailable", { reason: reason ?? "" })}</p>
      <button type="button" onClick={retry}>{tr("retry")}</button>
    </div>
  );
}

function SummaryPanels({ summary, retry }: { summary: Summary; retry: () => void }) {
  const tr = useT();
  const { lang } = useShell();
  const partners = summary.partners;
  const projects = summary.projects;
  const programmes = summary.programmes;
  const seats = programmes?.seats;
  return (
    <>
      <div className="kpis" role="list">
        <Kpi id="partners-total" label={tr("navPartners")} value={partners?.available ? formatNumber(lang, partners.total ?? 0) : "—"} />
        <Kpi id="projects-total" label={tr("navProjects")} value={projects?.available ? formatNumber(lang, projects.total ?? 0) : "—"} />
        <Kpi id="budget" wide label={tr("budgetTotals")}
          value={(projects?.budgetTotals ?? []).map((b) => formatMoney(lang, b.amount ?? "0", b.currency ?? "CNY")).join(" · ") || "—"} />
        <Kpi id="seats-taken" label={`${tr("seats")}: ${tr("seatsTaken")}`} value={seats ? formatNumber(lang, seats.taken ?? 0) : "—"} />
        <Kpi id="seats-free" label={`${tr("seats")}: ${tr("seatsFree")}`} value={seats ? formatNumber(lang, seats.free ?? 0) : "—"} />
        <Kpi id="waitlisted" label={tr("waitlisted")} value={seats ? formatNumber(lang, seats.waitlisted ?? 0) : "—"} />
        <Kpi id="completion-rate" label={tr("completionRate")} value={formatPercent(lang, programmes?.completionRate)} hint={tr("completionRateHelp")} />
      </div>
      <div className="grid">
        {partners?.available ? (
          <>
            <Section title={tr("partnersByType")} id="partners-by-type">
              <CategoryChart id="partners-by-type" label={tr("partnersByType")}
                categories={counts(lang, "partnerType", partners.byType).map((e) => e.name)}
                series={[{ name: tr("total"), values: counts(lang, "partnerType", partners.byType).map((e) => e.value) }]} />
            </Section>
            <Section title={tr("partnersByStatus")} id="partners-by-status">
              <ShareChart id="partners-by-status" label={tr("partnersByStatus")} entries={counts(lang, "partnerStatus", partners.byStatus)} />
            </Section>
            <Section title={tr("partnersBySector")} id="partners-by-sector">
              <CategoryChart id="partners-by-sector" label={tr("partnersBySector")}
                categories={counts(lang, "sector", partners.bySector).map((e) => e.name)}
                series={[{ name: tr("total"), values: counts(lang, "sector", partners.bySector).map((e) => e.value) }]} />
            </Section>
            <Section title={tr("partnersByTier")} id="partners-by-tier">
              <ShareChart id="partners-by-tier" label={tr("partnersByTier")} entries={counts(lang, "tier", partners.byTier)} />
            </Section>
          </>
        ) : <Unavailable reason={partners?.reason} retry={retry} />}
        {projects?.available ? (
          <>
            <Section title={tr("projectsByStatus")} id="projects-by-status">
              <ShareChart id="projects-by-status" label={tr("projectsByStatus")} entries={counts(lang, "projectStatus", projects.byStatus)} />
            </Section>
            <Section title={tr("projectsByArea")} id="projects-by-area">
              <CategoryChart id="projects-by-area" label={tr("projectsByArea")}
                categories={counts(lang, "researchArea", projects.byArea).map((e) => e.name)}
                series={[{ name: tr("total"), values: counts(lang, "researchArea", projects.byArea).map((e) => e.value) }]} />
            </Section>
            <Section title={tr("milestonesDueSoon", { days: projects.milestonesDueSoon?.days ?? 30 })} id="milestones-due">
              <Milestones digest={projects.milestonesDueSoon} />
            </Section>
            <Section title={tr("milestonesOverdue")} id="milestones-overdue">
              <Milestones digest={projects.overdueMilestones} overdue />
            </Section>
          </>
        ) : <Unavailable reason={projects?.reason} retry={retry} />}
        {programmes?.available ? null : <Unavailable reason={programmes?.reason} retry={retry} />}
      </div>
    </>
  );
}

function Kpi({ id, label: text, value, hint, wide }: { id: string; label: string; value: string; hint?: string; wide?: boolean }) {
  return (
    <div className={wide ? "kpi wide" : "kpi"} role="listitem" data-kpi={id}>
      <span className="kpi-label">{text}</span>
      <span className="kpi-value">{value}</span>
      {hint ? <span className="kpi-hint">{hint}</span> : null}
    </div>
  );
}

function Milestones({ digest, overdue }: { digest: Schemas["DashboardMilestoneDigest"] | undefined; overdue?: boolean }) {
  const tr = useT();
  const { lang } = useShell();
  const items = digest?.items ?? [];
  if (items.length === 0) {
    return <p className="muted">{tr("noMilestones")}</p>;
  }
  return (
    <>
      <p className="count" data-count={digest?.count ?? 0}>{formatNumber(lang, digest?.count ?? 0)}</p>
      <ul className="milestones">
        {items.map((m) => (
          <li key={m.milestoneId}>
            <span className={overdue ? "badge danger" : "badge warn"}>{formatDate(lang, m.dueDate)}</span>{" "}
            <Link href={`/projects/${m.projectId}`}>{m.projectCode}</Link> {m.title}
            <span className="muted"> · {m.projectTitle}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function PeriodPicker({ preset, period }: { preset: Preset; period: Period }) {
  const tr = useT();
  const { navigate, path } = useShell();
  const [custom, setCustom] = useState<Period>(period);
  const problem = periodProblem(custom);
  const presetLabel: Record<Preset, string> = {
    "12w": tr("presetLast12Weeks"), "12m": tr("presetLast12Months"), "8q": tr("presetLast8Quarters"),
    "5y": tr("presetLast5Years"), custom: tr("presetCustom"),
  };
  const choose = (next: Preset) => {
    if (next === "custom") {
      navigate(`${path}?period=custom&from=${custom.from}&to=${custom.to}&interval=${custom.interval}`, true);
    } else {
      setCustom(presetPeriod(next));
      navigate(next === "12m" ? path : `${path}?period=${next}`, true);
    }
  };
  return (
    <form className="period" onSubmit={(event) => { event.preventDefault(); if (!problem) choose("custom"); }}>
      <fieldset>
        <legend>{tr("period")}</legend>
        <div className="segmented" role="radiogroup" aria-label={tr("period")}>
          {PRESETS.map((p) => (
            <label key={p} className={p === preset ? "on" : ""}>
              <input type="radio" name="preset" value={p} checked={p === preset} onChange={() => choose(p)} />
              {presetLabel[p]}
            </label>
          ))}
        </div>
        {preset === "custom" ? (
          <div className="row">
            <label>{tr("from")} <input type="date" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} /></label>
            <label>{tr("to")} <input type="date" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} /></label>
            <label>{tr("interval")}{" "}
              <select value={custom.interval} onChange={(e) => setCustom({ ...custom, interval: e.target.value as Interval })}>
                {INTERVALS.map((i) => <option key={i} value={i}>{tr(`interval${i}`)}</option>)}
              </select>
            </label>
            <button type="submit" disabled={problem !== null}>{tr("apply")}</button>
            {problem ? <span className="field-error" role="alert">{problem === "tooManyBuckets" ? "≤ 200" : problem === "fromAfterTo" ? `${tr("from")} ≤ ${tr("to")}` : "yyyy-mm-dd"}</span> : null}
          </div>
        ) : null}
      </fieldset>
    </form>
  );
}

function TrendCharts({ period, partners, projects, programmes }: {
  period: Period; partners: Schemas["PartnerStatistics"]; projects: Schemas["ProjectStatistics"]; programmes: Schemas["ProgrammeStatistics"];
}) {
  const tr = useT();
  const { lang } = useShell();
  const partnerBuckets = partners.trends?.buckets ?? [];
  const projectBuckets = projects.trends?.buckets ?? [];
  const enrolmentBuckets = programmes.trends?.buckets ?? [];
  const categories = partnerBuckets.map((b) => bucketLabel(lang, period.interval, b.start ?? ""));
  if (partnerBuckets.length === 0) {
    return <ErrorState error={new Error("no trends")} />;
  }
  const named = (names: Record<string, string>, series: { name: string; values: number[] }[]) =>
    series.map((s) => ({ ...s, name: names[s.name] ?? s.name }));
  return (
    <div className="grid">
      <Section title={tr("trendPartners")} id="trend-partners">
        <CategoryChart id="trend-partners" label={tr("trendPartners")} categories={categories}
          series={named({ joined: tr("joined"), ended: tr("ended") }, seriesOf(partnerBuckets, ["joined", "ended"]))} />
      </Section>
      <Section title={tr("trendProjects")} id="trend-projects">
        <CategoryChart id="trend-projects" label={tr("trendProjects")} categories={categories}
          series={named({ started: tr("started"), completed: tr("completed"), cancelled: tr("cancelled") },
            seriesOf(projectBuckets, ["started", "completed", "cancelled"]))} />
      </Section>
      <Section title={tr("trendBudget")} id="trend-budget">
        <CategoryChart id="trend-budget" label={tr("trendBudget")} categories={categories} stacked
          series={budgetSeries(projectBuckets.map((b) => ({ startedBudget: (b.startedBudget ?? []).map((m) => ({ amount: m.amount ?? "0", currency: m.currency })) })),
            projects.trends?.currencies ?? [])} />
      </Section>
      <Section title={tr("trendEnrolments")} id="trend-enrolments">
        <CategoryChart id="trend-enrolments" label={tr("trendEnrolments")} categories={categories}
          series={named({ made: tr("made"), waitlisted: tr("waitlisted"), cancelled: tr("cancelled"), completed: tr("completed") },
            seriesOf(enrolmentBuckets, ["made", "waitlisted", "cancelled", "completed"])).map((s) => ({ ...s, kind: "line" as const }))} />
      </Section>
      <Section title={tr("trendCompletion")} id="trend-completion">
        <CategoryChart id="trend-completion" label={tr("trendCompletion")} categories={categories} percent
          series={[{ name: tr("completionRate"), kind: "line", values: enrolmentBuckets.map((b) => b.completionRate ?? null) }]} />
      </Section>
    </div>
  );
}
