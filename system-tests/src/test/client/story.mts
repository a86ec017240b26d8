// A front-end developer's story against the real system, typed by the merged contract alone:
// contract.d.ts is generated from the gateway's GET /openapi by openapi-typescript, the requests
// are made with openapi-fetch, and tsc --strict must accept every line (TypedClientIT checks the
// file has no escape from the types). Each answer is checked: a wrong status or value throws.
//
// Environment: AIC_GATEWAY_URL, AIC_TOKEN (an admin's bearer token, without "Bearer "), and
// AIC_EXCHANGES, a file to which every request and its answer are appended (one JSON object a
// line) for TypedClientIT to check against the merged contract, like its own exchanges.
import { appendFileSync } from "node:fs";
import createClient, { type Middleware, type QuerySerializerOptions } from "openapi-fetch";
import type { components, paths } from "./contract.js";

type Schemas = components["schemas"];

const gateway = (process.env["AIC_GATEWAY_URL"] ?? "http://localhost:8080").replace(/\/$/, "");
const token = process.env["AIC_TOKEN"];
if (token === undefined || token === "") {
  throw new Error("AIC_TOKEN (an admin's bearer token) is not set");
}
// The contract's array parameters (sort, multi-valued filters) are comma-separated (explode: false);
// openapi-fetch repeats them unless told, which a single-valued sort refuses.
const querySerializer = { array: { style: "form", explode: false } } satisfies QuerySerializerOptions;
const staff = createClient<paths>({ baseUrl: gateway, querySerializer, headers: { Authorization: `Bearer ${token}` } });
const anyone = createClient<paths>({ baseUrl: gateway, querySerializer });

const exchanges = process.env["AIC_EXCHANGES"];
const sentBodies = new Map<string, string | null>();
function headers(from: Headers): Record<string, string> {
  const all: Record<string, string> = {};
  from.forEach((value, name) => {
    all[name] = value;
  });
  return all;
}
const recorder: Middleware = {
  async onRequest({ request, id }) {
    sentBodies.set(id, request.body === null ? null : await request.clone().text());
  },
  async onResponse({ request, response, id }) {
    const url = new URL(request.url);
    if (exchanges !== undefined) {
      appendFileSync(exchanges, JSON.stringify({
        method: request.method, path: url.pathname, query: url.search === "" ? null : url.search.slice(1),
        requestHeaders: headers(request.headers), requestBody: sentBodies.get(id) ?? null,
        status: response.status, responseHeaders: headers(response.headers), responseBody: await response.clone().text(),
      }) + "\n");
    }
    sentBodies.delete(id);
  },
};
staff.use(recorder);
anyone.use(recorder);

function check(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
}

/** The body of an answer that must have {@code status}; the whole answer in the message otherwise. */
function expect<T>(answer: { data?: T; error?: unknown; response: Response }, status: number, what: string): T {
  check(answer.response.status === status,
    `${what}: expected ${status}, got ${answer.response.status} ${JSON.stringify(answer.error ?? answer.data ?? null)}`);
  check(answer.data !== undefined, `${what}: ${status} with no body`);
  return answer.data;
}

function etag(response: Response, what: string): string {
  const value = response.headers.get("ETag");
  check(value !== null && /^"\d+"$/.test(value), `${what}: an ETag "<version>", got ${value}`);
  return value;
}

