// Unit tests of the console's logic, run by Node's test runner after tsc compiles them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiProblem, fillPath, queryString } from "../../main/resources/web/app/lib/api";
import { challengeOf, canWrite, sessionOf, tokenRequest } from "../../main/resources/web/app/lib/auth";
import { changedSince, changesUnder } from "../../main/resources/web/app/lib/conflicts";
import { addDays, daysBetween, isDate, todayInZone } from "../../main/resources/web/app/lib/dates";
import { bucketLabel, detectLang, formatDate, formatInstant, formatMoney, formatPercent, pageOf, t } from "../../main/resources/web/app/lib/i18n";
import { label, values } from "../../main/resources/web/app/lib/labels";
import { sameKeys, whileLoading } from "../../main/resources/web/app/lib/load";
import { readListState, withFilter, writeListState } from "../../main/resources/web/app/lib/listState";
import { budgetSeries, bucketCount, periodFromQuery, periodProblem, presetPeriod, seriesOf } from "../../main/resources/web/app/lib/trends";

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null { return this.items.get(key) ?? null; }
  setItem(key: string, value: string): void { this.items.set(key, value); }
  removeItem(key: string): void { this.items.delete(key); }
}

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256" })}.${part(claims)}.signature`;
}

test("the language follows the browser unless one was chosen", () => {
  assert.equal(detectLang(["zh-CN", "en"], null), "zh");
  assert.equal(detectLang(["fr-FR", "en-US"], null), "en");
  assert.equal(detectLang(["de"], null), "en");
  assert.equal(detectLang(["zh-CN"], "en"), "en");
  assert.equal(detectLang(["en"], "xx"), "en");
});

test("every message exists in both languages and fills its placeholders", () => {
  assert.equal(t("en", "pageOf", { page: 2, pages: 5, total: 93 }), "Page 2 of 5 · 93 in all");
  assert.equal(t("zh", "pageOf", { page: 2, pages: 5, total: 93 }), "第 2 / 5 页 · 共 93 条");
  assert.equal(pageOf("en", { page: 0, totalPages: 3, totalItems: 41, totalItemsExact: true }), "Page 1 of 3 · 41 in all");
  const counted = { page: 1, totalPages: 50, totalItems: 1000, totalItemsExact: false };
  assert.equal(pageOf("en", counted), "Page 2 of 50+ · 1,000+ in all");
  assert.equal(pageOf("zh", counted), "第 2 / 50+ 页 · 共 1,000+ 条");
  assert.equal(t("zh", "enrolledWaitlist", { position: 3, link: "L" }).includes("第 3 位"), true);
});

test("a plain date is shown as that day whatever the browser's zone; instants in Shanghai time", () => {
  assert.equal(formatDate("en", "2026-03-01"), "1 Mar 2026");
  assert.equal(formatDate("zh", "2026-03-01"), "2026年3月1日");
  assert.equal(formatDate("en", null), "—");
  // 15:30 UTC is 23:30 in Shanghai, still 31 March
  assert.match(formatInstant("en", "2026-03-31T15:30:00Z"), /31 Mar 2026.*23:30/);
  assert.match(formatInstant("en", "2026-03-31T16:30:00Z"), /1 Apr 2026.*00:30/);
});

test("money is formatted from its decimal string exactly, and rates as percentages", () => {
  assert.equal(formatMoney("en", "12345678901234567.89", "CNY"), "12,345,678,901,234,567.89 CNY");
  assert.equal(formatMoney("zh", "1500000", "USD"), "1,500,000.00 USD");
  assert.equal(formatPercent("en", 0.6667), "66.7%");
  assert.equal(formatPercent("en", null), "—");
});

test("bucket labels per interval and language", () => {
  assert.equal(bucketLabel("zh", "quarter", "2026-04-01"), "2026年第2季度");
  assert.equal(bucketLabel("en", "quarter", "2026-10-01"), "Q4 2026");
  assert.equal(bucketLabel("en", "year", "2026-01-01"), "2026");
  assert.equal(bucketLabel("en", "month", "2026-03-01"), "Mar 2026");
});

test("enum labels come in both languages; an unknown value shows as itself", () => {
  assert.equal(label("zh", "partnerType", "UNIVERSITY"), "高校");
  assert.equal(label("en", "partnerStatus", "SUSPENDED"), "Suspended");
  assert.equal(label("zh", "partnerStatus", "SOMETHING_NEW"), "SOMETHING_NEW");
  assert.deepEqual(values("tier"), ["STRATEGIC", "CORE", "COMMUNITY"]);
});

