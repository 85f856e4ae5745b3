"""HTTP-level smoke walk of a running KYC Vault (local stack or a deployed stack); run through bin/smoke.

The happy path: open a case, presign and upload three documents straight to S3 with exactly the
signed headers the API returns, wait until they are VERIFIED, prove a fresh wallet (EIP-191
personal_sign), submit, two different reviewers approve, wait until REGISTERED. Along the way a few
refusals are asserted by status and stable error code. One line per step, then
"smoke: N passed, M failed"; exit status 1 on any failure. Every HTTP call has a timeout and the
whole walk has a deadline (KYC_SMOKE_DEADLINE seconds, default 240).
"""
import base64
import datetime
import hashlib
import json
import os
import sys
import time
import uuid

import requests
from eth_account import Account
from eth_account.messages import encode_defunct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC_TYPES = ("PASSPORT", "PROOF_OF_ADDRESS", "PROOF_OF_FUNDS")
TOKEN_VARS = ("KYC_SMOKE_APPLICANT_TOKEN", "KYC_SMOKE_OTHER_TOKEN", "KYC_SMOKE_REVIEWER1_TOKEN", "KYC_SMOKE_REVIEWER2_TOKEN")
REVIEWER_GROUP = "kyc-reviewer"


class Abort(Exception):
    """A step the rest of the walk depends on failed (already reported)."""


