/** @jsxRuntime automatic */
// The public catalogue and enrolment form (no sign-in), the coordinator's view of a programme
// (enrolments, waitlist order, complete / no-show, certificates), the participant's cancellation
// link and the public certificate check.
import { useState } from "react";
import type { FormEvent } from "react";
import { api, ApiProblem, newKey } from "../lib/api";
import type { Schemas, SortKey } from "../lib/api";
import { canWrite } from "../lib/auth";
import { formatDate, formatInstant, formatNumber } from "../lib/i18n";
import { label, values } from "../lib/labels";
import { readListState, withFilter, writeListState } from "../lib/listState";
import type { ListState } from "../lib/listState";
import { Empty, ErrorState, Link, Loaded, Section, useLoad, useShell, useT } from "../ui/core";
import { Pager, SelectFilter, TransitionForm } from "../ui/widgets";
import { History, historyQuery } from "./Partners";

type Programme = Schemas["Programme"];
type Enrolment = Schemas["Enrolment"];

const CATALOGUE_SORTS: readonly SortKey<"/api/v1/programmes">[] = ["startDate"];
const FIELDS = [{ name: "q" }, { name: "topic", values: values("topic") }, { name: "format", values: values("format") },
  { name: "level", values: values("level") }, { name: "language", values: ["zh", "en"] }];

export function Catalogue() {
  const tr = useT();
  const { query, navigate, lang } = useShell();
  const state = readListState(query, FIELDS, CATALOGUE_SORTS, "startDate");
  const go = (next: ListState<SortKey<"/api/v1/programmes">>) => navigate(`/training${writeListState(next, "startDate")}`, true);
  const [q, setQ] = useState(state.filters.q ?? "");
  const [list, reload] = useLoad((signal) => api.get("/api/v1/programmes", {
    query: { ...state.filters, status: "PUBLISHED", sort: [state.sort], page: state.page, size: state.size }, signal,
  }).then((a) => a.data), [writeListState(state, "startDate")]);
  return (
    <div>
      <h1>{tr("catalogueTitle")}</h1>
      <p className="subtitle">{tr("catalogueIntro")}</p>
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); go(withFilter(state, "q", q.trim())); }}>
        <label className="grow">{tr("search")}<input type="search" value={q} placeholder={tr("searchProgrammes")} onChange={(e) => setQ(e.target.value)} /></label>
        <SelectFilter name="topic" enumName="topic" label={tr("topic")} state={state} go={go} />
        <SelectFilter name="format" enumName="format" label={tr("format")} state={state} go={go} />
        <SelectFilter name="level" enumName="level" label={tr("level")} state={state} go={go} />
        <button type="submit">{tr("search")}</button>
      </form>
      <Loaded load={list} retry={reload} service="training-service">
        {(page) => {
          const items = page.items;
          return items.length === 0
            ? <Empty filtered={Object.keys(state.filters).length > 0} onClear={() => { setQ(""); go({ ...state, filters: {}, page: 0 }); }} />
            : (
              <>
                <ul className="cards">{items.map((p) => (
                  <li key={p.id} className="card">
                    <h2><Link href={`/training/${p.id}`}>{p.title}</Link></h2>
                    <p className="muted">{p.code} · {label(lang, "topic", p.topic)} · {label(lang, "level", p.level)} · {label(lang, "format", p.format)}</p>
                    <p>{formatDate(lang, p.startDate)} – {formatDate(lang, p.endDate)} · {tr("deadline")} {formatDate(lang, p.enrolmentDeadline)}</p>
                    <SeatLine programme={p} />
                  </li>))}</ul>
                <Pager of={page} go={(n) => go({ ...state, page: n })} />
              </>
            );
        }}
      </Loaded>
    </div>
  );
}

function SeatLine({ programme }: { programme: Programme }) {
  const tr = useT();
  const { lang } = useShell();
  const seats = programme.seats;
  const free = seats?.free ?? 0;
  const capacity = programme.capacity ?? 0;
  return (
    <p className="seats">
      <meter min={0} max={Math.max(capacity, 1)} value={capacity - free} aria-label={tr("capacity")} />{" "}
      {free > 0 ? tr("seatsLeft", { free: formatNumber(lang, free), capacity: formatNumber(lang, capacity) })
        : tr("full", { waitlisted: formatNumber(lang, seats?.waitlisted ?? 0) })}
    </p>
  );
}

