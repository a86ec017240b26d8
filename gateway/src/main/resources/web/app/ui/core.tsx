/** @jsxRuntime automatic */
// The console's shell: language, session, routing and the loading/empty/error states every page uses.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { ReactNode } from "react";
import { ApiProblem } from "../lib/api";
import type { ConsoleConfig, Session } from "../lib/auth";
import { t } from "../lib/i18n";
import { sameKeys, whileLoading } from "../lib/load";
import type { Load } from "../lib/load";
import type { Lang, MessageKey } from "../lib/i18n";

export interface Shell {
  lang: Lang;
  setLang: (lang: Lang) => void;
  session: Session | null;
  setSession: (session: Session | null) => void;
  config: ConsoleConfig;
  path: string;
  query: URLSearchParams;
  navigate: (to: string, replace?: boolean) => void;
}

export const ShellContext = createContext<Shell | null>(null);

export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (!shell) {
    throw new Error("outside the console shell");
  }
  return shell;
}

/** The translator of the current language. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const { lang } = useShell();
  return useCallback((key: MessageKey, vars?: Record<string, string | number>) => t(lang, key, vars), [lang]);
}

/** The browser's location as state; links and navigate() change it without a reload. */
export function useLocationState(): { path: string; query: URLSearchParams; navigate: (to: string, replace?: boolean) => void } {
  const [location, setLocation] = useState(() => ({ path: window.location.pathname, search: window.location.search }));
  useEffect(() => {
    const onPop = () => setLocation({ path: window.location.pathname, search: window.location.search });
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((to: string, replace = false) => {
    if (replace) {
      window.history.replaceState(null, "", to);
    } else {
      window.history.pushState(null, "", to);
      window.scrollTo(0, 0);
    }
    setLocation({ path: window.location.pathname, search: window.location.search });
  }, []);
  const query = useMemo(() => new URLSearchParams(location.search), [location.search]);
  return { path: location.path, query, navigate };
}

export function Link({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  const { navigate } = useShell();
  return (
    <a href={href} className={className} onClick={(event) => {
      if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey) {
        event.preventDefault();
        navigate(href);
      }
    }}>{children}</a>
  );
}

export type { Load };

/**
 * Runs {@code load} whenever {@code key} changes, and again when the returned reload is called (which
 * keeps showing the value it had until the new one comes); a later answer replaces an earlier one,
 * never the reverse.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: unknown[]): [Load<T>, () => void] {
  const [result, setResult] = useState<Load<T>>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  const loadedKey = useRef<unknown[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const again = sameKeys(loadedKey.current, key);
    loadedKey.current = key;
    setResult((current) => whileLoading(current, again));
    loader.current(controller.signal).then(
      (data) => { if (!controller.signal.aborted) setResult({ state: "ok", data }); },
      (error: unknown) => { if (!controller.signal.aborted) setResult({ state: "error", error }); });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...key, attempt]);
  return [result, () => setAttempt((n) => n + 1)];
}

export function Loading() {
  const tr = useT();
  return <p className="state loading" role="status" aria-live="polite">{tr("loading")}</p>;
}

export function Empty({ filtered, onClear }: { filtered?: boolean; onClear?: () => void }) {
  const tr = useT();
  return (
    <div className="state empty" role="status">
      <p>{tr(filtered ? "emptyFiltered" : "empty")}</p>
      {filtered && onClear ? <button type="button" onClick={onClear}>{tr("clearFilters")}</button> : null}
    </div>
  );
}

/** An error that says what happened and what to do, with the request id when the platform gave one. */
export function ErrorState({ error, retry, service }: { error: unknown; retry?: () => void; service?: string }) {
  const tr = useT();
  const { navigate } = useShell();
  const problem = error instanceof ApiProblem ? error : null;
  let message: string;
  if (!problem) {
    message = tr("errorGeneric", { status: "?", detail: String(error) });
  } else if (problem.status === 0) {
    message = tr("errorNetwork");
  } else if (problem.status === 401) {
    message = tr("errorUnauthorized");
  } else if (problem.status === 403) {
    message = tr("errorForbidden");
  } else if (problem.status === 404) {
    message = tr("errorNotFound");
  } else if (problem.status === 503 || problem.status === 504) {
    message = tr("errorUnavailable", { service: service ?? problem.problem?.detail ?? "" });
  } else {
    message = tr("errorGeneric", { status: problem.status, detail: problem.message });
  }
  return (
    <div className="state error" role="alert">
      <p className="error-title">{tr("errorTitle")}</p>
      <p>{message}</p>
      {problem?.problem?.requestId ? <p className="muted">{tr("requestId", { id: problem.problem.requestId })}</p> : null}
      <div className="actions">
        {retry ? <button type="button" onClick={retry}>{tr("retry")}</button> : null}
        {problem && (problem.status === 401 || problem.status === 403)
          ? <button type="button" onClick={() => navigate(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`)}>{tr("signIn")}</button>
          : null}
      </div>
    </div>
  );
}

/** Renders a loaded value, or the state it is in. */
export function Loaded<T>({ load, retry, children, service }: {
  load: Load<T>; retry: () => void; children: (data: T) => ReactNode; service?: string;
}) {
  if (load.state === "loading") {
    return <Loading />;
  }
  if (load.state === "error") {
    return <ErrorState error={load.error} retry={retry} service={service} />;
  }
  return <>{children(load.data)}</>;
}

export function Section({ title, children, id, className }: { title: string; children: ReactNode; id?: string; className?: string }) {
  const headingId = `${id ?? title.replace(/\W+/g, "-")}-title`;
  return (
    <section className={`panel ${className ?? ""}`} aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

export function RequireSignIn({ children }: { children: ReactNode }) {
  const { session, navigate } = useShell();
  const tr = useT();
  if (!session) {
    return (
      <div className="state" role="status">
        <p>{tr("signInNeeded")}</p>
        <button type="button" onClick={() => navigate(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`)}>{tr("signIn")}</button>
      </div>
    );
  }
  return <>{children}</>;
}
