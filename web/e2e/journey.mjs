// The browser acceptance test: starts the whole local stack (bin/stack on free ports), drives Debian's
// Chromium through playwright-core over the built portal, and stops the stack again.
//
// The journey: the applicant signs in, is shown the API's field errors inline, opens a case, uploads a PDF,
// a JPEG and a PNG through the presigned URLs (plus a PDF with JavaScript, refused with its reason),
// proves a wallet through an injected EIP-1193 provider that signs with a key held in Node, submits;
// reviewer A claims, views the documents (pdf.js, images) and approves; A cannot cast the second vote;
// reviewer B sees A's vote and approves; the case reaches REGISTERED on anvil — asked of the node itself
// (eth_call of the registrar's getInvestor for the proven wallet, and its NewInvestor log); B's document
// link is refused once the case is closed; the applicant cannot open the console; the compliance officer
// sees an intact audit chain. Keyboard alone: the sign-in chooser, the applicant portal (inline errors,
// wallet, submission), the queue and the case page (open, claim, decide) and the compliance pages are
// driven with Tab/Shift+Tab/Enter/Space and the shortcuts only, every focus stop showing a visible focus
// indicator. The built first page must stay under 500 KB gzipped (first-page.mjs). axe-core runs on every
// page; screenshots go to web/test-results/.
//
// Env: KYC_WEB_BASE_URL=http://127.0.0.1:8080 uses a running stack instead of starting one;
// CHROMIUM=/path overrides /usr/bin/chromium. Prints "N passed, M failed"; exits 1 on any failure.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { checkFirstPageBudget } from "./first-page.mjs";
import { startStack } from "./stack.mjs";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";

const WEB = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(WEB);
const ARTIFACTS = join(WEB, "test-results");
const started = Date.now();
let passed = 0;
let failed = 0;

function ok(text) {
  passed++;
  console.log(`ok   ${text}`);
}
function fail(text) {
  failed++;
  console.log(`FAIL ${text}`);
}
async function step(text, fn) {
  try {
    await fn();
    ok(text);
  } catch (e) {
    fail(`${text}: ${e?.message?.split("\n")[0] ?? e}`);
    throw e;
  }
}
/** A check that does not stop the walk. */
async function check(text, fn) {
  try {
    await fn();
    ok(text);
  } catch (e) {
    fail(`${text}: ${e?.message?.split("\n")[0] ?? e}`);
  }
}

// ---- the local stack ----

/** The node and the registrar the stack deployed: bin/stack prints "KYCRegistrar at 0x…" once the API answers. */
async function chainOf(stack) {
  if (!stack) {
    const rpc = process.env.KYC_ETHEREUM_RPC;
    const registrar = process.env.KYC_REGISTRAR_ADDRESS;
    if (!rpc || !registrar) throw new Error("with KYC_WEB_BASE_URL set KYC_ETHEREUM_RPC and KYC_REGISTRAR_ADDRESS too");
    return { rpc, registrar };
  }
  for (let i = 0; i < 60; i++) {
    const printed = [...readFileSync(stack.log, "utf8").matchAll(/KYCRegistrar at (0x[0-9a-fA-F]{40})/g)];
    if (printed.length) return { rpc: `http://127.0.0.1:${stack.ports.KYC_ETHEREUM_PORT}`, registrar: printed.at(-1)[1] };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`bin/stack printed no registrar address; see ${stack.log}`);
}