class Smoke:
    def __init__(self, base, deadline_s, register_wait_s, verify_wait_s):
        self.base = base.rstrip("/")
        self.deadline = time.monotonic() + deadline_s
        self.register_wait_s = register_wait_s
        self.verify_wait_s = verify_wait_s
        self.passed = 0
        self.failed = 0
        self.http = requests.Session()

    # ---- reporting ----
    def ok(self, text):
        self.passed += 1
        print(f"ok   {text}", flush=True)

    def fail(self, text):
        self.failed += 1
        print(f"FAIL {text}", flush=True)

    def check(self, condition, text, detail=""):
        if condition:
            self.ok(text)
        else:
            self.fail(f"{text}{': ' + detail if detail else ''}")
        return condition

    # ---- HTTP, bounded ----
    def remaining(self):
        return self.deadline - time.monotonic()

    def request(self, method, url, **kwargs):
        left = self.remaining()
        if left <= 1:
            self.fail(f"deadline reached before {method} {short(url)}")
            raise Abort()
        kwargs.setdefault("timeout", (min(5.0, left), min(30.0, left)))
        kwargs.setdefault("allow_redirects", False)
        try:
            return self.http.request(method, url, **kwargs)
        except requests.RequestException as e:
            self.fail(f"{method} {short(url)}: {type(e).__name__}: {e}")
            raise Abort()

    def api(self, method, path, token=None, body=None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if body is not None:
            return self.request(method, self.base + path, headers=headers, json=body)
        return self.request(method, self.base + path, headers=headers)

    def expect(self, label, response, status, code=None, fatal=False):
        """Checks status (an int or a tuple of ints) and, for refusals, the stable error code."""
        statuses = status if isinstance(status, tuple) else (status,)
        body = parse(response)
        got_code = body.get("code") if isinstance(body, dict) else None
        good = response.status_code in statuses and (code is None or got_code == code)
        expected = "/".join(map(str, statuses)) + (f" {code}" if code else "")
        if good:
            self.ok(f"{label} {response.status_code}{' ' + got_code if code else ''}")
        else:
            self.fail(f"{label}: expected {expected}, got {response.status_code} {snippet(response)}")
            if fatal:
                raise Abort()
        return body

    def sleep(self, seconds):
        time.sleep(max(0.0, min(seconds, self.remaining() - 1)))


def parse(response):
    try:
        return response.json()
    except ValueError:
        return {}


def snippet(response, limit=300):
    text = response.text.strip().replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "..."


def short(url):
    return url.split("?", 1)[0]


def pdf(text):
    """A minimal one-page PDF with a line of text (the upload function checks the real type from the bytes)."""
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>",
            b"<</Length %d>>stream\n" % len(body) + body + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def sha256_b64(data):
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def tokens(smoke):
    """Four bearer tokens from the environment (deployed stack), or minted by the local issuer."""
    given = {v: os.environ.get(v, "").strip() for v in TOKEN_VARS}
    if all(given.values()):
        smoke.ok("tokens from KYC_SMOKE_*_TOKEN")
        return {"applicant": given[TOKEN_VARS[0]], "other": given[TOKEN_VARS[1]],
                "reviewer1": given[TOKEN_VARS[2]], "reviewer2": given[TOKEN_VARS[3]], "applicant_as_reviewer": None}
    if any(given.values()):
        missing = ", ".join(v for v, t in given.items() if not t)
        smoke.fail(f"tokens: set all four KYC_SMOKE_*_TOKEN variables or none (missing: {missing})")
        raise Abort()
    run = uuid.uuid4().hex[:8]
    applicant = f"smoke-applicant-{run}"

    def mint(sub, groups=""):
        r = smoke.request("POST", smoke.base + "/_local/token", data={"sub": sub, "groups": groups})
        if r.status_code != 200 or r.text.count(".") != 2:
            smoke.fail(f"mint a token at {smoke.base}/_local/token: {r.status_code} {snippet(r)} "
                       f"(against a deployed stack set {', '.join(TOKEN_VARS)})")
            raise Abort()
        return r.text.strip()

    minted = {"applicant": mint(applicant), "other": mint(f"smoke-other-{run}"),
              "reviewer1": mint(f"smoke-reviewer1-{run}", REVIEWER_GROUP),
              "reviewer2": mint(f"smoke-reviewer2-{run}", REVIEWER_GROUP),
              # The applicant's own subject holding the reviewer group: only a local issuer can make this one.
              "applicant_as_reviewer": mint(applicant, REVIEWER_GROUP)}
    smoke.ok(f"tokens minted by the local issuer (applicant {applicant})")
    return minted


def walk(smoke):
    t = tokens(smoke)
    with open(os.path.join(ROOT, "docs", "examples", "case.json"), encoding="utf-8") as f:
        personal_data = json.load(f)

    # -- refusal: no token at all
    r = smoke.api("POST", "/cases", body=personal_data)
    if r.status_code == 401 and parse(r) == {"message": "Unauthorized"}:
        # In AWS the JWT authorizer answers a missing token itself, before any function runs; an HTTP
        # API cannot reshape that body (README, HTTP API). The status is the contract.
        smoke.ok("no token: POST /cases 401 (API Gateway's JWT authorizer)")
    else:
        smoke.expect("no token: POST /cases", r, 401, "UNAUTHENTICATED")

    # -- refusal: straight to the execute-api endpoint, around CloudFront and its WAF
    origin = os.environ.get("KYC_SMOKE_ORIGIN_URL", "").strip().rstrip("/")
    if origin:
        try:
            r = requests.get(f"{origin}/cases/{uuid.uuid4()}", headers={"Authorization": f"Bearer {t['applicant']}"}, timeout=15)
            smoke.expect("direct to the origin (no X-Origin-Verify)", r, 403, "DIRECT_ORIGIN_ACCESS")
        except requests.RequestException as e:
            smoke.fail(f"direct to the origin: {e}")

    # -- open a case
    r = smoke.api("POST", "/cases", t["applicant"], personal_data)
    if r.status_code == 409 and parse(r).get("code") == "OPEN_CASE_EXISTS":
        smoke.fail("open case: 409 OPEN_CASE_EXISTS - this applicant already has an open case (an earlier run "
                   "stopped half-way); use a fresh applicant user, or finish or erase that case (DELETE /me)")
        raise Abort()
    created = smoke.expect("open case", r, 201, fatal=True)
    case_id = created.get("caseId")
    if not smoke.check(bool(case_id) and created.get("status") == "DRAFT", f"case {case_id} is DRAFT", json.dumps(created)):
        raise Abort()
    path = f"/cases/{case_id}"

    # -- refusal: another applicant reads the case
    smoke.expect("another applicant reads the case", smoke.api("GET", path, t["other"]), 403, "NOT_CASE_OWNER")

    # -- refusal: a presign whose sha256 is not a SHA-256 digest
    smoke.expect("presign with a bad sha256", smoke.api("POST", path + "/documents", t["applicant"], {
        "docType": "PASSPORT", "contentType": "application/pdf", "contentLength": 1000,
        "sha256": base64.b64encode(b"sixteen bytes!!!").decode()}), 400, "INVALID_SHA256")

    # -- presign and upload three documents straight to S3
    uploads = {}
    for doc_type in DOC_TYPES:
        data = pdf(f"{doc_type} smoke {case_id}")
        sha = sha256_b64(data)
        slot = smoke.expect(f"presign {doc_type}", smoke.api("POST", path + "/documents", t["applicant"], {
            "docType": doc_type, "contentType": "application/pdf", "contentLength": len(data), "sha256": sha}),
            201, fatal=True)
        signed = slot.get("headers") or {}
        lower = {k.lower(): v for k, v in signed.items()}
        if not smoke.check(slot.get("method") == "PUT" and slot.get("uploadUrl")
                           and lower.get("x-amz-checksum-sha256") == sha
                           and lower.get("content-length") in (None, str(len(data))),
                           f"upload instructions for {doc_type} bind the checksum and length",
                           json.dumps({k: v for k, v in slot.items() if k != "uploadUrl"})):
            raise Abort()
        # Exactly the signed headers; Host and Content-Length are set by the HTTP client (same values).
        headers = {k: v for k, v in signed.items() if k.lower() not in ("host", "content-length")}
        put = smoke.request("PUT", slot["uploadUrl"], data=data, headers=headers)
        if not smoke.check(put.status_code == 200, f"PUT {doc_type} to S3 {put.status_code}", snippet(put)):
            raise Abort()
        uploads[doc_type] = (slot, headers, data)

    # -- wait until all three are verified: by the upload function (structure) and by the malware scan
    #    (GuardDuty in AWS, ClamAV locally) of the same version; AWAITING_SCAN is not settled yet
    settle_by = time.monotonic() + smoke.verify_wait_s
    ids = {slot["documentId"]: doc_type for doc_type, (slot, _, _) in uploads.items()}
    view = {}
    while True:
        r = smoke.api("GET", path, t["applicant"])
        view = parse(r) if r.status_code == 200 else {}
        docs = {d.get("documentId"): d for d in view.get("documents", [])}
        if all(docs.get(i, {}).get("status") not in (None, "AWAITING_UPLOAD", "AWAITING_SCAN") for i in ids):
            break
        if time.monotonic() > settle_by or smoke.remaining() < 5:
            break
        smoke.sleep(0.5)
    verified = [smoke.check(docs.get(i, {}).get("status") == "VERIFIED", f"{doc_type} VERIFIED",
                            "status {status} {reasonCode} {reason}".format(**{k: docs.get(i, {}).get(k) or "" for k in (
                                "status", "reasonCode", "reason")}).strip() or "never settled")
                for i, doc_type in ids.items()]
    if not all(verified):
        raise Abort()

    # -- refusal: the same presigned PUT again is refused by S3 itself (If-None-Match: * is signed)
    slot, headers, data = uploads["PASSPORT"]
    replay = smoke.request("PUT", slot["uploadUrl"], data=data, headers=headers)
    smoke.check(replay.status_code in (412, 403), f"replayed presigned PUT refused by S3 {replay.status_code}",
                f"expected 412 or 403, got {replay.status_code} {snippet(replay)}")

    # -- prove a fresh wallet: EIP-191 personal_sign of the server's challenge
    wallet = Account.create()
    challenge = smoke.expect("wallet challenge", smoke.api("POST", path + "/wallets/challenge", t["applicant"],
                                                           {"address": wallet.address}), 200, fatal=True)
    signature = Account.sign_message(encode_defunct(text=challenge["message"]), wallet.key).signature.hex()
    signature = signature if signature.startswith("0x") else "0x" + signature
    smoke.expect(f"wallet {wallet.address} proven", smoke.api("POST", path + "/wallets", t["applicant"], {
        "message": challenge["message"], "signature": signature}), 201, fatal=True)

    # -- submit
    submitted = smoke.expect("submit", smoke.api("POST", path + "/submit", t["applicant"]), 200, fatal=True)
    smoke.check(submitted.get("status") == "IN_REVIEW", "case IN_REVIEW", json.dumps(submitted))

    # -- refusals: the applicant is no reviewer, and nobody reviews their own case
    expires_on = (datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=365)).isoformat()
    approval = {"decision": "APPROVE", "reasonCodes": ["IDENTITY_VERIFIED"], "rating": 5, "ratingExpiresOn": expires_on}
    decisions = f"/review/cases/{case_id}/decisions"
    smoke.expect("applicant calls the review queue", smoke.api("GET", "/review/queue", t["applicant"]), 403, "NOT_A_REVIEWER")
    smoke.expect("applicant approves own case", smoke.api("POST", decisions, t["applicant"], approval), 403, "NOT_A_REVIEWER")
    if t["applicant_as_reviewer"]:
        smoke.expect("applicant holding kyc-reviewer approves own case",
                     smoke.api("POST", decisions, t["applicant_as_reviewer"], approval), 403, "OWN_CASE")
    smoke.expect("reviewer reads the review queue", smoke.api("GET", "/review/queue?limit=1", t["reviewer1"]), 200)

    # -- four eyes: two different reviewers approve
    first = smoke.expect("reviewer 1 approves", smoke.api("POST", decisions, t["reviewer1"], approval), 200, fatal=True)
    smoke.check(first.get("status") == "PENDING_SECOND_APPROVAL", "case PENDING_SECOND_APPROVAL", json.dumps(first))
    smoke.expect("reviewer 1 casts the second vote too", smoke.api("POST", decisions, t["reviewer1"], approval),
                 403, "SECOND_VOTE_BY_SAME_REVIEWER")
    second = smoke.expect("reviewer 2 approves", smoke.api("POST", decisions, t["reviewer2"], approval), 200, fatal=True)
    if not smoke.check(second.get("status") == "APPROVED", "case APPROVED", json.dumps(second)):
        raise Abort()

    # -- the chain function registers the investor on the registrar
    started = time.monotonic()
    register_by = started + smoke.register_wait_s
    status = None
    while True:
        r = smoke.api("GET", path, t["applicant"])
        status = parse(r).get("status") if r.status_code == 200 else f"HTTP {r.status_code}"
        if status == "REGISTERED" or time.monotonic() > register_by or smoke.remaining() < 3:
            break
        smoke.sleep(1.0)
    smoke.check(status == "REGISTERED", f"REGISTERED after {time.monotonic() - started:.1f} s (wallet {wallet.address})",
                f"still {status} after {time.monotonic() - started:.0f} s (bound {smoke.register_wait_s:.0f} s)")


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-") or not argv[1].startswith(("http://", "https://")):
        print("usage: bin/smoke BASE_URL     e.g. bin/smoke http://127.0.0.1:8080", file=sys.stderr)
        return 2
    smoke = Smoke(argv[1],
                  deadline_s=float(os.environ.get("KYC_SMOKE_DEADLINE", "240")),
                  register_wait_s=float(os.environ.get("KYC_SMOKE_REGISTER_WAIT", "120")),
                  verify_wait_s=float(os.environ.get("KYC_SMOKE_VERIFY_WAIT", "60")))
    print(f"smoke: walking {smoke.base}", flush=True)
    try:
        walk(smoke)
    except Abort:
        print("smoke: stopped early; the remaining steps depend on the failed one", flush=True)
    except Exception as e:  # noqa: BLE001 - a smoke test reports, it does not crash
        smoke.fail(f"unexpected {type(e).__name__}: {e}")
    print(f"smoke: {smoke.passed} passed, {smoke.failed} failed", flush=True)
    return 1 if smoke.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
