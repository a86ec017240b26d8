// The console's only way to the platform: the gateway's public API, typed by the merged contract.
// A path, parameter or body the contract does not have is a type error; every write that changes
// an existing resource carries If-Match, and a refusal comes back as a Problem with its fields.
import type { components, paths } from "@aic/contract";

export type Schemas = components["schemas"];
export type ProblemBody = Schemas["Problem"];
type Method = "get" | "post" | "put" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = paths[P] extends { [K in M]: infer O } ? O : never;
type ParametersOf<O> = O extends { parameters: infer X } ? X : never;
type QueryOf<O> = ParametersOf<O> extends { query?: infer Q } ? Q : never;
type PathParamsOf<O> = ParametersOf<O> extends { path: infer X } ? X : never;
type BodyOf<O> = O extends { requestBody?: { content: infer C } } ? C[keyof C] : never;
type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : undefined;
type SuccessOf<O> = O extends { responses: infer R }
  ? 200 extends keyof R ? JsonOf<R[200]> : 201 extends keyof R ? JsonOf<R[201]> : undefined
  : never;

/** The query parameters of a GET, as the contract types them. */
export type QueryOfGet<P extends keyof paths> = NonNullable<QueryOf<Operation<P, "get">>>;
/** The sort keys a list accepts (`name`, `-name`, ...), from its `sort` parameter's enum. */
export type SortKey<P extends keyof paths> = QueryOfGet<P> extends { sort?: infer S } ? NonNullable<S> extends readonly (infer K)[] ? K : never : never;

export interface Options<O> {
  path?: PathParamsOf<O>;
  query?: QueryOf<O>;
  body?: BodyOf<O>;
  ifMatch?: string | null;
  contentType?: string;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface Answer<T> {
  data: T;
  status: number;
  etag: string | null;
  headers: Headers;
}

/** A refused request: the problem details the platform answers with, or a network failure (status 0). */
export class ApiProblem extends Error {
  readonly status: number;
  readonly problem: ProblemBody | null;

  constructor(status: number, problem: ProblemBody | null, message: string) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  /** Field errors by field name (`budget.amount`), as the form shows them next to the fields. */
  fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const error of this.problem?.errors ?? []) {
      if (error.field) {
        errors[error.field] = error.message ?? "";
      }
    }
    return errors;
  }
}

let bearer: () => string | null = () => null;
let onUnauthorized: () => void = () => undefined;

/** Where the token comes from, and what to do when the gateway says it is no longer good. */
export function configureAuth(token: () => string | null, unauthorized: () => void): void {
  bearer = token;
  onUnauthorized = unauthorized;
}

/** Fills {id}-style segments, each percent-encoded. */
export function fillPath(template: string, params: Record<string, string | number> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) {
      throw new Error(`no value for {${name}} in ${template}`);
    }
    return encodeURIComponent(String(value));
  });
}

/**
 * A query string from typed parameters. Every array parameter of the contract is `style: form,
 * explode: false`, so an array is one comma-separated value (`sort=-at,name`), never the name
 * repeated (the API refuses a single-valued parameter given twice); empty values are left out.
 */
export function queryString(query: object | undefined): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    const one: unknown = Array.isArray(value) ? value.map(String).join(",") : value;
    if (one === undefined || one === null || one === "") {
      continue;
    }
    search.append(name, String(one));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function call<P extends keyof paths, M extends Method>(
  method: M, path: P, options: Options<Operation<P, M>> = {},
): Promise<Answer<SuccessOf<Operation<P, M>>>> {
  const url = fillPath(String(path), options.path as Record<string, string> | undefined) + queryString(options.query ?? undefined);
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = bearer();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (options.ifMatch) {
    headers["If-Match"] = options.ifMatch;
  }
  if (options.idempotencyKey) {
    headers["Idempotency-Key"] = options.idempotencyKey;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = options.contentType ?? "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method: method.toUpperCase(), headers, body, signal: options.signal });
  } catch (failure) {
    if (failure instanceof DOMException && failure.name === "AbortError") {
      throw failure;
    }
    throw new ApiProblem(0, null, String(failure));
  }
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    if (response.status === 401) {
      onUnauthorized();
    }
    const problem = isProblem(json) ? json : null;
    throw new ApiProblem(response.status, problem, problem?.detail ?? problem?.title ?? response.statusText);
  }
  return { data: json as SuccessOf<Operation<P, M>>, status: response.status, etag: response.headers.get("ETag"), headers: response.headers };
}

function isProblem(value: unknown): value is ProblemBody {
  return typeof value === "object" && value !== null && "status" in value;
}

export const api = {
  get: <P extends keyof paths>(path: P, options?: Options<Operation<P, "get">>) => call("get", path, options),
  post: <P extends keyof paths>(path: P, options?: Options<Operation<P, "post">>) => call("post", path, options),
  put: <P extends keyof paths>(path: P, options?: Options<Operation<P, "put">>) => call("put", path, options),
  patch: <P extends keyof paths>(path: P, options?: Options<Operation<P, "patch">>) => call("patch", path, options),
  delete: <P extends keyof paths>(path: P, options?: Options<Operation<P, "delete">>) => call("delete", path, options),
};

/** A fresh Idempotency-Key for a create that may be retried. */
export function newKey(): string {
  return crypto.randomUUID();
}
