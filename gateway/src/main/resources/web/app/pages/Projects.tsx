/** @jsxRuntime automatic */
// The project portfolio with filters, and a project's page: participants by partner name,
// milestones due and overdue, outcomes, history and status changes.
import { useState } from "react";
import { api } from "../lib/api";
import type { Schemas, SortKey } from "../lib/api";
import { canWrite } from "../lib/auth";
import { daysBetween, todayInZone } from "../lib/dates";
import { formatDate, formatMoney } from "../lib/i18n";
import { label, values } from "../lib/labels";
import { readListState, withFilter, writeListState } from "../lib/listState";
import type { ListState } from "../lib/listState";
import { Empty, Link, Loaded, RequireSignIn, Section, useLoad, useShell, useT } from "../ui/core";
import { Pager, SelectFilter, TransitionForm } from "../ui/widgets";
import { History, historyQuery } from "./Partners";

type Project = Schemas["Project"];
const FIELDS = [{ name: "q" }, { name: "status", values: values("projectStatus") }, { name: "researchArea", values: values("researchArea") },
  { name: "partnerId" }, { name: "tag" }];
const SORTS: readonly SortKey<"/api/v1/projects">[] = ["-createdAt", "code", "title", "-startDate", "startDate", "-budget", "-updatedAt"];

export function ProjectList() {
  return <RequireSignIn><ProjectListPage /></RequireSignIn>;
}

function ProjectListPage() {
  const tr = useT();
  const { query, navigate, lang } = useShell();
  const state = readListState(query, FIELDS, SORTS, "-createdAt");
  const go = (next: ListState<SortKey<"/api/v1/projects">>) => navigate(`/projects${writeListState(next, "-createdAt")}`, true);
  const [q, setQ] = useState(state.filters.q ?? "");
  const [list, reload] = useLoad((signal) => api.get("/api/v1/projects", {
    query: { ...state.filters, sort: [state.sort], page: state.page, size: state.size }, signal,
  }).then((a) => a.data), [writeListState(state, "-createdAt")]);
  return (
    <div>
      <h1>{tr("navProjects")}</h1>
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); go(withFilter(state, "q", q.trim())); }}>
        <label className="grow">{tr("search")}<input type="search" value={q} placeholder={tr("searchProjects")} onChange={(e) => setQ(e.target.value)} /></label>
        <SelectFilter name="status" enumName="projectStatus" label={tr("status")} state={state} go={go} />
        <SelectFilter name="researchArea" enumName="researchArea" label={tr("researchArea")} state={state} go={go} />
        <label>{tr("sort")}<select value={state.sort} onChange={(e) => go({ ...state, sort: SORTS.find((s) => s === e.target.value) ?? state.sort, page: 0 })}>
          {SORTS.map((s) => <option key={s} value={s}>{s}</option>)}</select></label>
        <button type="submit">{tr("search")}</button>
      </form>
      <Loaded load={list} retry={reload} service="project-service">
        {(page) => page.items.length === 0
          ? <Empty filtered={Object.keys(state.filters).length > 0} onClear={() => { setQ(""); go({ ...state, filters: {}, page: 0 }); }} />
          : (
            <>
              <div className="table-wrap"><table className="list">
                <thead><tr><th scope="col">{tr("code")}</th><th scope="col">{tr("title")}</th><th scope="col">{tr("status")}</th>
                  <th scope="col">{tr("researchArea")}</th><th scope="col">{tr("startDate")}</th><th scope="col">{tr("budget")}</th></tr></thead>
                <tbody>{page.items.map((p) => (
                  <tr key={p.id}><td><Link href={`/projects/${p.id}`}>{p.code}</Link></td><td>{p.title}</td>
                    <td><span className={`badge status-${p.status}`}>{label(lang, "projectStatus", p.status)}</span></td>
                    <td>{label(lang, "researchArea", p.researchArea)}</td><td>{formatDate(lang, p.startDate)}</td>
                    <td className="num">{p.budget?.amount ? formatMoney(lang, p.budget.amount, p.budget.currency ?? "CNY") : "—"}</td></tr>))}
                </tbody></table></div>
              <Pager of={page} go={(n) => go({ ...state, page: n })} />
            </>
          )}
      </Loaded>
    </div>
  );
}

export function ProjectDetail({ id }: { id: string }) {
  return <RequireSignIn><ProjectDetailPage id={id} /></RequireSignIn>;
}

