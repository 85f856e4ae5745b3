// Time to interactive of the reviewers' queue page on the local stack, in Debian's Chromium (playwright-core).
//
// Starts bin/stack on free ports as the browser suite does (or uses KYC_WEB_BASE_URL), puts a few submitted
// cases in the queue through the API (documents through the presigned PUTs, a wallet proven with
// personal_sign, submitted), then loads the queue page N times in a fresh browser context each: sign-in
// through the local issuer's page (authorization code + PKCE), and the measured load is the document the
// issuer redirects back to — from its navigation start (index.html, the eager JS/CSS, the code redeemed for
// a token, GET /review/queue) to the moment the queue's rows are rendered with their controls live ("claim
// next" enabled; Preact attaches handlers in the same render). The anchor is the API's own /review/queue
// response time, measured from Node in the same run. Writes bench/WEB-RESULTS.md.
//
// Env: QUEUE_TTI_RUNS (default 20), QUEUE_TTI_CASES (default 5), KYC_WEB_BASE_URL, CHROMIUM.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const WEB = join(ROOT, "web");
// The browser and the crypto come from web/'s lock file (web/node_modules), like the browser suite's.
const fromWeb = createRequire(join(WEB, "package.json"));
const load = (name) => import(pathToFileURL(fromWeb.resolve(name)).href);
const { chromium } = fromWeb("playwright-core");
const { secp256k1 } = await load("@noble/curves/secp256k1.js");
const { keccak_256 } = await load("@noble/hashes/sha3.js");
const { firstPageWeight } = await import(pathToFileURL(join(WEB, "e2e", "first-page.mjs")).href);
const { startStack } = await import(pathToFileURL(join(WEB, "e2e", "stack.mjs")).href);

const RUNS = Number(process.env.QUEUE_TTI_RUNS ?? 20);
const CASES = Number(process.env.QUEUE_TTI_CASES ?? 5);
const OUT = join(ROOT, "bench", "WEB-RESULTS.md");
const LOGS = join(ROOT, "bench", "web", "target");

// ---- the API from Node ----

async function token(base, sub, groups = "") {
  const r = await fetch(`${base}/_local/token`, { method: "POST", body: new URLSearchParams({ sub, groups }) });
  if (!r.ok) throw new Error(`token: ${r.status}`);
  return (await r.text()).trim();
}

async function call(base, bearer, method, path, body) {
  const r = await fetch(base + path, { method, headers: { authorization: `Bearer ${bearer}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function pdf(text) {
  const body = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objs = ["<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[3 0 R]/Count 1>>",
    "<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>", `<</Length ${body.length}>>stream\n${body}\nendstream`];
  let out = "%PDF-1.4\n";
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<</Size ${objs.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** One applicant's case from opening to IN_REVIEW, through the same API calls the portal makes. */
async function submittedCase(base, n) {
  const applicant = await token(base, `bench-applicant-${process.pid}-${n}`);
  const data = JSON.parse(readFileSync(join(ROOT, "docs", "examples", "case.json"), "utf8"));
  data.taxId = String(10_000_000_000 + Math.floor(Math.random() * 89_999_999_999));
  const { caseId } = await call(base, applicant, "POST", "/cases", data);
  for (const docType of ["PASSPORT", "PROOF_OF_ADDRESS", "PROOF_OF_FUNDS"]) {
    const bytes = pdf(`${docType} ${caseId}`);
    const sha256 = createHash("sha256").update(bytes).digest("base64");
    const slot = await call(base, applicant, "POST", `/cases/${caseId}/documents`, { docType, contentType: "application/pdf", contentLength: bytes.length, sha256 });
    const headers = Object.fromEntries(Object.entries(slot.headers).filter(([k]) => !["host", "content-length"].includes(k.toLowerCase())));
    const put = await fetch(slot.uploadUrl, { method: slot.method, headers, body: bytes });
    if (!put.ok) throw new Error(`upload ${docType}: ${put.status} ${await put.text()}`);
  }
  for (const deadline = Date.now() + 120_000; ; ) {
    const view = await call(base, applicant, "GET", `/cases/${caseId}`);
    if (view.documents.length === 3 && view.documents.every((d) => d.status === "VERIFIED")) break;
    if (Date.now() > deadline) throw new Error(`documents of ${caseId} not verified: ${JSON.stringify(view.documents.map((d) => d.status))}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const key = secp256k1.utils.randomSecretKey();
  const address = "0x" + Buffer.from(keccak_256(secp256k1.getPublicKey(key, false).slice(1)).slice(-20)).toString("hex");
  const { message } = await call(base, applicant, "POST", `/cases/${caseId}/wallets/challenge`, { address });
  const bytes = Buffer.from(message, "utf8");
  const digest = keccak_256(Buffer.concat([Buffer.from(`\x19Ethereum Signed Message:\n${bytes.length}`), bytes]));
  const sig = secp256k1.sign(digest, key, { prehash: false, format: "recovered" });
  const signature = "0x" + Buffer.from(sig.slice(1)).toString("hex") + (27 + sig[0]).toString(16);
  await call(base, applicant, "POST", `/cases/${caseId}/wallets`, { message, signature });
  await call(base, applicant, "POST", `/cases/${caseId}/submit`);
  return caseId;
}

// ---- measuring ----

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0], max: sorted.at(-1) };
};

