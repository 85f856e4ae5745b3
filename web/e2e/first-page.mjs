// The first page's weight as a browser loads it eagerly from the built web/dist: index.html, the scripts and
// style sheets it names (<script src>, <link rel=stylesheet|modulepreload>) and every module those scripts
// import statically, each gzipped (level 9, as CloudFront and the local gateway would send it at best). A
// dynamic import() — the pdf.js chunk and its worker, loaded when a reviewer opens a PDF — is not counted.
import { readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const FIRST_PAGE_BUDGET_BYTES = 500 * 1024;
const DIST = join(dirname(dirname(fileURLToPath(import.meta.url))), "dist");

/** @returns {{files: {path: string, bytes: number, gzipped: number}[], gzipped: number}} */
export function firstPageWeight(dist = DIST) {
  const seen = new Map();
  const add = (urlPath) => {
    const path = posix.normalize(urlPath.replace(/^\//, ""));
    if (seen.has(path)) return;
    const body = readFileSync(join(dist, path));
    seen.set(path, { path, bytes: body.length, gzipped: gzipSync(body, { level: 9 }).length });
    if (path.endsWith(".js") || path.endsWith(".mjs")) {
      const text = body.toString("utf8");
      // Static imports only: `import "./x.js"`, `import {a} from "./x.js"`, `export {a} from "./x.js"`; not `import("./x.js")`.
      for (const m of text.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
        add(posix.join(posix.dirname(path), m[1]));
      }
    }
  };
  add("index.html");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    if (/\brel="(?:stylesheet|modulepreload)"/.test(tag)) add(/\bhref="([^"]+)"/.exec(tag)[1]);
  }
  const files = [...seen.values()];
  return { files, gzipped: files.reduce((s, f) => s + f.gzipped, 0) };
}

/** Throws when the first page is over budget or pulls pdf.js in eagerly; returns the weight. */
export function checkFirstPageBudget(dist = DIST) {
  const weight = firstPageWeight(dist);
  const eagerPdf = weight.files.filter((f) => /(^|\/)pdf[.-]/.test(posix.basename(f.path)));
  if (eagerPdf.length) throw new Error(`pdf.js is loaded eagerly: ${eagerPdf.map((f) => f.path).join(", ")}`);
  if (weight.gzipped > FIRST_PAGE_BUDGET_BYTES) {
    throw new Error(`first page ${(weight.gzipped / 1024).toFixed(1)} KB gzipped, over the ${FIRST_PAGE_BUDGET_BYTES / 1024} KB budget`);
  }
  return weight;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const w = firstPageWeight();
  for (const f of w.files) console.log(`${f.path}\t${f.bytes} B\t${f.gzipped} B gzipped`);
  console.log(`first page: ${(w.gzipped / 1024).toFixed(1)} KB gzipped (budget ${FIRST_PAGE_BUDGET_BYTES / 1024} KB)`);
}