export function ProgrammeDetail({ id }: { id: string }) {
  const tr = useT();
  const { lang, session } = useShell();
  const [programme, reload] = useLoad((signal) => api.get("/api/v1/programmes/{id}", { path: { id }, signal }), [id, session?.token]);
  // kept here, above the reload that follows an enrolment, so the answer stays on screen
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const coordinator = canWrite(session, "training");
  return (
    <Loaded load={programme} retry={reload} service="training-service">
      {({ data: p, etag }) => (
        <div>
          <div className="page-head"><div>
            <h1>{p.title}</h1>
            <p className="subtitle">{p.code} · {label(lang, "programmeStatus", p.status)}</p>
          </div></div>
          <div className="grid">
            <Section title={tr("details")} id="details">
              <dl className="facts">
                <dt>{tr("topic")}</dt><dd>{label(lang, "topic", p.topic)}</dd>
                <dt>{tr("level")}</dt><dd>{label(lang, "level", p.level)}</dd>
                <dt>{tr("format")}</dt><dd>{label(lang, "format", p.format)}</dd>
                <dt>{tr("languageOfProgramme")}</dt><dd>{p.language === "zh" ? "中文" : "English"}</dd>
                <dt>{tr("startDate")}</dt><dd>{formatDate(lang, p.startDate)} – {formatDate(lang, p.endDate)}</dd>
                <dt>{tr("deadline")}</dt><dd>{formatDate(lang, p.enrolmentDeadline)}</dd>
                <dt>{tr("location")}</dt><dd>{p.location ?? "—"}</dd>
              </dl>
              {p.description ? <p>{p.description}</p> : null}
              <SeatLine programme={p} />
            </Section>
            <Section title={tr("sessions")} id="sessions">
              {(p.sessions ?? []).length === 0 ? <p className="muted">{tr("empty")}</p> : (
                <ul className="plain">{(p.sessions ?? []).map((s) => (
                  <li key={s.id}>{s.title}<div className="muted">{formatInstant(lang, s.startsAt)} – {formatInstant(lang, s.endsAt)} {s.location ?? ""}</div></li>))}</ul>
              )}
            </Section>
            {enrolment || (p.status === "PUBLISHED" && p.enrolmentOpen !== false) ? (
              <Section title={tr("enrolTitle")} id="enrol">
                <EnrolForm programmeId={id} result={enrolment} done={(made) => { setEnrolment(made); reload(); }} />
              </Section>
            ) : null}
          </div>
          {coordinator ? <Coordination programme={p} etag={etag} reload={reload} /> : null}
        </div>
      )}
    </Loaded>
  );
}

function EnrolForm({ programmeId, result, done }: { programmeId: string; result: Enrolment | null; done: (made: Enrolment) => void }) {
  const tr = useT();
  const [participant, setParticipant] = useState({ name: "", email: "", organisation: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const answer = await api.post("/api/v1/programmes/{id}/enrolments", {
        path: { id: programmeId }, body: { participant }, idempotencyKey: newKey(),
      });
      done(answer.data);
    } catch (error) {
      if (error instanceof ApiProblem) {
        setErrors(error.fieldErrors());
        setFailure(error.message);
      } else {
        setFailure(String(error));
      }
    } finally {
      setBusy(false);
    }
  };
  if (result) {
    const link = `${window.location.origin}/training/${programmeId}/cancel/${result.id ?? ""}?token=${encodeURIComponent(result.cancelToken ?? "")}`;
    return (
      <div className="result" role="status" data-enrolment-status={result.status} data-waitlist-position={result.waitlistPosition ?? ""}>
        <p><strong>{result.status === "WAITLISTED"
          ? tr("enrolledWaitlist", { position: result.waitlistPosition ?? "?", link: "" })
          : tr("enrolledSeat", { link: "" })}</strong></p>
        <p><a href={link}>{link}</a></p>
      </div>
    );
  }
  const field = (name: "name" | "email" | "organisation", text: string, type = "text") => (
    <label>{text} *
      <input name={name} type={type} required value={participant[name]} aria-invalid={!!errors[`participant.${name}`]}
        aria-describedby={errors[`participant.${name}`] ? `${name}-error` : undefined}
        onChange={(e) => setParticipant({ ...participant, [name]: e.target.value })} />
      {errors[`participant.${name}`] ? <span className="field-error" id={`${name}-error`} role="alert">{errors[`participant.${name}`]}</span> : null}
    </label>
  );
  return (
    <form className="edit" onSubmit={submit} noValidate>
      {failure ? <p className="state error" role="alert">{failure}</p> : null}
      <div className="fields">
        {field("name", tr("yourName"))}
        {field("email", tr("email"), "email")}
        {field("organisation", tr("organisation"))}
      </div>
      <div className="actions"><button type="submit" disabled={busy}>{busy ? tr("enrolling") : tr("enrol")}</button></div>
    </form>
  );
}

