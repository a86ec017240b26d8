// The gateway's Swagger UI (/swagger-ui/) in headless Chromium, against the real system
// (AIC_GATEWAY_URL, AIC_TOKEN: an admin's bearer token). The merged document loads without a
// resolver error; every operation opens, and every enum query parameter of every operation is a
// <select> offering exactly the contract's values, sort too (its fields and their - forms, several
// at once); Authorize takes the token; try-it-out runs a filtered list (status and sort sent, the
// answer filtered) and a create (201 with the body sent). Screenshots of both answers.
const { launch, screenshot, check, report } = require("./harness.cjs");

const GATEWAY = (process.env.AIC_GATEWAY_URL || "http://localhost:8080").replace(/\/$/, "");
const TOKEN = process.env.AIC_TOKEN;
const METHODS = ["get", "put", "post", "delete", "patch"];
const result = { screenshots: {}, figures: {} };

/** Resolves a local $ref of the document. */
function resolve(document, schema) {
  let current = schema;
  while (current && current.$ref) {
    current = current.$ref.replace(/^#\//, "").split("/").reduce((node, key) => node[key], document);
  }
  return current || {};
}

/** Every query parameter of every operation whose values are an enum (or an array of one): what the UI must offer. */
function enumParameters(document) {
  const found = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      for (const parameter of [...(item.parameters || []), ...(item[method].parameters || [])].map((p) => resolve(document, p))) {
        if (parameter.in !== "query") {
          continue;
        }
        const schema = resolve(document, parameter.schema);
        const values = schema.enum || (schema.type === "array" && resolve(document, schema.items).enum);
        if (values) {
          found.push({ method, path, name: parameter.name, values: values.map(String), multiple: schema.type === "array" });
        }
      }
    }
  }
  return found;
}

function operation(page, method, path) {
  return page.locator(`.opblock.opblock-${method}`).filter({
    has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
  }).first();
}

function isOpen(block) {
  return block.evaluate((element) => element.classList.contains("is-open"));
}

/** Opens an operation (the click changes the deep link in the address: no navigation to wait for). */
async function open(page, method, path) {
  const block = operation(page, method, path);
  check(await block.count() === 1, `the UI shows ${method.toUpperCase()} ${path}`);
  if (!(await isOpen(block))) {
    await block.locator(".opblock-summary").first().click({ noWaitAfter: true });
  }
  await block.locator(".opblock-body").waitFor({ timeout: 15000 });
  return block;
}

async function shut(block) {
  if (await isOpen(block)) {
    await block.locator(".opblock-summary").first().click({ noWaitAfter: true });
  }
  await block.locator(".opblock-body").waitFor({ state: "detached", timeout: 15000 });
}

async function tryItOut(block) {
  const button = block.locator("button.try-out__btn");
  if ((await button.textContent()).trim() === "Try it out") {
    await button.click();
  }
  await block.locator("button.execute").waitFor({ timeout: 10000 });
}

/** Executes the operation in {@code block}; answers the network exchange the UI made. */
async function execute(page, block, method, path) {
  const pattern = new RegExp(`^${GATEWAY.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${path.replace(/\{[^}]+\}/g, "[^/?]+")}(\\?|$)`);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method.toUpperCase() && pattern.test(r.url()), { timeout: 30000 }),
    block.locator("button.execute").click(),
  ]);
  await block.locator(".live-responses-table tbody .response-col_status").first().waitFor({ timeout: 15000 });
  const shown = (await block.locator(".live-responses-table tbody .response-col_status").first().textContent()).trim();
  return { response, request: response.request(), shown };
}

/** The part of the page from an operation's title down to the answer it showed (page coordinates). */
async function exchangeArea(block) {
  return block.evaluate((element) => {
    const top = element.getBoundingClientRect();
    const answer = element.querySelector(".live-responses-table").getBoundingClientRect();
    return { x: top.left + window.scrollX, y: top.top + window.scrollY, width: top.width, height: answer.bottom - top.top + 8 };
  });
}