async function rpcCall(rpc, method, params) {
  const r = await fetch(rpc, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = await r.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

const hex = (bytes) => "0x" + Buffer.from(bytes).toString("hex");
const selector = (signature) => hex(keccak_256(Buffer.from(signature)).slice(0, 4));
const topic = (signature) => hex(keccak_256(Buffer.from(signature)));

// ---- keyboard alone ----

/** The focused element shows a visible focus indicator (an outline of at least 2 px or a box shadow) and is on screen. */
async function assertFocusVisible(page) {
  const problem = await page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    const name = `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.getAttribute("name") ? `[name=${e.getAttribute("name")}]` : ""}`;
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow && s.boxShadow !== "none";
    // A date field's focus sits in its inner segments and picker button, where :focus-visible does not reach its host: the style counts.
    if (!(outline || shadow)) return `${name} has the focus but no visible focus indicator (outline ${s.outlineStyle} ${s.outlineWidth}; :focus ${e.matches(":focus")}, :focus-visible ${e.matches(":focus-visible")}, document focused ${document.hasFocus()})`;
    if (r.width === 0 || r.height === 0) return `${name} has the focus but is not visible`;
    return null;
  });
  if (problem) throw new Error(problem);
}

/** Tab (or Shift+Tab) until the element matching `target` has the focus; every stop must show its focus. */
async function tabTo(page, target, { back = false, max = 80 } = {}) {
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate((sel) => !!document.activeElement?.matches(sel), target)) {
      await assertFocusVisible(page);
      return;
    }
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    await assertFocusVisible(page);
  }
  throw new Error(`${target} not reached with ${max} presses of ${back ? "Shift+Tab" : "Tab"}`);
}

// ---- test data: files and a wallet ----