/** Records, in every document, when the queue's rows are rendered with "claim next" enabled. */
function markInteractive() {
  const mark = () => {
    const button = document.getElementById("claim-next");
    if (!window.__queueInteractive && document.querySelector("#queue tbody tr") && button && !button.disabled) {
      window.__queueInteractive = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true });
}

async function queueLoad(browser, base, reviewer) {
  const context = await browser.newContext({ baseURL: base, locale: "en-GB", viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(markInteractive);
    await page.goto("/");
    await page.click("#oidc-sign-in");
    await page.waitForSelector("#subject");
    await page.fill("#subject", reviewer);
    await page.check("input[name=groups][value=kyc-reviewer]");
    await page.click("main form button[type=submit]");
    await page.waitForFunction(() => window.__queueInteractive, null, { timeout: 30_000 });
    return await page.evaluate(() => window.__queueInteractive);
  } finally {
    await context.close();
  }
}

async function main() {
  const started = Date.now();
  let stack = null;
  let base = process.env.KYC_WEB_BASE_URL;
  if (!base) {
    console.log("queue TTI: starting the local stack (bin/stack on free ports)");
    mkdirSync(LOGS, { recursive: true });
    stack = await startStack(join(LOGS, "stack.log"));
    base = stack.base;
  }
  try {
    console.log(`queue TTI: ${CASES} submitted cases into the queue`);
    for (let i = 0; i < CASES; i++) await submittedCase(base, i);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
    const reviewer = `bench-reviewer-${process.pid}`;
    const tti = [];
    try {
      await queueLoad(browser, base, reviewer); // warm-up: the JVM's first requests, Chromium's caches of nothing
      for (let i = 0; i < RUNS; i++) tti.push(await queueLoad(browser, base, reviewer));
    } finally {
      await browser.close();
    }
    const bearer = await token(base, reviewer, "kyc-reviewer");
    const api = [];
    await call(base, bearer, "GET", "/review/queue");
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await call(base, bearer, "GET", "/review/queue");
      api.push(performance.now() - t0);
    }
    const page = summary(tti);
    const anchor = summary(api);
    const weight = firstPageWeight();
    const loadAverage = os.loadavg().map((l) => l.toFixed(1)).join(" / ");
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const ms = (v) => `${v.toFixed(0)} ms`;
    const report = `# Web front end: time to interactive of the queue page

Generated by \`bench/web/queue-tti.mjs\` (run by \`bench/run\`) on ${new Date().toISOString().slice(0, 10)}; do not edit by hand.

Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version};
Debian's Chromium headless through playwright-core. The local stack (\`bin/stack\`: Quarkus dev mode, LocalStack,
DynamoDB Local, anvil) on the same machine, ${CASES} cases in the IN_REVIEW queue. Load average at the end of the
run (1 / 5 / 15 min): ${loadAverage} — other work on the machine shows in the p95.

Measured: a fresh browser context per load; the reviewer signs in through the local issuer's page
(authorization code + PKCE), and the load measured is the document the issuer redirects back to — from its
navigation start to the queue's rows rendered with "claim next" enabled. That includes index.html and the
eager JS/CSS (no HTTP cache: a new context each time), the code redeemed for a token, and \`GET /review/queue\`.
The anchor is the API's own \`GET /review/queue\` response time from Node in the same run.

| measure | runs | median | p95 | min | max |
| --- | ---: | ---: | ---: | ---: | ---: |
| queue page: navigation start → interactive | ${tti.length} | ${ms(page.median)} | ${ms(page.p95)} | ${ms(page.min)} | ${ms(page.max)} |
| anchor: \`GET /review/queue\` (API alone) | ${api.length} | ${ms(anchor.median)} | ${ms(anchor.p95)} | ${ms(anchor.min)} | ${ms(anchor.max)} |

First page (index.html and the assets it loads eagerly, gzipped; pdf.js loaded on demand is not counted):
**${(weight.gzipped / 1024).toFixed(1)} KB** of the 500 KB budget — ${weight.files.map((f) => `\`${f.path}\` ${(f.gzipped / 1024).toFixed(1)} KB`).join(", ")}.
`;
    writeFileSync(OUT, report);
    console.log(report);
    console.log(`queue TTI: took ${Math.round((Date.now() - started) / 1000)} s; wrote ${OUT}`);
  } finally {
    if (stack) await stack.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