test("today is the center's day: 23:30 in Shanghai is still that day, 00:30 the next", () => {
  assert.equal(todayInZone(new Date("2026-03-31T15:30:00Z")), "2026-03-31");
  assert.equal(todayInZone(new Date("2026-03-31T16:30:00Z")), "2026-04-01");
  assert.equal(addDays("2026-02-28", 1), "2026-03-01");
  assert.equal(daysBetween("2026-03-01", "2026-02-27"), -2);
  assert.equal(isDate("2026-02-30"), false);
  assert.equal(isDate("2026-02-28"), true);
});

test("presets end today and start on the first day of their first period", () => {
  assert.deepEqual(presetPeriod("12m", "2026-03-15"), { from: "2025-04-01", to: "2026-03-15", interval: "month" });
  assert.deepEqual(presetPeriod("8q", "2026-05-20"), { from: "2024-07-01", to: "2026-05-20", interval: "quarter" });
  assert.deepEqual(presetPeriod("5y", "2026-05-20"), { from: "2022-01-01", to: "2026-05-20", interval: "year" });
  // 2026-03-18 is a Wednesday: twelve weeks back to Monday 2025-12-29
  assert.deepEqual(presetPeriod("12w", "2026-03-18"), { from: "2025-12-29", to: "2026-03-18", interval: "week" });
  assert.equal(bucketCount(presetPeriod("12w", "2026-03-18")), 12);
  assert.equal(bucketCount(presetPeriod("12m", "2026-03-18")), 12);
  assert.equal(bucketCount(presetPeriod("8q", "2026-03-18")), 8);
});

test("a custom range the services would refuse is refused here first", () => {
  assert.equal(periodProblem({ from: "2026-03-01", to: "2026-02-01", interval: "month" }), "fromAfterTo");
  assert.equal(periodProblem({ from: "2000-01-01", to: "2026-02-01", interval: "week" }), "tooManyBuckets");
  assert.equal(periodProblem({ from: "2026-13-01", to: "2026-02-01", interval: "week" }), "badDate");
  assert.equal(periodProblem({ from: "2023-01-01", to: "2026-02-01", interval: "week" }), null);
  assert.equal(bucketCount({ from: "2022-01-01", to: "2026-02-01", interval: "week" }), 214);
  // 2026-03-25 (Wednesday) to 2026-04-07 touches three ISO weeks
  assert.equal(bucketCount({ from: "2026-03-25", to: "2026-04-07", interval: "week" }), 3);
  assert.equal(bucketCount({ from: "2025-11-15", to: "2026-02-01", interval: "quarter" }), 2);
});

test("the period in the URL wins; a bad one falls back to twelve months", () => {
  const custom = periodFromQuery(new URLSearchParams("period=custom&from=2025-01-01&to=2025-06-30&interval=quarter"), "2026-01-10");
  assert.deepEqual(custom, { preset: "custom", period: { from: "2025-01-01", to: "2025-06-30", interval: "quarter" } });
  const bad = periodFromQuery(new URLSearchParams("period=custom&from=2025-09-01&to=2025-06-30"), "2026-01-10");
  assert.equal(bad.preset, "12m");
  assert.equal(periodFromQuery(new URLSearchParams("period=5y"), "2026-01-10").period.interval, "year");
});

test("series come from the buckets in order, missing values as 0; budgets per currency", () => {
  const buckets = [{ joined: 2, ended: 0 }, { joined: 0, ended: 1 }];
  assert.deepEqual(seriesOf(buckets, ["joined", "ended"]), [{ name: "joined", values: [2, 0] }, { name: "ended", values: [0, 1] }]);
  const budgets = budgetSeries([{ startedBudget: [{ amount: "100.00", currency: "CNY" }] }, { startedBudget: [] }], ["CNY", "USD"]);
  assert.deepEqual(budgets, [{ name: "CNY", values: [100, 0] }, { name: "USD", values: [0, 0] }]);
});

test("a list's state round-trips through the URL; bad values are dropped", () => {
  const fields = [{ name: "q" }, { name: "type", values: ["UNIVERSITY", "STARTUP"] }];
  const state = readListState(new URLSearchParams("q=上海&type=UNIVERSITY&sort=-name&page=2&size=50&stauts=x"), fields, ["name", "-name"], "name");
  assert.deepEqual(state, { filters: { q: "上海", type: "UNIVERSITY" }, sort: "-name", page: 2, size: 50 });
  assert.equal(writeListState(state, "name"), `?q=${encodeURIComponent("上海")}&type=UNIVERSITY&sort=-name&page=2&size=50`);
  const dropped = readListState(new URLSearchParams("type=ROBOT&sort=id;drop&page=-1&size=7"), fields, ["name"], "name");
  assert.deepEqual(dropped, { filters: {}, sort: "name", page: 0, size: 20 });
  assert.equal(withFilter(state, "type", "").page, 0);
  assert.deepEqual(withFilter(state, "type", "").filters, { q: "上海" });
});