function pdf(text, extra = "") {
  const body = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    `<</Type/Catalog/Pages 2 0 R${extra}>>`,
    "<</Type/Pages/Kids[3 0 R]/Count 1>>",
    "<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>",
    `<</Length ${body.length}>>stream\n${body}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<</Size ${objs.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

const walletKey = secp256k1.utils.randomSecretKey();
const walletAddress = "0x" + Buffer.from(keccak_256(secp256k1.getPublicKey(walletKey, false).slice(1)).slice(-20)).toString("hex");

/** EIP-191 personal_sign: keccak256("\x19Ethereum Signed Message:\n" + length + message), r || s || v. */
function personalSign(hexMessage) {
  const message = Buffer.from(hexMessage.replace(/^0x/, ""), "hex");
  const digest = keccak_256(Buffer.concat([Buffer.from(`\x19Ethereum Signed Message:\n${message.length}`), message]));
  const sig = secp256k1.sign(digest, walletKey, { prehash: false, format: "recovered" });
  return "0x" + Buffer.from(sig.slice(1)).toString("hex") + (27 + sig[0]).toString(16);
}

// ---- the browser ----

const axeSource = readFileSync(join(WEB, "node_modules", "axe-core", "axe.min.js"), "utf8");

async function newPage(browser, base) {
  const context = await browser.newContext({ baseURL: base, locale: "en-GB", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content.Security.Policy|Refused to/i.test(m.text())) page.problems.push(m.text());
  });
  page.on("pageerror", (e) => page.problems.push(String(e)));
  return page;
}

/** The authorization-code flow with PKCE (oidc-client-ts) through the local issuer's page to choose subject and groups. */
async function signIn(page, subject, groups = []) {
  await page.goto("/");
  await page.click("#oidc-sign-in");
  await page.waitForURL(/#\/authorize\?.*code_challenge_method=S256/);
  await page.fill("#subject", subject);
  for (const g of groups) await page.check(`input[name=groups][value=${g}]`);
  await page.click("button[type=submit]");
  await page.waitForSelector("#signed-in-as");
}

const audited = [];
/** axe-core on the page as it is: no serious or critical violation; a screenshot as artifact. */
async function audit(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const result = await page.evaluate(async (source) => {
    if (!window.axe) (0, eval)(source);
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, axeSource);
  audited.push(name);
  if (result.length) throw new Error(`axe on ${name}: ${result.join("; ")}`);
}

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  try {
    const weight = checkFirstPageBudget();
    ok(`the first page (index.html + ${weight.files.length - 1} eager assets, pdf.js on demand) is ${(weight.gzipped / 1024).toFixed(1)} KB gzipped, under 500 KB`);
  } catch (e) {
    fail(`first-page budget: ${e.message}`);
  }
  let stack = null;
  let base = process.env.KYC_WEB_BASE_URL;
  if (!base) {
    console.log("starting the local stack (bin/stack on free ports)");
    stack = await startStack(join(ARTIFACTS, "stack.log"));
    base = stack.base;
    console.log(`local stack up after ${Math.round((Date.now() - started) / 1000)} s at ${base}`);
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
  const run = Math.random().toString(16).slice(2, 8);
  const applicant = `applicant-${run}`;
  const reviewerA = `reviewer-a-${run}`;
  const reviewerB = `reviewer-b-${run}`;
  const journeyStart = Date.now();
  try {
    const case_ = JSON.parse(readFileSync(join(ROOT, "docs", "examples", "case.json"), "utf8"));
    // A tax ID of this run: the investor ID derives from name, birth date and tax ID, and a second applicant
    // with the same one is parked on chain (INVESTOR_ID_OF_ANOTHER_APPLICANT) when the test runs twice on one stack.
    case_.taxId = String(10_000_000_000 + Math.floor(Math.random() * 89_999_999_999));
    const page = await newPage(browser, base);
    await page.exposeFunction("__testWalletSign", (hex) => personalSign(hex));
    await page.addInitScript((address) => {
      window.ethereum = {
        request: async ({ method, params }) => {
          if (method === "eth_requestAccounts" || method === "eth_accounts") return [address];
          if (method === "personal_sign") return window.__testWalletSign(params[0]);
          throw Object.assign(new Error(`unsupported ${method}`), { code: 4200 });
        },
      };
    }, walletAddress);

    await step("applicant signs in through the local issuer's page", async () => {
      await page.goto("/");
      await audit(page, "01-sign-in");
      await page.click("#oidc-sign-in");
      await page.waitForSelector("#authorize-client");
      await audit(page, "01b-authorize");
      await signIn(page, applicant);
      await page.waitForURL(/#\/apply$/);
    });
    await step("keyboard alone: opening a case with missing fields shows the API's codes inline, the focus on the first", async () => {
      await page.waitForSelector("#f-givenNames");
      await audit(page, "02-open-case");
      await tabTo(page, "#f-givenNames");
      await page.keyboard.type(case_.givenNames);
      await tabTo(page, "#f-dateOfBirth");
      await page.keyboard.type("01012020"); // en-GB: dd/mm/yyyy, the segments advance by themselves
      const typed = await page.inputValue("#f-dateOfBirth");
      if (typed !== "2020-01-01") throw new Error(`date typed as ${typed}`);
      await tabTo(page, "form[aria-labelledby=open-heading] button[type=submit]");
      await page.keyboard.press("Enter");
      await page.waitForSelector("#f-familyName-error[data-code=REQUIRED]");
      await page.waitForSelector("#f-dateOfBirth-error[data-code=UNDERAGE]");
      await page.waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true");
      await assertFocusVisible(page);
      await audit(page, "03-open-case-errors");
    });
    let caseId;
    await step("applicant opens a case", async () => {
      const fields = { givenNames: case_.givenNames, familyName: case_.familyName, dateOfBirth: case_.dateOfBirth, nationality: case_.nationality,
        countryOfResidence: case_.countryOfResidence, region: case_.region, "address-line1": case_.address.line1,
        "address-postalCode": case_.address.postalCode, "address-city": case_.address.city, taxId: case_.taxId };
      for (const [id, value] of Object.entries(fields)) await page.fill(`#f-${id}`, value);
      await page.click("form[aria-labelledby=open-heading] button[type=submit]");
      await page.waitForSelector("#case-status[data-status=DRAFT]");
      caseId = (await page.textContent("#case-heading")).split(" ").pop();
    });

    const shot = async (type, clip) => page.screenshot({ type, clip, ...(type === "jpeg" ? { quality: 80 } : {}) });
    const jpeg = await shot("jpeg", { x: 0, y: 0, width: 480, height: 320 });
    const png = await shot("png", { x: 0, y: 0, width: 400, height: 300 });
    const upload = async (docType, name, mimeType, buffer) => {
      await page.selectOption("#upload-type", docType);
      await page.setInputFiles("#upload-file", { name, mimeType, buffer });
      await page.click("form[aria-labelledby=upload-heading] button[type=submit]");
      await page.waitForSelector(`tr[data-doc-type=${docType}]`);
      await page.waitForFunction(() => !document.querySelector("#upload-progress"));
    };
    await step("a PDF with JavaScript is refused and the reason shown in plain words", async () => {
      await upload("ID_CARD_FRONT", "scripted.pdf", "application/pdf", pdf("ID", "/OpenAction<</S/JavaScript/JS(app.alert(1))>>"));
      await page.waitForSelector("tr[data-doc-type=ID_CARD_FRONT][data-status=REJECTED] td[data-reason-code=PDF_JAVASCRIPT]", { timeout: 60_000 });
      const text = await page.textContent("tr[data-doc-type=ID_CARD_FRONT] td[data-reason-code]");
      if (!/JavaScript/.test(text)) throw new Error(`reason shown: ${text}`);
    });
    await step("applicant uploads a PDF, a JPEG and a PNG through the presigned URLs; all are verified", async () => {
      await upload("PASSPORT", "passport.pdf", "application/pdf", pdf("PASSPORT Anna Maria Mueller"));
      await upload("PROOF_OF_ADDRESS", "address.jpg", "image/jpeg", jpeg);
      await upload("PROOF_OF_FUNDS", "funds.png", "image/png", png);
      for (const t of ["PASSPORT", "PROOF_OF_ADDRESS", "PROOF_OF_FUNDS"]) {
        await page.waitForSelector(`tr[data-doc-type=${t}][data-status=VERIFIED]`, { timeout: 60_000 });
      }
      await audit(page, "04-case-documents");
    });
    await step("keyboard alone: applicant proves a wallet with the injected EIP-1193 wallet (personal_sign of the challenge)", async () => {
      await tabTo(page, "#prove-wallet", { back: true });
      await page.keyboard.press("Enter");
      const shown = await (await page.waitForSelector("#wallet-address")).textContent();
      if (shown.toLowerCase() !== walletAddress) throw new Error(`wallet shown ${shown}, expected ${walletAddress}`);
    });
    await step("keyboard alone: applicant submits (Space on the button); the case is in review", async () => {
      await tabTo(page, "#submit-case");
      await page.keyboard.press("Space");
      await page.waitForSelector("#case-status[data-status=IN_REVIEW]");
      await audit(page, "05-submitted");
    });
    await check("the applicant cannot open the review console", async () => {
      await page.goto("/#/review");
      await page.waitForSelector("[role=alert][data-code=NOT_A_REVIEWER]");
      await page.goto("/#/apply");
    });

    // Reviewer A: queue, claim, documents, first approval; then A's second vote is refused.
    const a = await newPage(browser, base);
    await step("keyboard alone: reviewer A filters the queue, opens the case with Enter and claims it with the shortcut c", async () => {
      await signIn(a, reviewerA, ["kyc-reviewer"]);
      await a.waitForSelector(`tr[data-case-id="${caseId}"]`);
      await audit(a, "06-queue");
      // The status filter by keyboard: IN_REVIEW first, the next status one arrow down and back; Enter applies it.
      await tabTo(a, "#q-status");
      await a.keyboard.press("ArrowDown");
      if ((await a.inputValue("#q-status")) !== "PENDING_SECOND_APPROVAL") throw new Error(`status filter ${await a.inputValue("#q-status")}`);
      await a.keyboard.press("ArrowUp");
      if ((await a.inputValue("#q-status")) !== "IN_REVIEW") throw new Error(`status filter ${await a.inputValue("#q-status")}`);
      await tabTo(a, "#q-country");
      await a.keyboard.type(case_.countryOfResidence);
      await a.keyboard.press("Enter");
      await a.waitForSelector(`tr[data-case-id="${caseId}"]`);
      await tabTo(a, `tr[data-case-id="${caseId}"] a`);
      await a.keyboard.press("Enter");
      await a.waitForSelector("#review-status");
      await a.keyboard.press("c");
      await a.waitForFunction((who) => document.querySelector("#lease")?.textContent?.includes(who), reviewerA);
    });
    await check("the queue shows A's case under \"mine\" with its holder, its due date from the service level and no overdue flag", async () => {
      await a.evaluate(() => (location.hash = "#/review")); // same document: the token stays in memory
      await a.waitForSelector("#q-assigned");
      await a.selectOption("#q-assigned", "mine");
      await a.click("form.filters button[type=submit]");
      const row = `tr[data-case-id="${caseId}"][data-claimed-by="${reviewerA}"][data-overdue=false]`;
      await a.waitForSelector(row);
      const due = await a.textContent(`${row} td:nth-child(5)`);
      if (!/\d/.test(due ?? "")) throw new Error(`due date shown as ${due}`);
      await audit(a, "06b-queue-mine");
      await a.selectOption("#q-assigned", "unassigned");
      await a.click("form.filters button[type=submit]");
      await a.waitForSelector(`tr[data-case-id="${caseId}"]`, { state: "detached" });
      await a.evaluate((id) => (location.hash = `#/review/${id}`), caseId);
      await a.waitForSelector("#review-status");
    });
    await step("reviewer A sees the PDF rendered by pdf.js and the JPEG and PNG with zoom and rotate", async () => {
      await a.click("text=Show Passport");
      await a.waitForSelector(".document[data-doc-type=PASSPORT] canvas[data-rendered='1']", { timeout: 30_000 });
      for (const t of ["PROOF_OF_ADDRESS", "PROOF_OF_FUNDS"]) {
        await a.click(`.document[data-doc-type=${t}] button`);
        await a.waitForFunction((sel) => document.querySelector(sel)?.naturalWidth > 0, `.document[data-doc-type=${t}] img`);
      }
      await a.click(".document[data-doc-type=PROOF_OF_ADDRESS] >> text=Rotate");
      await a.waitForSelector(".document[data-doc-type=PROOF_OF_ADDRESS] img[data-rotation='90']");
      await audit(a, "07-case-page");
    });
    await step("reviewer A approves (reason, rating)", async () => {
      await a.check("input[name=reason][value=IDENTITY_VERIFIED]");
      await a.fill("#rating", "5");
      await a.click("#decision-form button[type=submit]");
      await a.waitForSelector("#review-status[data-status=PENDING_SECOND_APPROVAL]");
    });
    await check("reviewer A cannot cast the second vote", async () => {
      await a.check("input[name=reason][value=IDENTITY_VERIFIED]");
      await a.fill("#rating", "5");
      await a.click("#decision-form button[type=submit]");
      await a.waitForSelector("#decision-form [role=alert][data-code=SECOND_VOTE_BY_SAME_REVIEWER]");
      await audit(a, "08-second-vote-refused");
    });

    // Reviewer B: sees A's vote, approves; the case closes.
    const b = await newPage(browser, base);
    await step("keyboard alone: reviewer B sees A's vote in the four-eyes panel and approves (a, Space, Enter)", async () => {
      await signIn(b, reviewerB, ["kyc-reviewer"]);
      await b.goto(`/#/review/${caseId}`);
      await b.waitForSelector(`#four-eyes li[data-reviewer="${reviewerA}"][data-decision=APPROVE]`);
      await audit(b, "09-four-eyes");
      await b.keyboard.press("a"); // the approve shortcut
      if (!(await b.isChecked("#decision-APPROVE"))) throw new Error("the shortcut a did not choose approve");
      await tabTo(b, "input[name=reason][value=IDENTITY_VERIFIED]");
      await b.keyboard.press("Space");
      if (!(await b.isChecked("input[name=reason][value=IDENTITY_VERIFIED]"))) throw new Error("Space did not tick the reason");
      await tabTo(b, "#rating");
      await b.keyboard.type("5");
      await b.keyboard.press("Enter");
      await b.waitForSelector("#review-status[data-status=APPROVED], [role=status]:has-text('Decision recorded')");
    });
    await check("a reviewer's document link is refused after the case closed", async () => {
      await b.click(".document[data-doc-type=PASSPORT] button");
      await b.waitForSelector(".document[data-doc-type=PASSPORT] [role=alert][data-code=CASE_CLOSED]");
    });
    await step("the case reaches REGISTERED on anvil (followed on the applicant's page)", async () => {
      await page.waitForSelector("#case-status[data-status=REGISTERED]", { timeout: 120_000 });
      await audit(page, "10-registered");
    });
    await step("the node itself says so: the registrar's getInvestor(wallet) is a permitted investor with the approved rating, and its NewInvestor log names that ID", async () => {
      const { rpc, registrar } = await chainOf(stack);
      const word = (result, i) => result.slice(2 + 64 * i, 2 + 64 * (i + 1));
      const answer = await rpcCall(rpc, "eth_call", [{ to: registrar, data: selector("getInvestor(address)") + walletAddress.slice(2).padStart(64, "0") }, "latest"]);
      const investorId = "0x" + word(answer, 0);
      const [permitted, rating, country] = [1, 2, 3].map((i) => parseInt(word(answer, i), 16));
      if (/^0x0+$/.test(investorId) || permitted !== 1 || rating !== 5 || country !== 276) {
        throw new Error(`getInvestor(${walletAddress}) = id ${investorId}, permitted ${permitted}, rating ${rating}, country ${country}`);
      }
      const logs = await rpcCall(rpc, "eth_getLogs", [{ address: registrar, fromBlock: "0x0", toBlock: "latest",
        topics: [topic("NewInvestor(bytes32,uint16,bytes3,uint8,uint40,bytes32)"), investorId] }]);
      if (logs.length !== 1) throw new Error(`${logs.length} NewInvestor logs for ${investorId}`);
      console.log(`     on chain: investor ${investorId} at ${registrar}, block ${parseInt(logs[0].blockNumber, 16)}`);
    });

    const c = await newPage(browser, base);
    await step("keyboard alone: the compliance officer verifies the case's audit chain (Tab, type, Enter) and sees it intact", async () => {
      await signIn(c, `officer-${run}`, ["kyc-compliance"]);
      await c.waitForSelector("#audit-case-id");
      await audit(c, "11-compliance");
      await tabTo(c, "#audit-case-id");
      await c.keyboard.type(caseId);
      await c.keyboard.press("Enter");
      await c.waitForSelector("#audit-verdict[data-intact=true]");
      await audit(c, "12-audit-trail");
    });
    await check("keyboard alone: from the audit page back to the compliance page (Shift+Tab to its link, Enter)", async () => {
      await tabTo(c, `a[href="#/compliance"]:not(nav a)`, { back: true });
      await c.keyboard.press("Enter");
      await c.waitForSelector("#audit-case-id");
      await c.goBack();
      await c.waitForSelector("#audit-verdict[data-intact=true]");
    });
    await check("the audit verdict shows its checkpoint and the records not yet anchored", async () => {
      const n = await c.getAttribute("#audit-checkpoint", "data-not-yet-anchored");
      if (!/^\d+$/.test(n ?? "")) throw new Error(`notYetAnchored ${n}`);
    });
    await check("keyboard alone: \"verify all\" checks every chain (the journey's case not among the broken); the parked registrations are listed", async () => {
      await c.evaluate(() => (location.hash = "#/compliance")); // same document: the token stays in memory
      await c.waitForSelector("#verify-all");
      await tabTo(c, "#verify-all");
      await c.keyboard.press("Enter");
      await c.waitForSelector("#verify-all-verdict");
      const cases = Number(await c.getAttribute("#verify-all-verdict", "data-cases"));
      if (!(cases >= 1)) throw new Error(`verify all counted ${cases} cases`);
      if (await c.$(`#verify-all-broken li[data-case-id="${caseId}"]`)) throw new Error("the journey's case is among the broken chains");
      await c.waitForSelector("#parked, #parked-none");
      await audit(c, "11b-verify-all-and-parked");
      await c.goBack();
      await c.waitForSelector("#audit-verdict[data-intact=true]");
    });
    await check("tokens live in memory only: nothing in local or session storage holds the token", async () => {
      const stored = await c.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      if (/eyJ[\w-]+\.eyJ/.test(stored)) throw new Error(`a JWT in web storage: ${stored.slice(0, 200)}`);
    });
    await check("the German catalogue is complete on the audit page", async () => {
      await c.selectOption("#locale", "de");
      await c.waitForSelector("text=Die Prüfkette ist intakt");
    });
    const d = await newPage(browser, base);
    await step("legal hold: one officer places it; releasing takes two officers (202 awaiting, proposer refused, another confirms)", async () => {
      await c.evaluate(() => (location.hash = "#/compliance")); // same document: the token stays in memory
      await c.waitForSelector("#retention-case-id");
      await c.fill("#retention-case-id", caseId);
      await c.fill("#hold-reason", "Litigation hold: e2e");
      await c.click("#place-hold");
      await c.waitForSelector("#retention-outcome[data-state=done]");
      await c.waitForSelector(`#pending tr[data-case-id="${caseId}"]`);
      await c.click("#release-hold");
      await c.waitForSelector("#retention-outcome[data-state=awaiting]");
      const awaiting = await c.textContent("#retention-outcome");
      if (!awaiting.includes(`officer-${run}`)) throw new Error(`awaiting state without its proposer: ${awaiting}`);
      await audit(c, "13-legal-hold-awaiting");
      await c.click("#release-hold");
      await c.waitForSelector("[role=alert][data-code=SECOND_OFFICER_REQUIRED]");
      await signIn(d, `officer-b-${run}`, ["kyc-compliance"]);
      await d.waitForSelector("#retention-case-id");
      await d.fill("#retention-case-id", caseId);
      await d.click("#release-hold");
      await d.waitForSelector("#retention-outcome[data-state=done]");
      const done = await d.textContent("#retention-outcome");
      if (!done.includes(`officer-${run}`)) throw new Error(`release without its proposer: ${done}`);
      await audit(d, "14-legal-hold-released");
    });
    await check("keyboard alone: the sign-in page and the chooser (subject typed, group ticked with Space, Enter) sign a reviewer in", async () => {
      const k = await newPage(browser, base);
      await k.goto("/");
      await k.waitForSelector("#oidc-sign-in");
      await tabTo(k, "#oidc-sign-in");
      await k.keyboard.press("Enter");
      await k.waitForSelector("#subject");
      await tabTo(k, "#subject");
      await k.keyboard.type(`keyboard-${run}`);
      await tabTo(k, "input[name=groups][value=kyc-reviewer]");
      await k.keyboard.press("Space");
      await tabTo(k, "main form button[type=submit]");
      await k.keyboard.press("Enter");
      await k.waitForSelector("#signed-in-as");
      await k.waitForURL(/#\/review$/);
      await k.waitForSelector("#queue, main p");
      await k.keyboard.press("r"); // the reload shortcut on the queue
      await tabTo(k, "nav a[href='#/apply']", { back: true });
      await k.context().close();
    });
    await check("no Content-Security-Policy violation or page error in any page", async () => {
      const problems = [page, a, b, c, d].flatMap((p) => p.problems);
      if (problems.length) throw new Error(problems.join(" | "));
    });
    console.log(`journey took ${Math.round((Date.now() - journeyStart) / 1000)} s in the browser; axe ran on ${audited.length} pages`);
  } catch (e) {
    if (!failed) fail(String(e?.stack ?? e));
  } finally {
    await browser.close().catch(() => undefined);
    if (stack) {
      await stack.stop();
      console.log("local stack stopped");
    }
  }
  writeFileSync(join(ARTIFACTS, "summary.txt"), `${passed} passed, ${failed} failed\n`);
  console.log(`browser suite took ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