/** The day in the center's zone, plus {@code days}, in ISO form. */
function day(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const steps: string[] = [];
function done(step: string): void {
  steps.push(step);
  console.log(`ok - ${step}`);
}

async function main(): Promise<void> {
  const suffix = Math.random().toString(36).slice(2, 10);
  const before = expect(await staff.GET("/api/v1/dashboard/summary"), 200, "the summary before");

  // A partner is created (a PROSPECT) and activated with the ETag its creation answered.
  const partnerType: Schemas["PartnerType"] = "RESEARCH_INSTITUTE";
  const partnerRequest: Schemas["PartnerRequest"] = {
    name: `类型化客户端研究院 ${suffix}`, nameEn: `Typed Client Institute ${suffix}`, type: partnerType, tier: "CORE",
    sectors: ["EDUCATION"], address: { district: "徐汇区", city: "上海市", province: "上海市", country: "CN" },
  };
  const created = await staff.POST("/api/v1/partners", {
    params: { header: { "Idempotency-Key": `typed-partner-${suffix}` } }, body: partnerRequest,
  });
  const prospect = expect(created, 201, "create a partner");
  check(prospect.status === "PROSPECT", `a new partner is a PROSPECT, not ${prospect.status}`);
  check(created.response.headers.get("Location")?.endsWith(`/api/v1/partners/${prospect.id}`) === true,
    `Location names the partner: ${created.response.headers.get("Location")}`);
  const activated = await staff.POST("/api/v1/partners/{id}/transitions", {
    params: { path: { id: prospect.id }, header: { "If-Match": etag(created.response, "create a partner") } },
    body: { to: "ACTIVE", reason: "签署合作备忘录" },
  });
  const partner = expect(activated, 200, "activate the partner");
  check(partner.status === "ACTIVE", `the partner is ACTIVE, not ${partner.status}`);
  check(partner.joinedOn === day(0), `joinedOn is today (${day(0)}), not ${partner.joinedOn}`);
  check(etag(activated.response, "activate the partner") === `"${partner.version}"`, "the ETag names the new version");
  done(`partner ${partner.id} created and activated (If-Match ${etag(created.response, "create")})`);

  // Partners filtered by typed enums: only ACTIVE research institutes, the new one among them.
  const status: Schemas["PartnerStatus"] = "ACTIVE";
  const listed = expect(await staff.GET("/api/v1/partners", {
    params: { query: { status, type: partnerType, q: suffix, sort: ["-createdAt", "name"], size: 50 } },
  }), 200, "list partners by status and type");
  check(listed.items.length === 1 && listed.items[0]?.id === partner.id, `the filtered list is the new partner: ${JSON.stringify(listed.items)}`);
  check(listed.totalItems === 1 && listed.page === 0 && listed.size === 50, `the page's figures: ${JSON.stringify(listed)}`);
  const active = expect(await staff.GET("/api/v1/partners", { params: { query: { status, size: 200 } } }), 200, "list ACTIVE partners");
  check(active.items.every((item) => item.status === "ACTIVE"), "every listed partner is ACTIVE");
  done(`partners filtered by status=${status}&type=${partnerType}: ${listed.totalItems}; ACTIVE in all: ${active.totalItems}`);

  // A project led by the partner, approved and moved to ACTIVE.
  const projectCreated = await staff.POST("/api/v1/projects", {
    params: { header: { "Idempotency-Key": `typed-project-${suffix}` } },
    body: {
      title: `类型化客户端联合研究 ${suffix}`, researchArea: "NATURAL_LANGUAGE_PROCESSING", leadPartnerId: partner.id,
      startDate: day(0), endDate: day(365), budget: { amount: "800000.00", currency: "CNY" },
      principalInvestigator: { name: "李明", email: `li.ming.${suffix}@example.cn` },
    },
  });
  const proposed = expect(projectCreated, 201, "create a project");
  check(proposed.status === "PROPOSED", `a new project is PROPOSED, not ${proposed.status}`);
  const approved = await staff.POST("/api/v1/projects/{id}/transitions", {
    params: { path: { id: proposed.id }, header: { "If-Match": etag(projectCreated.response, "create a project") } },
    body: { to: "APPROVED", reason: "立项评审通过" },
  });
  check(expect(approved, 200, "approve the project").status === "APPROVED", "the project is APPROVED");
  const started = await staff.POST("/api/v1/projects/{id}/transitions", {
    params: { path: { id: proposed.id }, header: { "If-Match": etag(approved.response, "approve the project") } },
    body: { to: "ACTIVE", reason: "合同签署，项目启动" },
  });
  const project = expect(started, 200, "start the project");
  check(project.status === "ACTIVE", `the project is ACTIVE, not ${project.status}`);
  check(project.participants.some((p) => p.partnerId === partner.id && p.role === "LEAD"), "the partner leads the project");
  done(`project ${project.code} ACTIVE`);

  // A programme the partner hosts, published.
  const capacity = 2;
  const programmeCreated = await staff.POST("/api/v1/programmes", {
    params: { header: { "Idempotency-Key": `typed-programme-${suffix}` } },
    body: {
      title: `类型化客户端研修班 ${suffix}`, topic: "NLP", format: "ONLINE", level: "BEGINNER", language: "zh", capacity,
      startDate: day(14), endDate: day(16), enrolmentDeadline: day(7), hostPartnerId: partner.id,
      instructors: [{ name: "陈静", email: `chen.jing.${suffix}@example.cn` }],
    },
  });
  const draft = expect(programmeCreated, 201, "create a programme");
  check(draft.status === "DRAFT", `a new programme is a DRAFT, not ${draft.status}`);
  const publishing = await staff.POST("/api/v1/programmes/{id}/transitions", {
    params: { path: { id: draft.id }, header: { "If-Match": etag(programmeCreated.response, "create a programme") } },
    body: { to: "PUBLISHED", reason: "课程安排确定" },
  });
  const published = expect(publishing, 200, "publish the programme");
  check(published.status === "PUBLISHED", `the programme is PUBLISHED, not ${published.status}`);
  const catalogue = expect(await anyone.GET("/api/v1/programmes/{id}", { params: { path: { id: draft.id } } }), 200,
    "the published programme without a token");
  check(catalogue.code === draft.code, "the catalogue shows the programme");
  done(`programme ${published.code} PUBLISHED, capacity ${capacity}`);

  // People enrol until the waitlist starts.
  const enrolments: Schemas["Enrolment"][] = [];
  for (let i = 1; ; i++) {
    check(i <= capacity + 1, `the waitlist did not start after ${capacity} seats`);
    const enrolment = expect(await staff.POST("/api/v1/programmes/{id}/enrolments", {
      params: { path: { id: draft.id }, header: { "Idempotency-Key": `typed-enrolment-${suffix}-${i}` } },
      body: { participant: { name: `学员${i}`, email: `learner${i}.${suffix}@example.cn`, organisation: partnerRequest.name, partnerId: partner.id } },
    }), 201, `enrolment ${i}`);
    enrolments.push(enrolment);
    if (enrolment.status === "WAITLISTED") {
      check(i === capacity + 1 && enrolment.waitlistPosition === 1, `the first waitlisted is enrolment ${i}, position ${enrolment.waitlistPosition}`);
      break;
    }
    check(enrolment.status === "ENROLLED" && enrolment.waitlistPosition === null, `enrolment ${i} has a seat: ${enrolment.status}`);
  }
  const seats = expect(await staff.GET("/api/v1/programmes/{id}", { params: { path: { id: draft.id } } }), 200, "the programme's seats").seats;
  check(seats.taken === capacity && seats.free === 0 && seats.waitlisted === 1, `seats: ${JSON.stringify(seats)}`);
  done(`${enrolments.length} enrolments, the last one WAITLISTED at position 1`);

  // The programme starts; the first participant completes it; anyone verifies the certificate.
  const programmeNow = await staff.GET("/api/v1/programmes/{id}", { params: { path: { id: draft.id } } });
  const inProgress = await staff.POST("/api/v1/programmes/{id}/transitions", {
    params: { path: { id: draft.id }, header: { "If-Match": etag(programmeNow.response, "read the programme") } },
    body: { to: "IN_PROGRESS", reason: "开课" },
  });
  check(expect(inProgress, 200, "start the programme").status === "IN_PROGRESS", "the programme is IN_PROGRESS");
  const first = enrolments[0];
  check(first !== undefined, "a first enrolment");
  const enrolmentPath = { id: draft.id, enrolmentId: first.id };
  const firstNow = await staff.GET("/api/v1/programmes/{id}/enrolments/{enrolmentId}", { params: { path: enrolmentPath } });
  const completing = await staff.POST("/api/v1/programmes/{id}/enrolments/{enrolmentId}/transitions", {
    params: { path: enrolmentPath, header: { "If-Match": etag(firstNow.response, "read the enrolment") } },
    body: { to: "COMPLETED", reason: "结业考核通过" },
  });
  const completed = expect(completing, 200, "complete the enrolment");
  const code = completed.certificateCode;
  check(completed.status === "COMPLETED" && code !== null && /^CERT-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(code),
    `a COMPLETED enrolment with a certificate code: ${completed.status} ${code}`);
  const certificate = expect(await anyone.GET("/api/v1/certificates/{code}", { params: { path: { code: code.toLowerCase() } } }), 200,
    "verify the certificate without a token");
  check(certificate.code === code && certificate.holderName === "学员1" && certificate.programmeCode === draft.code
    && certificate.completedOn === day(0) && certificate.topic === "NLP", `the certificate: ${JSON.stringify(certificate)}`);
  const unknown = await anyone.GET("/api/v1/certificates/{code}", { params: { path: { code: "CERT-0000-0000-0000" } } });
  check(unknown.response.status === 404 && unknown.error?.status === 404, `an unknown certificate is a 404 problem: ${unknown.response.status}`);
  done(`certificate ${code} verified without a token`);

  // The partner's overview: the partner, its project, its programme, its people's enrolments.
  const overview = expect(await staff.GET("/api/v1/partners/{id}/overview", { params: { path: { id: partner.id } } }), 200,
    "the partner's overview");
  // Each part is typed with the owning service's own schema (Partner, Project, Programme, Enrolment).
  check(overview.partner.id === partner.id && overview.partner.status === "ACTIVE", `the overview's partner: ${JSON.stringify(overview.partner)}`);
  check(overview.projects.available && overview.projects.totalItems === 1 && overview.projects.items?.[0]?.id === project.id
    && overview.projects.items[0].code === project.code,
    `the overview's projects: ${JSON.stringify(overview.projects)}`);
  check(overview.programmes.available && overview.programmes.totalItems === 1 && overview.programmes.items?.[0]?.status === "IN_PROGRESS",
    `the overview's programmes: ${JSON.stringify(overview.programmes)}`);
  check(overview.enrolments.available && overview.enrolments.totalItems === enrolments.length
    && (overview.enrolments.items ?? []).every((e) => e.participant.name.length > 0 && e.programmeCode.startsWith("TRN-")),
    `the overview's enrolments: ${JSON.stringify(overview.enrolments)}`);
  done(`overview: 1 project, 1 programme, ${enrolments.length} enrolments`);

  // The dashboard summary moved by what the story did.
  const after = expect(await staff.GET("/api/v1/dashboard/summary"), 200, "the summary after");
  const moved = (name: string, was: number | undefined, now: number | undefined, by: number): void => {
    check(was !== undefined && now !== undefined && now - was === by, `${name} moved by ${by}: ${was} -> ${now}`);
  };
  check(before.partners.available && after.partners.available && after.projects.available && after.programmes.available,
    `every part of the summary is available: ${JSON.stringify(after)}`);
  moved("partners.total", before.partners.total, after.partners.total, 1);
  moved("partners.byStatus.ACTIVE", before.partners.byStatus?.["ACTIVE"] ?? 0, after.partners.byStatus?.["ACTIVE"], 1);
  moved("projects.total", before.projects.total, after.projects.total, 1);
  moved("projects.byStatus.ACTIVE", before.projects.byStatus?.["ACTIVE"] ?? 0, after.projects.byStatus?.["ACTIVE"], 1);
  moved("programmes.total", before.programmes.total, after.programmes.total, 1);
  moved("programmes.enrolmentsByStatus.COMPLETED", before.programmes.enrolmentsByStatus?.["COMPLETED"] ?? 0,
    after.programmes.enrolmentsByStatus?.["COMPLETED"], 1);
  done(`dashboard summary: partners ${after.partners.total}, projects ${after.projects.total}, programmes ${after.programmes.total}`);

  // A typed 400 problem: a page size over the bound.
  const refused = await staff.GET("/api/v1/partners", { params: { query: { size: 500 } } });
  const problem: Schemas["Problem"] | undefined = refused.error;
  check(refused.response.status === 400 && problem !== undefined && problem.status === 400,
    `size=500 is a 400 problem: ${refused.response.status} ${JSON.stringify(problem)}`);
  check(refused.response.headers.get("Content-Type")?.startsWith("application/problem+json") === true, "the problem's content type");
  check(typeof problem.detail === "string" && problem.detail.includes("size") && problem.title.length > 0
    && typeof problem.requestId === "string", `the problem names size and carries the request id: ${JSON.stringify(problem)}`);
  done(`typed 400 problem: ${problem.title}: ${problem.detail}`);

  console.log(`all checks passed (${steps.length} steps)`);
}

/**
 * Never called: tsc must refuse each marked line (a value outside the enum, a transition without
 * If-Match, a field of the wrong type), so the contract's types are proven strict at compile time.
 */
export function refusedAtCompileTime(id: string): void {
  // @ts-expect-error "ACTIV" is not a PartnerStatus
  void staff.GET("/api/v1/partners", { params: { query: { status: "ACTIV" } } });
  // @ts-expect-error a transition needs If-Match
  void staff.POST("/api/v1/partners/{id}/transitions", { params: { path: { id } }, body: { to: "ACTIVE", reason: "x" } });
  // @ts-expect-error sort takes only the list's fields
  void staff.GET("/api/v1/partners", { params: { query: { sort: ["-colour"] } } });
  // @ts-expect-error capacity is a number
  const wrong: Schemas["ProgrammeRequest"]["capacity"] = "20";
  void wrong;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exitCode = 1;
});
