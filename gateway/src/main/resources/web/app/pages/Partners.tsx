/** @jsxRuntime automatic */
// The partner directory (q over Chinese and English names, filters, sort, paging, all in the URL)
// and a partner's page: details, contacts, agreements in force, its projects, programmes and
// people's enrolments (the gateway's overview), history, editing and status changes.
import { useState } from "react";
import type { FormEvent } from "react";
import { api, ApiProblem, newKey } from "../lib/api";
import type { Schemas, SortKey } from "../lib/api";
import { canWrite } from "../lib/auth";
import { changedSince, changesUnder } from "../lib/conflicts";
import { formatDate, formatInstant } from "../lib/i18n";
import { label, values } from "../lib/labels";
import { readListState, withFilter, writeListState } from "../lib/listState";
import type { ListState } from "../lib/listState";
import { Empty, Link, Loaded, RequireSignIn, Section, useLoad, useShell, useT } from "../ui/core";
import { Pager, SelectFilter, TransitionForm } from "../ui/widgets";

type Partner = Schemas["Partner"];
type PartnerRequest = Schemas["PartnerRequest"];

const FIELDS = [
  { name: "q" }, { name: "type", values: values("partnerType") }, { name: "status", values: values("partnerStatus") },
  { name: "sector", values: values("sector") }, { name: "tier", values: values("tier") }, { name: "district" },
];
const SORTS: readonly SortKey<"/api/v1/partners">[] = ["name", "-name", "nameEn", "-updatedAt", "-joinedOn", "type", "tier", "status"];

export function PartnerList() {
  return <RequireSignIn><PartnerListPage /></RequireSignIn>;
}

