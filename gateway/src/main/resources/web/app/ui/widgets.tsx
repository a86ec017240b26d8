/** @jsxRuntime automatic */
// Small pieces the list and detail pages share.
import { useState } from "react";
import { ApiProblem } from "../lib/api";
import { pageOf } from "../lib/i18n";
import type { PageTotals } from "../lib/i18n";
import { label, values } from "../lib/labels";
import type { EnumName } from "../lib/labels";
import { withFilter } from "../lib/listState";
import type { ListState } from "../lib/listState";
import { useShell, useT } from "./core";

/** Previous and next over a list's pages; a total the list stopped counting at (not exact) shows as "1,000+". */
export function Pager({ of, go }: { of: PageTotals; go: (page: number) => void }) {
  const tr = useT();
  const { lang } = useShell();
  const text = pageOf(lang, of);
  return (
    <nav className="pager" aria-label={text}>
      <button type="button" disabled={of.page <= 0} onClick={() => go(of.page - 1)}>{tr("previous")}</button>
      <span>{text}</span>
      <button type="button" disabled={of.page + 1 >= of.totalPages} onClick={() => go(of.page + 1)}>{tr("next")}</button>
    </nav>
  );
}

export function SelectFilter<S extends string>({ name, enumName, label: text, state, go }: {
  name: string; enumName: EnumName; label: string; state: ListState<S>; go: (state: ListState<S>) => void;
}) {
  const tr = useT();
  const { lang } = useShell();
  return (
    <label>{text}
      <select name={name} value={state.filters[name] ?? ""} onChange={(e) => go(withFilter(state, name, e.target.value))}>
        <option value="">{tr("any")}</option>
        {values(enumName).map((v) => <option key={v} value={v}>{label(lang, enumName, v)}</option>)}
      </select>
    </label>
  );
}

/** The moves a lifecycle allows from here, each with the reason the history keeps. */
export function TransitionForm<S extends string>({ moves, enumName, move, done }: {
  moves: S[]; enumName: EnumName; move: (to: S, reason: string) => Promise<unknown>; done: () => void;
}) {
  const tr = useT();
  const { lang } = useShell();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (moves.length === 0) {
    return <p className="muted">—</p>;
  }
  const go = async (to: S) => {
    if (!reason.trim()) {
      setError(tr("reasonRequired"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await move(to, reason.trim());
      setReason("");
      done();
    } catch (failure) {
      setError(failure instanceof ApiProblem && failure.status === 412 ? tr("conflictTitle")
        : failure instanceof ApiProblem ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="transition">
      <label>{tr("reason")}<input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby="transition-error" /></label>
      <div className="actions">
        {moves.map((to) => (
          <button type="button" key={to} disabled={busy} onClick={() => go(to)}>
            {tr("moveTo", { status: label(lang, enumName, to) })}</button>
        ))}
      </div>
      {error ? <p className="field-error" id="transition-error" role="alert">{error}</p> : null}
    </div>
  );
}