function Coordination({ programme, etag, reload }: { programme: Programme; etag: string | null; reload: () => void }) {
  const tr = useT();
  const { lang } = useShell();
  const id = programme.id ?? "";
  const [status, setStatus] = useState<Schemas["EnrolmentStatus"] | "">("");
  const [page, setPage] = useState(0);
  const [enrolments, reloadEnrolments] = useLoad((signal) => api.get("/api/v1/programmes/{id}/enrolments", {
    path: { id }, query: { status: status || undefined, sort: [status === "WAITLISTED" ? "waitlistPosition" : "createdAt"], page, size: 50 }, signal,
  }).then((a) => a.data), [id, status, page]);
  const [historyPage, setHistoryPage] = useState(0);
  const [history, reloadHistory] = useLoad((signal) => api.get("/api/v1/programmes/{id}/history", {
    path: { id }, query: historyQuery(historyPage), signal,
  }).then((a) => a.data), [id, historyPage]);
  const act = async (enrolment: Enrolment, to: "COMPLETED" | "NO_SHOW" | "CANCELLED") => {
    const current = await api.get("/api/v1/programmes/{id}/enrolments/{enrolmentId}", { path: { id, enrolmentId: enrolment.id ?? "" } });
    await api.post("/api/v1/programmes/{id}/enrolments/{enrolmentId}/transitions", {
      path: { id, enrolmentId: enrolment.id ?? "" }, ifMatch: current.etag, body: { to, reason: `console: ${to}` },
    });
    reloadEnrolments();
    reload();
  };
  return (
    <>
      <Section title={tr("enrolments")} id="enrolments">
        <label>{tr("status")}{" "}
          <select value={status} onChange={(e) => { setStatus(values("enrolmentStatus").find((v) => v === e.target.value) ?? ""); setPage(0); }}>
            <option value="">{tr("any")}</option>
            {values("enrolmentStatus").map((v) => <option key={v} value={v}>{label(lang, "enrolmentStatus", v)}</option>)}
          </select>
        </label>
        <Loaded load={enrolments} retry={reloadEnrolments}>
          {(data) => {
            const items = data.items;
            return items.length === 0 ? <Empty /> : (
              <>
                <div className="table-wrap"><table className="list">
                  <thead><tr><th scope="col">{tr("participant")}</th><th scope="col">{tr("organisation")}</th><th scope="col">{tr("status")}</th>
                    <th scope="col">{tr("position")}</th><th scope="col">{tr("certificate")}</th><th scope="col"><span className="visually-hidden">{tr("transition")}</span></th></tr></thead>
                  <tbody>{items.map((e) => (
                    <tr key={e.id}><td>{e.participant?.name}<div className="muted">{e.participant?.email}</div></td>
                      <td>{e.participant?.organisation}</td>
                      <td><span className={`badge status-${e.status}`}>{label(lang, "enrolmentStatus", e.status)}</span></td>
                      <td className="num">{e.waitlistPosition ?? ""}</td>
                      <td>{e.certificateCode ? <Link href={`/certificates/${e.certificateCode}`}>{e.certificateCode}</Link> : ""}</td>
                      <td className="actions">
                        {e.status === "ENROLLED" && programme.status !== "PUBLISHED" ? <>
                          <button type="button" onClick={() => act(e, "COMPLETED")}>{tr("complete")}</button>
                          <button type="button" onClick={() => act(e, "NO_SHOW")}>{tr("noShow")}</button></> : null}
                        {e.status === "ENROLLED" || e.status === "WAITLISTED"
                          ? <button type="button" onClick={() => act(e, "CANCELLED")}>{tr("cancelEnrolment")}</button> : null}
                      </td></tr>))}</tbody></table></div>
                <Pager of={data} go={setPage} />
              </>
            );
          }}
        </Loaded>
      </Section>
      <Section title={tr("transition")} id="transition">
        <TransitionForm moves={programmeMoves(programme.status)} enumName="programmeStatus"
          move={(to, reason) => api.post("/api/v1/programmes/{id}/transitions", { path: { id }, ifMatch: etag, body: { to, reason } })}
          done={() => { reload(); setHistoryPage(0); reloadHistory(); }} />
      </Section>
      <Section title={tr("history")} id="history">
        <Loaded load={history} retry={reloadHistory}>{(h) => <History page={h} go={setHistoryPage} enumName="programmeStatus" />}</Loaded>
      </Section>
    </>
  );
}

