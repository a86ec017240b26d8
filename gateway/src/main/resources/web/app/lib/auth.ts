// Who is signed in. The token lives in sessionStorage (this tab, until it closes), never in
// localStorage. Two ways in: the local stack's role picker (only when the gateway's local-only
// issuer is enabled) and OIDC authorization code with PKCE against the configured provider.

export const TOKEN_KEY = "aic.token";
const PKCE_KEY = "aic.pkce";

export interface ConsoleConfig {
  localSignIn: boolean;
  roles: string[];
  oidc: { issuer: string; clientId: string; scope: string } | null;
}

export interface Session {
  token: string;
  subject: string;
  roles: string[];
  expiresAt: number;
}

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The claims a console needs from a JWT; null for anything that is not one or has expired. */
export function sessionOf(token: string, now: number = Date.now()): Session | null {
  const parts = token.split(".");
  if (parts.length !== 3) {
    return null;
  }
  try {
    const claims: unknown = JSON.parse(base64UrlDecode(parts[1]));
    if (typeof claims !== "object" || claims === null) {
      return null;
    }
    const record = claims as Record<string, unknown>;
    const exp = typeof record.exp === "number" ? record.exp * 1000 : 0;
    if (exp <= now) {
      return null;
    }
    const groups = Array.isArray(record.groups) ? record.groups.filter((g): g is string => typeof g === "string") : [];
    const subject = typeof record.preferred_username === "string" ? record.preferred_username
      : typeof record.sub === "string" ? record.sub : "?";
    return { token, subject, roles: groups, expiresAt: exp };
  } catch {
    return null;
  }
}

export function loadSession(storage: StorageLike): Session | null {
  const token = storage.getItem(TOKEN_KEY);
  const session = token ? sessionOf(token) : null;
  if (token && !session) {
    storage.removeItem(TOKEN_KEY);
  }
  return session;
}

export function saveToken(storage: StorageLike, token: string): Session | null {
  const session = sessionOf(token);
  if (session) {
    storage.setItem(TOKEN_KEY, token);
  }
  return session;
}

export function signOut(storage: StorageLike): void {
  storage.removeItem(TOKEN_KEY);
}

/** Which writes a role may make, as the services' @RolesAllowed say (the services still check). */
export function canWrite(session: Session | null, service: "partner" | "project" | "training"): boolean {
  if (!session) {
    return false;
  }
  const roles = session.roles;
  const own = { partner: "partner-manager", project: "project-manager", training: "training-coordinator" }[service];
  return roles.includes("admin") || roles.includes(own) || (service !== "training" && roles.includes("integrator"));
}

// ---- OIDC authorization code with PKCE (RFC 7636) ----

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = "";
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64UrlDecode(text: string): string {
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** A verifier of 43 characters from 32 random bytes. */
export function newVerifier(): string {
  return base64UrlEncode(crypto.getRandomValues(new Uint8Array(32)));
}

export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}

export interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

/** The provider's authorization URL for this console, remembering verifier and state for the return. */
export async function authorizationUrl(config: NonNullable<ConsoleConfig["oidc"]>, discovery: Discovery,
                                       redirectUri: string, storage: StorageLike): Promise<string> {
  const verifier = newVerifier();
  const state = newVerifier();
  storage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, redirectUri }));
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("scope", config.scope);
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", await challengeOf(verifier));
  url.searchParams.set("code_challenge_method", "S256");
  return url.toString();
}

/** The token request for the code the provider sent back; throws when the state does not match. */
export function tokenRequest(config: NonNullable<ConsoleConfig["oidc"]>, returned: URLSearchParams,
                             storage: StorageLike): URLSearchParams {
  const saved = storage.getItem(PKCE_KEY);
  storage.removeItem(PKCE_KEY);
  if (!saved) {
    throw new Error("no sign-in was started in this tab");
  }
  const { verifier, state, redirectUri } = JSON.parse(saved) as { verifier: string; state: string; redirectUri: string };
  const error = returned.get("error");
  if (error) {
    throw new Error(returned.get("error_description") ?? error);
  }
  if (returned.get("state") !== state) {
    throw new Error("the answer does not belong to this sign-in (state differs)");
  }
  const code = returned.get("code");
  if (!code) {
    throw new Error("the provider sent no code");
  }
  return new URLSearchParams({
    grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: config.clientId, code_verifier: verifier,
  });
}
