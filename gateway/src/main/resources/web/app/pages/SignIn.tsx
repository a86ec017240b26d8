/** @jsxRuntime automatic */
// Sign-in: on the local stack a role picker (the gateway signs a token with the local-only key,
// and only when that issuer is enabled); otherwise OIDC authorization code with PKCE against the
// configured identity provider. The token goes to sessionStorage.
import { useEffect, useState } from "react";
import { ApiProblem } from "../lib/api";
import { authorizationUrl, saveToken, tokenRequest } from "../lib/auth";
import type { Discovery } from "../lib/auth";
import { label } from "../lib/labels";
import { useShell, useT } from "../ui/core";

async function discovery(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
  if (!response.ok) {
    throw new Error(`${issuer}: ${response.status}`);
  }
  return response.json() as Promise<Discovery>;
}

function nextPage(query: URLSearchParams): string {
  const next = query.get("next") ?? "/";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function SignIn() {
  const tr = useT();
  const { config, query, navigate, setSession, lang } = useShell();
  const [error, setError] = useState<string | null>(null);
  const local = async (role: string) => {
    setError(null);
    try {
      const response = await fetch("/console/local-token", {
        method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify({ role }),
      });
      const body: unknown = await response.json();
      if (!response.ok || typeof body !== "object" || body === null || !("token" in body) || typeof body.token !== "string") {
        throw new ApiProblem(response.status, null, response.statusText);
      }
      setSession(saveToken(sessionStorage, body.token));
      navigate(nextPage(query));
    } catch (failure) {
      setError(tr("signInFailed", { detail: failure instanceof Error ? failure.message : String(failure) }));
    }
  };
  const oidc = async () => {
    if (!config.oidc) {
      return;
    }
    try {
      sessionStorage.setItem("aic.next", nextPage(query));
      window.location.assign(await authorizationUrl(config.oidc, await discovery(config.oidc.issuer),
        `${window.location.origin}/signed-in`, sessionStorage));
    } catch (failure) {
      setError(tr("signInFailed", { detail: String(failure) }));
    }
  };
  return (
    <div className="sign-in">
      <h1>{tr("signInTitle")}</h1>
      {error ? <p className="state error" role="alert">{error}</p> : null}
      {config.localSignIn ? (
        <>
          <p>{tr("signInLocal")}</p>
          <ul className="roles">{config.roles.map((role) => (
            <li key={role}><button type="button" data-role={role} onClick={() => local(role)}>
              {tr("signInAs", { role: label(lang, "role", role) })}</button></li>))}</ul>
        </>
      ) : null}
      {config.oidc ? <p><button type="button" onClick={oidc}>{tr("signInOidc")}</button></p> : null}
      {!config.localSignIn && !config.oidc ? <p className="state error">{tr("signInNone")}</p> : null}
      <p className="muted">{tr("publicPages")}</p>
    </div>
  );
}

/** Where the identity provider sends the browser back: the code is exchanged for a token here. */
export function SignedIn() {
  const tr = useT();
  const { config, query, navigate, setSession } = useShell();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!config.oidc) {
      return;
    }
    const oidc = config.oidc;
    (async () => {
      const request = tokenRequest(oidc, query, sessionStorage);
      const response = await fetch((await discovery(oidc.issuer)).token_endpoint, {
        method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: request,
      });
      const body: unknown = await response.json();
      if (!response.ok || typeof body !== "object" || body === null || !("access_token" in body) || typeof body.access_token !== "string") {
        throw new Error(`token endpoint answered ${response.status}`);
      }
      setSession(saveToken(sessionStorage, body.access_token));
      const next = sessionStorage.getItem("aic.next") ?? "/";
      sessionStorage.removeItem("aic.next");
      navigate(next, true);
    })().catch((failure: unknown) => setError(tr("signInFailed", { detail: String(failure) })));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return error ? <p className="state error" role="alert">{error}</p> : <p role="status">{tr("loading")}</p>;
}