test("after a 412, the fields someone else changed are found with their current values", () => {
  const original = { name: "复旦大学", address: { city: "上海" }, sectors: ["EDUCATION"] };
  const current = { name: "复旦大学（新）", address: { city: "上海" }, sectors: ["EDUCATION", "HEALTHCARE"] };
  const changed = changedSince(original, current);
  assert.deepEqual(changed, { name: "复旦大学（新）", "sectors[1]": "HEALTHCARE" });
  assert.deepEqual(changesUnder(changed, "name"), ["复旦大学（新）"]);
  assert.deepEqual(changesUnder(changed, "sectors"), ["HEALTHCARE"]);
  assert.deepEqual(changesUnder(changed, "address.city"), []);
});

test("paths are filled with encoded segments and arrays are sent comma-separated (form, explode: false)", () => {
  assert.equal(fillPath("/api/v1/certificates/{code}", { code: "A/B C" }), "/api/v1/certificates/A%2FB%20C");
  assert.throws(() => fillPath("/api/v1/partners/{id}", {}));
  assert.equal(queryString({ status: ["ACTIVE", "ON_HOLD"], q: "上海", empty: "", none: undefined, page: 0 }),
    `?status=${encodeURIComponent("ACTIVE,ON_HOLD")}&q=${encodeURIComponent("上海")}&page=0`);
  assert.equal(queryString({ sort: ["-at"], size: 20, nothing: [] }), "?sort=-at&size=20");
  assert.equal(new URLSearchParams(queryString({ sort: ["-updatedAt", "name"] })).getAll("sort").join("|"), "-updatedAt,name");
  assert.equal(queryString({}), "");
  const problem = new ApiProblem(400, {
    type: "https://aicenter.org/problems/validation", title: "Bad request", status: 400,
    errors: [{ field: "name", message: "must not be blank" }],
  }, "bad");
  assert.deepEqual(problem.fieldErrors(), { name: "must not be blank" });
});

test("a token's roles and expiry are read from its claims; an expired one is no session", () => {
  const now = Date.UTC(2026, 0, 1);
  const token = jwt({ sub: "alice", groups: ["partner-manager"], exp: now / 1000 + 60 });
  assert.deepEqual(sessionOf(token, now)?.roles, ["partner-manager"]);
  assert.equal(sessionOf(jwt({ sub: "alice", exp: now / 1000 - 1 }), now), null);
  assert.equal(sessionOf("not-a-token", now), null);
  const manager = sessionOf(token, now);
  assert.equal(canWrite(manager, "partner"), true);
  assert.equal(canWrite(manager, "training"), false);
  assert.equal(canWrite(null, "partner"), false);
});

test("PKCE: the S256 challenge of RFC 7636's example, and a returned state must match", async () => {
  assert.equal(await challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  const storage = new MemoryStorage();
  const config = { issuer: "https://id.example", clientId: "console", scope: "openid" };
  storage.setItem("aic.pkce", JSON.stringify({ verifier: "v", state: "s1", redirectUri: "https://c.example/signed-in" }));
  assert.throws(() => tokenRequest(config, new URLSearchParams("code=c&state=other"), storage), /state/);
  storage.setItem("aic.pkce", JSON.stringify({ verifier: "v", state: "s1", redirectUri: "https://c.example/signed-in" }));
  const request = tokenRequest(config, new URLSearchParams("code=c&state=s1"), storage);
  assert.equal(request.get("code_verifier"), "v");
  assert.equal(request.get("grant_type"), "authorization_code");
  assert.equal(storage.getItem("aic.pkce"), null, "a verifier is used once");
});

test("loading the same thing again keeps what it showed; another thing shows loading", () => {
  assert.equal(sameKeys(null, ["a"]), false, "the first load");
  assert.equal(sameKeys(["a", 0, undefined], ["a", 0, undefined]), true);
  assert.equal(sameKeys(["a", 0], ["a", 1]), false);
  assert.equal(sameKeys(["a"], ["a", 0]), false);
  assert.equal(sameKeys([Number.NaN], [Number.NaN]), true);
  const shown = { state: "ok" as const, data: { name: "上海仪电" } };
  assert.equal(whileLoading(shown, true), shown, "a reload after a save keeps the page");
  assert.deepEqual(whileLoading(shown, false), { state: "loading" }, "another id or filter shows loading");
  assert.deepEqual(whileLoading({ state: "error", error: new Error("503") }, true), { state: "loading" },
    "a retry after an error shows that it is trying");
});