async function main() {
  check(TOKEN, "AIC_TOKEN (an admin's bearer token) is set");
  const document = await (await fetch(`${GATEWAY}/openapi`)).json();
  const enums = enumParameters(document);
  check(enums.length > 10, `the merged document has enum query parameters (${enums.length})`);
  const operations = Object.entries(document.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ method, path })));
  // OpenAPI 3.1 webhooks (what notification-service POSTs to subscribers) are shown as operations too
  const webhooks = Object.values(document.webhooks || {}).flatMap((item) => METHODS.filter((m) => item[m]));

  const { context, close } = await launch({ locale: "en-US", viewport: { width: 1440, height: 1000 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${GATEWAY}/swagger-ui/`, { waitUntil: "load" });
    await page.waitForSelector(".opblock", { timeout: 60000 });
    const resolverErrors = await page.locator(".errors-wrapper").allTextContents();
    check(resolverErrors.length === 0, `the merged document loads without errors: ${resolverErrors.join(" | ")}`);

    // Every operation opens; every enum query parameter is a drop-down of the contract's values.
    const shownOperations = await page.locator(".opblock").count();
    check(shownOperations === operations.length + webhooks.length,
      `the UI shows every operation and webhook: ${shownOperations} of ${operations.length} + ${webhooks.length}`);
    for (const { method, path } of operations) {
      const block = await open(page, method, path);
      for (const parameter of enums.filter((p) => p.method === method && p.path === path)) {
        const row = block.locator(`tr[data-param-name="${parameter.name}"][data-param-in="query"]`);
        const select = row.locator("select");
        const where = `${parameter.method.toUpperCase()} ${parameter.path} ?${parameter.name}`;
        check(await select.count() === 1, `${where} is a <select> (found: ${(await row.innerHTML().catch(() => "no row")).slice(0, 300)})`);
        const options = (await select.locator("option").allTextContents()).map((o) => o.trim()).filter((o) => o !== "--");
        check(JSON.stringify(options) === JSON.stringify(parameter.values),
          `${where} offers the contract's values ${JSON.stringify(parameter.values)}, not ${JSON.stringify(options)}`);
        check((await select.evaluate((s) => s.multiple)) === parameter.multiple, `${where}: several values at once exactly when an array`);
      }
      await shut(block);
    }
    result.figures.operations = operations.length;
    result.figures.enumParameters = enums.length;
    result.figures.sortParameters = enums.filter((p) => p.name === "sort").length;
    check(result.figures.sortParameters > 5, `sort is a drop-down of its fields on the lists (${result.figures.sortParameters})`);

    // Authorize with the token.
    await page.locator("button.authorize").first().click();
    const dialog = page.locator(".modal-ux");
    await dialog.locator("input").first().fill(TOKEN);
    await dialog.locator("button.authorize").first().click();
    await dialog.locator("button.btn-done, button.close-modal").first().click();
    check(await page.locator("button.authorize.locked").count() > 0, "the UI shows it is authorised");

    // A filtered list: status=ACTIVE, latest joined first (a drop-down sends what is picked in its
    // own order: here -joinedOn, then -createdAt).
    const list = await open(page, "get", "/api/v1/partners");
    await tryItOut(list);
    await list.locator('tr[data-param-name="status"][data-param-in="query"] select').selectOption("ACTIVE");
    await list.locator('tr[data-param-name="sort"][data-param-in="query"] select').selectOption(["-createdAt", "-joinedOn"]);
    const listed = await execute(page, list, "get", "/api/v1/partners");
    const listedUrl = new URL(listed.request.url());
    check(listed.response.status() === 200 && listed.shown === "200", `the list answers 200 (${listed.response.status()}, shown ${listed.shown})`);
    check(listed.request.headers().authorization === `Bearer ${TOKEN}`, "the UI sends the token");
    check(listedUrl.searchParams.get("status") === "ACTIVE", `status sent: ${listedUrl.search}`);
    check(listedUrl.searchParams.getAll("sort").join(",") === "-joinedOn,-createdAt", `sort sent comma-separated: ${listedUrl.search}`);
    const page0 = await listed.response.json();
    check(page0.items.length > 0 && page0.items.every((p) => p.status === "ACTIVE"), `only ACTIVE partners: ${JSON.stringify(page0.items.map((p) => p.status))}`);
    const joined = page0.items.map((p) => p.joinedOn);
    check(joined.every((on, i) => i === 0 || on <= joined[i - 1]), `latest joined first: ${joined.join(" ")}`);
    result.screenshots.list = await screenshot(page, "partners-list", await exchangeArea(list));
    result.figures.listed = page0.totalItems;

    // A create: the body and an Idempotency-Key typed in, 201 with the partner.
    const name = `Swagger UI 测试研究院 ${Date.now().toString(36)}`;
    const create = await open(page, "post", "/api/v1/partners");
    await tryItOut(create);
    await create.locator('tr[data-param-name="Idempotency-Key"] input').fill(`swagger-ui-${Date.now()}`);
    await create.locator("textarea.body-param__text").fill(JSON.stringify({
      name, nameEn: "Swagger UI Test Institute", type: "RESEARCH_INSTITUTE", tier: "COMMUNITY", sectors: ["EDUCATION"],
    }, null, 2));
    const made = await execute(page, create, "post", "/api/v1/partners");
    check(made.response.status() === 201 && made.shown === "201", `the create answers 201 (${made.response.status()}: ${await made.response.text()})`);
    check(made.request.headers().authorization === `Bearer ${TOKEN}`, "the create carries the token");
    const partner = await made.response.json();
    check(partner.name === name && partner.status === "PROSPECT", `the partner made: ${JSON.stringify(partner)}`);
    check(/^"\d+"$/.test(made.response.headers().etag || ""), `an ETag: ${made.response.headers().etag}`);
    result.screenshots.create = await screenshot(page, "partners-create", await exchangeArea(create));
    check(errors.length === 0, `no script errors on the page: ${errors.join(" | ")}`);
  } finally {
    await close();
  }
  report(result);
  console.log(JSON.stringify(result, null, 2));
  console.log("all checks passed");
}

main().catch((error) => {
  report({ ...result, error: String(error && error.stack ? error.stack : error) });
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