function ProjectDetailPage({ id }: { id: string }) {
  const tr = useT();
  const { lang, session } = useShell();
  const [project, reload] = useLoad(async (signal) => {
    const answer = await api.get("/api/v1/projects/{id}", { path: { id }, signal });
    // participants by name: one read per partner, in parallel (a project has a handful)
    const names: Record<string, string> = {};
    await Promise.all((answer.data.participants ?? []).map(async (participant) => {
      const partnerId = participant.partnerId ?? "";
      try {
        const partner = await api.get("/api/v1/partners/{id}", { path: { id: partnerId }, signal });
        names[partnerId] = partner.data.name ?? partnerId;
      } catch {
        names[partnerId] = tr("unknownPartner");
      }
    }));
    return { ...answer, names };
  }, [id]);
  const [historyPage, setHistoryPage] = useState(0);
  const [history, reloadHistory] = useLoad((signal) => api.get("/api/v1/projects/{id}/history", {
    path: { id }, query: historyQuery(historyPage), signal,
  }).then((a) => a.data), [id, historyPage]);
  const today = todayInZone();
  return (
    <Loaded load={project} retry={reload} service="project-service">
      {({ data: p, etag, names }) => (
        <div>
          <div className="page-head"><div>
            <h1>{p.code} {p.title}</h1>
            <span className={`badge status-${p.status}`}>{label(lang, "projectStatus", p.status)}</span>
          </div></div>
          <div className="grid">
            <Section title={tr("details")} id="details">
              <dl className="facts">
                <dt>{tr("researchArea")}</dt><dd>{label(lang, "researchArea", p.researchArea)}</dd>
                <dt>{tr("startDate")}</dt><dd>{formatDate(lang, p.startDate)}</dd>
                <dt>{tr("endDate")}</dt><dd>{formatDate(lang, p.endDate)}</dd>
                <dt>{tr("budget")}</dt><dd>{p.budget?.amount ? formatMoney(lang, p.budget.amount, p.budget.currency ?? "CNY") : "—"}</dd>
                <dt>{tr("principalInvestigator")}</dt><dd>{[p.principalInvestigator?.name, p.principalInvestigator?.affiliation].filter(Boolean).join(" · ") || "—"}</dd>
              </dl>
              {p.summary ? <p>{p.summary}</p> : null}
            </Section>
            <Section title={tr("participants")} id="participants">
              <ul className="plain">{(p.participants ?? []).map((pp) => (
                <li key={pp.partnerId}><Link href={`/partners/${pp.partnerId}`}>{names[pp.partnerId ?? ""]}</Link>
                  {" "}<span className="badge">{label(lang, "participantRole", pp.role)}</span></li>))}</ul>
            </Section>
            <Section title={tr("milestones")} id="milestones">
              <Milestones items={p.milestones ?? []} today={today} />
            </Section>
            <Section title={tr("outcomes")} id="outcomes">
              {(p.outcomes ?? []).length === 0 ? <p className="muted">{tr("noOutcomes")}</p> : (
                <ul className="plain">{(p.outcomes ?? []).map((o) => (
                  <li key={o.id}><span className="badge">{label(lang, "outcomeType", o.type)}</span> {o.url ? <a href={o.url} rel="noreferrer noopener" target="_blank">{o.title}</a> : o.title}
                    <span className="muted"> · {formatDate(lang, o.date)}</span></li>))}</ul>
              )}
            </Section>
            {canWrite(session, "project") ? (
              <Section title={tr("transition")} id="transition">
                <TransitionForm moves={projectMoves(p.status)} enumName="projectStatus"
                  move={(to, reason) => api.post("/api/v1/projects/{id}/transitions", { path: { id }, ifMatch: etag, body: { to, reason } })}
                  done={() => { reload(); setHistoryPage(0); reloadHistory(); }} />
              </Section>
            ) : null}
          </div>
          <Section title={tr("history")} id="history">
            <Loaded load={history} retry={reloadHistory}>{(h) => <History page={h} go={setHistoryPage} enumName="projectStatus" />}</Loaded>
          </Section>
        </div>
      )}
    </Loaded>
  );
}

function Milestones({ items, today }: { items: Schemas["Milestone"][]; today: string }) {
  const tr = useT();
  const { lang } = useShell();
  if (items.length === 0) {
    return <p className="muted">{tr("empty")}</p>;
  }
  return (
    <ul className="plain">{items.map((m) => {
      const open = m.status === "PLANNED" || m.status === "IN_PROGRESS";
      const days = m.dueDate ? daysBetween(today, m.dueDate) : 0;
      const flag = open && days < 0 ? <span className="badge danger">{tr("overdue")}</span>
        : open && days <= 30 ? <span className="badge warn">{tr("dueSoon")}</span> : null;
      return (
        <li key={m.id}>{m.title} {flag}<div className="muted">{tr("dueDate")} {formatDate(lang, m.dueDate)} · {label(lang, "milestoneStatus", m.status)}</div></li>
      );
    })}</ul>
  );
}

function projectMoves(status: Project["status"]): Schemas["ProjectStatus"][] {
  switch (status) {
    case "PROPOSED": return ["APPROVED", "CANCELLED"];
    case "APPROVED": return ["ACTIVE", "CANCELLED"];
    case "ACTIVE": return ["ON_HOLD", "COMPLETED", "CANCELLED"];
    case "ON_HOLD": return ["ACTIVE", "CANCELLED"];
    default: return [];
  }
}
