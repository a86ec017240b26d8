/** @jsxRuntime automatic */
// The center's console: one page app served by the gateway at /, talking only to the public API.
import { StrictMode, useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { configureAuth } from "./lib/api";
import { loadSession, signOut } from "./lib/auth";
import type { ConsoleConfig, Session } from "./lib/auth";
import { detectLang, LANG_KEY, t } from "./lib/i18n";
import type { Lang } from "./lib/i18n";
import { label } from "./lib/labels";
import { Overview } from "./pages/Overview";
import { PartnerDetail, PartnerList, PartnerNew } from "./pages/Partners";
import { ProjectDetail, ProjectList } from "./pages/Projects";
import { SignedIn, SignIn } from "./pages/SignIn";
import { CancelEnrolment, Catalogue, CertificateCheck, ProgrammeDetail } from "./pages/Training";
import { Link, ShellContext, useLocationState, useShell } from "./ui/core";
import type { Shell } from "./ui/core";
import "./ui/console.css";

const NO_CONFIG: ConsoleConfig = { localSignIn: false, roles: [], oidc: null };

function App() {
  const location = useLocationState();
  const [lang, setLangState] = useState<Lang>(() => detectLang(navigator.languages ?? [navigator.language], localStorage.getItem(LANG_KEY)));
  const [session, setSession] = useState<Session | null>(() => loadSession(sessionStorage));
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  useEffect(() => {
    fetch("/console/config", { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? (r.json() as Promise<ConsoleConfig>) : NO_CONFIG))
      .catch(() => NO_CONFIG)
      .then(setConfig);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = t(lang, "appName");
  }, [lang]);
  configureAuth(() => session?.token ?? null, () => { signOut(sessionStorage); setSession(null); });
  const shell: Shell | null = useMemo(() => (config ? {
    lang, setLang: (next: Lang) => { localStorage.setItem(LANG_KEY, next); setLangState(next); },
    session, setSession, config, ...location,
  } : null), [lang, session, config, location]);
  if (!shell) {
    return <p className="state loading" role="status">{t(lang, "loading")}</p>;
  }
  return (
    <ShellContext.Provider value={shell}>
      <Layout><Page /></Layout>
    </ShellContext.Provider>
  );
}

function Page() {
  const { path } = useShell();
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case undefined: return <Overview />;
    case "partners": return parts[1] === "new" ? <PartnerNew /> : parts[1] ? <PartnerDetail id={parts[1]} /> : <PartnerList />;
    case "projects": return parts[1] ? <ProjectDetail id={parts[1]} /> : <ProjectList />;
    case "training":
      if (parts[1] && parts[2] === "cancel" && parts[3]) {
        return <CancelEnrolment programmeId={parts[1]} enrolmentId={parts[3]} />;
      }
      return parts[1] ? <ProgrammeDetail id={parts[1]} /> : <Catalogue />;
    case "certificates": return <CertificateCheck code={parts[1]} />;
    case "sign-in": return <SignIn />;
    case "signed-in": return <SignedIn />;
    default: return <Overview />;
  }
}

function Layout({ children }: { children: React.ReactNode }) {
  const { lang, setLang, session, setSession, path, navigate } = useShell();
  const tr = (key: Parameters<typeof t>[1], vars?: Record<string, string | number>) => t(lang, key, vars);
  const nav: [string, Parameters<typeof t>[1]][] = [["/", "navOverview"], ["/partners", "navPartners"], ["/projects", "navProjects"],
    ["/training", "navTraining"], ["/certificates", "navCertificates"]];
  const current = (href: string) => (href === "/" ? path === "/" : path.startsWith(href));
  return (
    <>
      <a className="skip" href="#main">{tr("skipToContent")}</a>
      <header className="top">
        <Link href="/" className="brand">{tr("appName")}</Link>
        <nav aria-label={tr("appName")}>
          <ul>{nav.map(([href, key]) => (
            <li key={href}><a href={href} aria-current={current(href) ? "page" : undefined}
              onClick={(e) => { e.preventDefault(); navigate(href); }}>{tr(key)}</a></li>))}
            <li><a href="/swagger-ui/">{tr("navApi")}</a></li></ul>
        </nav>
        <div className="account">
          <label className="lang">{tr("language")}{" "}
            <select value={lang} onChange={(e) => setLang(e.target.value === "zh" ? "zh" : "en")}>
              <option value="zh">中文</option><option value="en">English</option>
            </select>
          </label>
          {session ? (
            <>
              <span className="who">{tr("signedInAs", { name: session.subject, roles: session.roles.map((r) => label(lang, "role", r)).join(", ") })}</span>
              <button type="button" onClick={() => { signOut(sessionStorage); setSession(null); navigate("/sign-in"); }}>{tr("signOut")}</button>
            </>
          ) : <button type="button" onClick={() => navigate(`/sign-in?next=${encodeURIComponent(path)}`)}>{tr("signIn")}</button>}
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(<StrictMode><App /></StrictMode>);
}