function PartnerListPage() {
  const tr = useT();
  const { query, navigate, lang, session } = useShell();
  const state = readListState(query, FIELDS, SORTS, "name");
  const go = (next: ListState<SortKey<"/api/v1/partners">>) => navigate(`/partners${writeListState(next, "name")}`, true);
  const [q, setQ] = useState(state.filters.q ?? "");
  const [list, reload] = useLoad((signal) => api.get("/api/v1/partners", {
    query: { ...state.filters, sort: [state.sort], page: state.page, size: state.size }, signal,
  }).then((a) => a.data), [writeListState(state, "name")]);
  const filtered = Object.keys(state.filters).length > 0;
  return (
    <div>
      <div className="page-head">
        <h1>{tr("navPartners")}</h1>
        {canWrite(session, "partner") ? <Link className="button" href="/partners/new">{tr("newPartner")}</Link> : null}
      </div>
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); go(withFilter(state, "q", q.trim())); }}>
        <label className="grow">{tr("search")}
          <input type="search" name="q" value={q} placeholder={tr("searchPartners")} onChange={(e) => setQ(e.target.value)} />
        </label>
        <SelectFilter name="type" enumName="partnerType" label={tr("type")} state={state} go={go} />
        <SelectFilter name="status" enumName="partnerStatus" label={tr("status")} state={state} go={go} />
        <SelectFilter name="sector" enumName="sector" label={tr("sector")} state={state} go={go} />
        <SelectFilter name="tier" enumName="tier" label={tr("tier")} state={state} go={go} />
        <label>{tr("sort")}
          <select value={state.sort} onChange={(e) => go({ ...state, sort: SORTS.find((s) => s === e.target.value) ?? state.sort, page: 0 })}>
            {SORTS.map((s) => <option key={s} value={s}>{sortLabel(tr, s)}</option>)}
          </select>
        </label>
        <button type="submit">{tr("search")}</button>
      </form>
      <Loaded load={list} retry={reload} service="partner-service">
        {(page) => page.items.length === 0
          ? <Empty filtered={filtered} onClear={() => { setQ(""); go({ ...state, filters: {}, page: 0 }); }} />
          : (
            <>
              <div className="table-wrap">
                <table className="list">
                  <thead><tr><th scope="col">{tr("name")}</th><th scope="col">{tr("type")}</th><th scope="col">{tr("status")}</th>
                    <th scope="col">{tr("tier")}</th><th scope="col">{tr("district")}</th><th scope="col">{tr("joinedOn")}</th></tr></thead>
                  <tbody>
                    {page.items.map((p) => (
                      <tr key={p.id}>
                        <td><Link href={`/partners/${p.id}`}>{p.name}</Link>{p.nameEn ? <div className="muted">{p.nameEn}</div> : null}</td>
                        <td>{label(lang, "partnerType", p.type)}</td>
                        <td><span className={`badge status-${p.status}`}>{label(lang, "partnerStatus", p.status)}</span></td>
                        <td>{label(lang, "tier", p.tier)}</td>
                        <td>{p.address?.district ?? "—"}</td>
                        <td>{formatDate(lang, p.joinedOn)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager of={page} go={(n) => go({ ...state, page: n })} />
            </>
          )}
      </Loaded>
    </div>
  );
}

function sortLabel(tr: ReturnType<typeof useT>, sort: string): string {
  const names: Record<string, string> = {
    name: tr("name"), nameEn: tr("nameEn"), updatedAt: tr("updatedAt"), joinedOn: tr("joinedOn"),
    type: tr("type"), tier: tr("tier"), status: tr("status"),
  };
  const field = sort.replace(/^-/, "");
  return `${names[field] ?? field} ${sort.startsWith("-") ? "↓" : "↑"}`;
}

export function PartnerDetail({ id }: { id: string }) {
  return <RequireSignIn><PartnerDetailPage id={id} /></RequireSignIn>;
}

function PartnerDetailPage({ id }: { id: string }) {
  const tr = useT();
  const { lang, session } = useShell();
  const [editing, setEditing] = useState(false);
  const [partner, reload] = useLoad((signal) => api.get("/api/v1/partners/{id}", { path: { id }, signal }), [id]);
  const [overview, reloadOverview] = useLoad((signal) => api.get("/api/v1/partners/{id}/overview", { path: { id }, signal })
    .then((a) => a.data), [id]);
  const [historyPage, setHistoryPage] = useState(0);
  const [history, reloadHistory] = useLoad((signal) => api.get("/api/v1/partners/{id}/history", {
    path: { id }, query: historyQuery(historyPage), signal,
  }).then((a) => a.data), [id, historyPage]);
  const changed = () => { reload(); setHistoryPage(0); reloadHistory(); };
  const writer = canWrite(session, "partner");
  return (
    <Loaded load={partner} retry={reload} service="partner-service">
      {({ data: p, etag }) => (
        <div>
          <div className="page-head">
            <div>
              <h1>{p.name}</h1>
              {p.nameEn ? <p className="subtitle">{p.nameEn}</p> : null}
              <span className={`badge status-${p.status}`}>{label(lang, "partnerStatus", p.status)}</span>
            </div>
            {writer && !editing ? <button type="button" onClick={() => setEditing(true)}>{tr("edit")}</button> : null}
          </div>
          {!writer ? <p className="muted">{tr("readOnlyRole")}</p> : null}
          {editing ? (
            <PartnerForm partner={p} etag={etag} onDone={() => { setEditing(false); changed(); }} />
          ) : (
            <div className="grid">
              <Section title={tr("details")} id="details">
                <dl className="facts">
                  <dt>{tr("type")}</dt><dd>{label(lang, "partnerType", p.type)}</dd>
                  <dt>{tr("tier")}</dt><dd>{label(lang, "tier", p.tier)}</dd>
                  <dt>{tr("sector")}</dt><dd>{(p.sectors ?? []).map((s) => label(lang, "sector", s)).join("、") || "—"}</dd>
                  <dt>{tr("creditCode")}</dt><dd>{p.creditCode ?? "—"}</dd>
                  <dt>{tr("website")}</dt><dd>{p.website ? <a href={p.website} rel="noreferrer noopener" target="_blank">{p.website}</a> : "—"}</dd>
                  <dt>{tr("address")}</dt><dd>{[p.address?.district, p.address?.city, p.address?.province, p.address?.country].filter(Boolean).join(", ") || "—"}</dd>
                  <dt>{tr("joinedOn")}</dt><dd>{formatDate(lang, p.joinedOn)}</dd>
                  <dt>{tr("updatedAt")}</dt><dd>{formatInstant(lang, p.updatedAt)}</dd>
                </dl>
              </Section>
              <Section title={tr("contacts")} id="contacts">
                {(p.contacts ?? []).length === 0 ? <p className="muted">{tr("empty")}</p> : (
                  <ul className="plain">{(p.contacts ?? []).map((c, i) => (
                    <li key={i}><strong>{c.name}</strong> {c.title} {c.primary ? <span className="badge">{tr("primary")}</span> : null}
                      <div className="muted">{[c.email, c.phone].filter(Boolean).join(" · ")}</div></li>))}</ul>
                )}
              </Section>
              <Section title={tr("agreements")} id="agreements">
                {(p.agreements ?? []).filter((a) => a.inForce).length === 0 ? <p className="muted">{tr("noAgreements")}</p> : (
                  <ul className="plain">{(p.agreements ?? []).filter((a) => a.inForce).map((a, i) => (
                    <li key={i}><strong>{label(lang, "agreementType", a.type)}</strong> {a.title}
                      <div className="muted">{tr("signedOn")} {formatDate(lang, a.signedOn)} · {tr("expiresOn")} {formatDate(lang, a.expiresOn)}</div></li>))}</ul>
                )}
              </Section>
              {writer ? (
                <Section title={tr("transition")} id="transition">
                  <TransitionForm moves={partnerMoves(p.status)} enumName="partnerStatus"
                    move={(to, reason) => api.post("/api/v1/partners/{id}/transitions", { path: { id }, ifMatch: etag, body: { to, reason } })}
                    done={changed} />
                </Section>
              ) : null}
            </div>
          )}
          <Loaded load={overview} retry={reloadOverview}>
            {(o) => (
              <div className="grid">
                <Section title={tr("itsProjects")} id="its-projects">
                  <Listing listing={o.projects} render={(project) => (
                    <Link href={`/projects/${project.id}`}>{project.code} {project.title}</Link>)} />
                </Section>
                <Section title={tr("itsProgrammes")} id="its-programmes">
                  <Listing listing={o.programmes} render={(programme) => (
                    <Link href={`/training/${programme.id}`}>{programme.code} {programme.title}</Link>)} />
                </Section>
                <Section title={tr("itsEnrolments")} id="its-enrolments">
                  <Listing listing={o.enrolments} render={(enrolment) => (
                    <>{enrolment.participant.name} · {label(lang, "enrolmentStatus", enrolment.status)}</>)} />
                </Section>
              </div>
            )}
          </Loaded>
          <Section title={tr("history")} id="history">
            <Loaded load={history} retry={reloadHistory}>{(h) => <History page={h} go={setHistoryPage} enumName="partnerStatus" />}</Loaded>
          </Section>
        </div>
      )}
    </Loaded>
  );
}

/** A page of a lifecycle's history; each service names its own, of the same shape. */
type HistoryPage = Schemas["PartnerTransitionPage"] | Schemas["ProjectTransitionPage"] | Schemas["TrainingTransitionPage"];

/** A history's query: newest first, a page at a time (every history is a page of transitions). */
export function historyQuery(page: number): { page: number; size: number; sort: "-at"[] } {
  return { page, size: 20, sort: ["-at"] };
}

export function History({ page, go, enumName }: {
  page: HistoryPage; go: (page: number) => void; enumName: "partnerStatus" | "projectStatus" | "programmeStatus";
}) {
  const tr = useT();
  const { lang } = useShell();
  if (page.items.length === 0 && page.page === 0) {
    return <p className="muted">{tr("noHistory")}</p>;
  }
  return (
    <>
      <ol className="history">
        {page.items.map((h, i) => (
          <li key={i}><time dateTime={h.at}>{formatInstant(lang, h.at)}</time>{" "}
            {label(lang, enumName, h.from)} → <strong>{label(lang, enumName, h.to)}</strong>
            <span className="muted"> · {h.reason} · {tr("by")} {h.by}</span></li>
        ))}
      </ol>
      {page.totalPages > 1 ? <Pager of={page} go={go} /> : null}
    </>
  );
}

/** One part of the overview: a listing whose items are the owning service's own records, or why it is unavailable. */
type OverviewListing<T> = { available: boolean; reason?: string; items?: T[] };

function Listing<T>({ listing, render }: { listing: OverviewListing<T> | undefined; render: (item: T) => JSX.Element }) {
  const tr = useT();
  if (!listing?.available) {
    return <p className="state error" role="alert">{tr("partUnavailable", { reason: listing?.reason ?? "" })}</p>;
  }
  const items = listing.items ?? [];
  return items.length === 0 ? <p className="muted">{tr("empty")}</p>
    : <ul className="plain">{items.map((item, i) => <li key={i}>{render(item)}</li>)}</ul>;
}

function partnerMoves(status: Partner["status"]): Schemas["PartnerStatus"][] {
  switch (status) {
    case "PROSPECT": return ["ACTIVE", "ENDED"];
    case "ACTIVE": return ["SUSPENDED", "ENDED"];
    case "SUSPENDED": return ["ACTIVE", "ENDED"];
    default: return [];
  }
}

/** The editable part of a partner, as the form holds it. */
function requestOf(p: Partner): PartnerRequest {
  return {
    name: p.name, nameEn: p.nameEn ?? "", type: p.type, tier: p.tier,
    sectors: p.sectors, creditCode: p.creditCode ?? "", website: p.website ?? "",
    address: { district: p.address.district ?? "", city: p.address.city ?? "", province: p.address.province ?? "", country: p.address.country ?? "CN" },
    contacts: p.contacts,
    agreements: p.agreements.map((a) => ({ type: a.type, title: a.title, signedOn: a.signedOn, expiresOn: a.expiresOn })),
  };
}

/** A new partner's form before anything is typed. */
const BLANK: PartnerRequest = {
  name: "", nameEn: "", type: "UNIVERSITY", tier: "COMMUNITY", sectors: [], creditCode: "", website: "",
  address: { district: "", city: "", province: "", country: "CN" }, contacts: [], agreements: [],
};

/** Empty optional strings are left out rather than sent as "" (which the rules would refuse). */
function cleaned(request: PartnerRequest): PartnerRequest {
  const blank = (value: string | null | undefined) => (value && value.trim() ? value.trim() : undefined);
  return {
    ...request, nameEn: blank(request.nameEn), creditCode: blank(request.creditCode), website: blank(request.website),
    address: request.address ? {
      district: blank(request.address.district), city: blank(request.address.city),
      province: blank(request.address.province), country: blank(request.address.country),
    } : undefined,
  };
}

export function PartnerNew() {
  return <RequireSignIn><PartnerForm /></RequireSignIn>;
}

/**
 * Create or edit. An edit sends If-Match with the ETag it was opened with; a 412 loads the
 * current partner, shows its values next to the fields someone else changed, and keeps what was typed.
 */
function PartnerForm({ partner, etag, onDone }: { partner?: Partner; etag?: string | null; onDone?: () => void }) {
  const tr = useT();
  const { lang, navigate } = useShell();
  const [original, setOriginal] = useState<PartnerRequest>(partner ? requestOf(partner) : BLANK);
  const [form, setForm] = useState<PartnerRequest>(partner ? requestOf(partner) : BLANK);
  const [version, setVersion] = useState<string | null | undefined>(etag);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<{ current: PartnerRequest; etag: string | null; changed: Record<string, string> } | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const set = (patch: Partial<PartnerRequest>) => setForm({ ...form, ...patch });
  const setAddress = (patch: Partial<NonNullable<PartnerRequest["address"]>>) => setForm({ ...form, address: { ...form.address, ...patch } });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    setFailure(null);
    try {
      if (partner?.id) {
        await api.put("/api/v1/partners/{id}", { path: { id: partner.id }, ifMatch: version, body: cleaned(form) });
        onDone?.();
      } else {
        const created = await api.post("/api/v1/partners", { body: cleaned(form), idempotencyKey: newKey() });
        navigate(`/partners/${created.data.id ?? ""}`);
      }
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412 && partner?.id) {
        const current = await api.get("/api/v1/partners/{id}", { path: { id: partner.id } });
        const now = requestOf(current.data);
        setConflict({ current: now, etag: current.etag, changed: changedSince(original, now) });
      } else if (error instanceof ApiProblem) {
        setErrors(error.fieldErrors());
        setFailure(error.status === 400 || error.status === 422 ? tr("fieldErrors") : error.message);
      } else {
        setFailure(String(error));
      }
    } finally {
      setSaving(false);
    }
  };
  const current = (field: string) => {
    const changes = conflict ? changesUnder(conflict.changed, field) : [];
    return changes.length > 0 ? <span className="current" data-current={field}>{tr("conflictCurrent", { value: changes.join(", ") || "—" })}</span> : null;
  };
  const error = (field: string) => errors[field]
    ? <span className="field-error" id={`${field}-error`} role="alert">{errors[field]}</span> : null;
  const described = (field: string) => (errors[field] ? `${field}-error` : undefined);
  return (
    <form className="edit" onSubmit={submit} noValidate aria-busy={saving}>
      {!partner ? <h1>{tr("newPartner")}</h1> : null}
      {conflict ? (
        <div className="conflict" role="alert" data-conflict="true">
          <p><strong>{tr("conflictTitle")}</strong></p>
          <p>{tr("conflictBody")}</p>
          <div className="actions">
            <button type="button" onClick={() => { setVersion(conflict.etag); setOriginal(conflict.current); setConflict(null); }}>{tr("keepMine")}</button>
            <button type="button" onClick={() => { setForm(conflict.current); setOriginal(conflict.current); setVersion(conflict.etag); setConflict(null); }}>{tr("useCurrent")}</button>
          </div>
        </div>
      ) : null}
      {failure ? <p className="state error" role="alert">{failure}</p> : null}
      <div className="fields">
        <label>{tr("name")} *<input name="name" required value={form.name} aria-invalid={!!errors.name} aria-describedby={described("name")}
          onChange={(e) => set({ name: e.target.value })} />{current("name")}{error("name")}</label>
        <label>{tr("nameEn")}<input name="nameEn" value={form.nameEn ?? ""} aria-invalid={!!errors.nameEn} aria-describedby={described("nameEn")}
          onChange={(e) => set({ nameEn: e.target.value })} />{current("nameEn")}{error("nameEn")}</label>
        <label>{tr("type")}<select name="type" value={form.type} onChange={(e) => set({ type: e.target.value as PartnerRequest["type"] })}>
          {values("partnerType").map((v) => <option key={v} value={v}>{label(lang, "partnerType", v)}</option>)}</select>{current("type")}{error("type")}</label>
        <label>{tr("tier")}<select name="tier" value={form.tier} onChange={(e) => set({ tier: e.target.value as PartnerRequest["tier"] })}>
          {values("tier").map((v) => <option key={v} value={v}>{label(lang, "tier", v)}</option>)}</select>{current("tier")}{error("tier")}</label>
        <label>{tr("creditCode")}<input name="creditCode" value={form.creditCode ?? ""} aria-invalid={!!errors.creditCode} aria-describedby={described("creditCode")}
          onChange={(e) => set({ creditCode: e.target.value })} />{current("creditCode")}{error("creditCode")}</label>
        <label>{tr("website")}<input name="website" type="url" value={form.website ?? ""} aria-invalid={!!errors.website} aria-describedby={described("website")}
          onChange={(e) => set({ website: e.target.value })} />{current("website")}{error("website")}</label>
        <label>{tr("district")}<input name="district" value={form.address?.district ?? ""} onChange={(e) => setAddress({ district: e.target.value })} />{current("address.district")}{error("address.district")}</label>
        <label>{tr("city")}<input name="city" value={form.address?.city ?? ""} onChange={(e) => setAddress({ city: e.target.value })} />{current("address.city")}{error("address.city")}</label>
        <label>{tr("province")}<input name="province" value={form.address?.province ?? ""} onChange={(e) => setAddress({ province: e.target.value })} />{current("address.province")}</label>
        <label>{tr("country")}<input name="country" value={form.address?.country ?? ""} maxLength={2} onChange={(e) => setAddress({ country: e.target.value.toUpperCase() })} />{error("address.country")}</label>
      </div>
      <fieldset className="checks">
        <legend>{tr("sector")}</legend>
        {values("sector").map((v) => (
          <label key={v}><input type="checkbox" checked={(form.sectors ?? []).includes(v)}
            onChange={(e) => set({ sectors: e.target.checked ? [...(form.sectors ?? []), v] : (form.sectors ?? []).filter((s) => s !== v) })} />
            {label(lang, "sector", v)}</label>
        ))}
        {current("sectors")}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={saving}>{saving ? tr("saving") : partner ? tr("save") : tr("create")}</button>
        <button type="button" onClick={() => (onDone ? onDone() : navigate("/partners"))}>{tr("cancel")}</button>
      </div>
    </form>
  );
}