function programmeMoves(status: Programme["status"]): Schemas["ProgrammeStatus"][] {
  switch (status) {
    case "DRAFT": return ["PUBLISHED", "CANCELLED"];
    case "PUBLISHED": return ["IN_PROGRESS", "CANCELLED"];
    case "IN_PROGRESS": return ["COMPLETED"];
    default: return [];
  }
}

export function CancelEnrolment({ programmeId, enrolmentId }: { programmeId: string; enrolmentId: string }) {
  const tr = useT();
  const { query } = useShell();
  const [state, setState] = useState<"ask" | "busy" | "done" | { error: unknown }>("ask");
  const cancel = async () => {
    setState("busy");
    try {
      await api.post("/api/v1/programmes/{id}/enrolments/{enrolmentId}/cancellation", {
        path: { id: programmeId, enrolmentId }, query: { token: query.get("token") ?? "" },
      });
      setState("done");
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <div>
      <h1>{tr("cancelEnrolment")}</h1>
      {state === "done" ? <p role="status">{tr("cancelled")}</p>
        : typeof state === "object" ? <ErrorState error={state.error} />
          : <button type="button" disabled={state === "busy"} onClick={cancel}>{tr("cancelEnrolment")}</button>}
    </div>
  );
}

export function CertificateCheck({ code }: { code?: string }) {
  const tr = useT();
  const { lang, navigate } = useShell();
  const [typed, setTyped] = useState(code ?? "");
  const [certificate] = useLoad((signal) => code
    ? api.get("/api/v1/certificates/{code}", { path: { code }, signal }).then((a) => a.data)
    : Promise.resolve(null), [code]);
  return (
    <div>
      <h1>{tr("verifyTitle")}</h1>
      <p className="subtitle">{tr("verifyIntro")}</p>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); if (typed.trim()) navigate(`/certificates/${encodeURIComponent(typed.trim())}`); }}>
        <label className="grow">{tr("certificateCode")}<input name="code" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" /></label>
        <button type="submit">{tr("verify")}</button>
      </form>
      {certificate.state === "loading" ? <p role="status">{tr("loading")}</p> : null}
      {certificate.state === "error" ? (
        certificate.error instanceof ApiProblem && certificate.error.status === 404
          ? <p className="state error" role="alert" data-certificate="not-found">{tr("certificateNotFound")}</p>
          : <ErrorState error={certificate.error} />
      ) : null}
      {certificate.state === "ok" && certificate.data ? (
        <Section title={tr("certificateValid")} id="certificate" className="valid">
          <dl className="facts" data-certificate="valid">
            <dt>{tr("certificateCode")}</dt><dd>{certificate.data.code}</dd>
            <dt>{tr("holder")}</dt><dd data-holder="">{certificate.data.holderName}</dd>
            <dt>{tr("programme")}</dt><dd>{certificate.data.programmeCode} {certificate.data.programmeTitle}</dd>
            <dt>{tr("startDate")}</dt><dd>{formatDate(lang, certificate.data.programmeStartDate)} – {formatDate(lang, certificate.data.programmeEndDate)}</dd>
            <dt>{tr("completedOn")}</dt><dd>{formatDate(lang, certificate.data.completedOn)}</dd>
          </dl>
        </Section>
      ) : null}
    </div>
  );
}
