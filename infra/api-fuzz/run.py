"""API fuzzing for bin/test: schemathesis against a local stack, from docs/openapi.yaml.

Starts bin/stack on free ports (as web/e2e/journey.mjs does), waits for its local issuer, mints one
bearer token per role (applicant, data subject, reviewer, compliance officer), runs schemathesis with
infra/api-fuzz/schemathesis.toml for at most KYC_FUZZ_SECONDS (default 150), and stops the stack
again (SIGTERM to its process group: bin/stack's trap stops everything it started). Exits with
schemathesis's exit code. KYC_FUZZ_BASE_URL=http://127.0.0.1:8080 fuzzes a running stack instead.

Before the run it seeds real cases under review (each its own applicant: three verified PDFs through
their presigned URLs, a proven wallet, submitted), so that the staff operations (claim, view, decide,
document links, audit, legal hold, offboarding) meet real cases and not only invented ids: their
caseId is drawn from these cases most of the time (the `seeded-cases` dictionary in schemathesis.toml,
written to target/api-fuzz/case-ids.dict).
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
OUT = ROOT / "target" / "api-fuzz"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=3):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


def token(base, subject, groups=""):
    data = urllib.parse.urlencode({"sub": subject, "groups": groups}).encode()
    with urllib.request.urlopen(urllib.request.Request(f"{base}/_local/token", data=data, method="POST"), timeout=10) as r:
        return r.read().decode().strip()


def seed_case(base, applicant):
    """One case under review, the way an applicant gets it there; returns its id."""
    import requests
    from eth_account import Account
    from eth_account.messages import encode_defunct

    sys.path.insert(0, str(ROOT / "bin"))
    from smoke import pdf, sha256_b64  # the smoke walk's documents and checksum, not a copy

    auth = {"Authorization": f"Bearer {token(base, applicant)}"}
    with open(ROOT / "docs" / "examples" / "case.json") as f:
        opened = requests.post(f"{base}/cases", json=json.load(f), headers=auth, timeout=20)
    opened.raise_for_status()
    case_id = opened.json()["caseId"]
    for doc_type in ("PASSPORT", "PROOF_OF_ADDRESS", "PROOF_OF_FUNDS"):
        data = pdf(f"{doc_type} of {applicant}")
        sha = sha256_b64(data)
        slot = requests.post(f"{base}/cases/{case_id}/documents", headers=auth, timeout=20, json={
            "docType": doc_type, "contentType": "application/pdf", "contentLength": len(data), "sha256": sha})
        slot.raise_for_status()
        slot = slot.json()
        headers = {k: v for k, v in slot["headers"].items() if k.lower() not in ("content-length", "host")}
        requests.put(slot["uploadUrl"], data=data, headers=headers, timeout=20).raise_for_status()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        view = requests.get(f"{base}/cases/{case_id}", headers=auth, timeout=20).json()
        if all(d["status"] not in ("AWAITING_UPLOAD", "AWAITING_SCAN") for d in view["documents"]):
            break
        time.sleep(0.3)
    wallet = Account.create()
    challenge = requests.post(f"{base}/cases/{case_id}/wallets/challenge", headers=auth, timeout=20,
                              json={"address": wallet.address}).json()
    signature = Account.sign_message(encode_defunct(text=challenge["message"]), wallet.key).signature.hex()
    proof = requests.post(f"{base}/cases/{case_id}/wallets", headers=auth, timeout=20, json={
        "message": challenge["message"], "signature": signature if signature.startswith("0x") else "0x" + signature})
    proof.raise_for_status()
    submitted = requests.post(f"{base}/cases/{case_id}/submit", headers=auth, timeout=20)
    if submitted.status_code != 200:
        raise SystemExit(f"seeding: case {case_id} not submitted: {submitted.status_code} {submitted.text}")
    return case_id


def seed_cases(base, run, count=3):
    ids = [seed_case(base, f"fuzz-seed-{run}-{i}") for i in range(count)]
    # A libFuzzer-style dictionary file, the format schemathesis reads for `from-file` dictionaries.
    (OUT / "case-ids.dict").write_text("".join(f'"{i}"\n' for i in ids))
    return ids


def staff_actions_on(base, ids, officer_token):
    """What staff operations did to the seeded cases during the run, from their audit trails."""
    actions = {}
    for case_id in ids:
        request = urllib.request.Request(f"{base}/audit/cases/{case_id}", headers={"Authorization": f"Bearer {officer_token}"})
        with urllib.request.urlopen(request, timeout=20) as r:
            trail = json.loads(r.read())
        for record in trail["records"]:
            if not record.get("actor", "").startswith(("fuzz-seed-", "system:")):
                actions[record["action"]] = actions.get(record["action"], 0) + 1
    return actions


def start_stack():
    ports = {name: str(free_port()) for name in ("KYC_EMULATOR_PORT", "KYC_DYNAMODB_PORT", "KYC_ETHEREUM_PORT", "KYC_API_PORT")}
    log = open(OUT / "stack.log", "wb")
    child = subprocess.Popen([str(ROOT / "bin" / "stack")], cwd=ROOT, env={**os.environ, **ports}, stdin=subprocess.DEVNULL,
                             stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{ports['KYC_API_PORT']}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise SystemExit(f"bin/stack exited with {child.returncode}; see {OUT / 'stack.log'}")
        try:
            if get(f"{base}/_local/jwks.json")[0] == 200:
                return child, base
        except OSError:
            pass
        time.sleep(1)
    stop_stack(child)
    raise SystemExit(f"the local stack did not start within 10 minutes; see {OUT / 'stack.log'}")


def stop_stack(child):
    if child.poll() is not None:
        return
    child.send_signal(signal.SIGTERM)
    try:
        child.wait(30)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    seconds = int(os.environ.get("KYC_FUZZ_SECONDS", "150"))
    child = None
    base = os.environ.get("KYC_FUZZ_BASE_URL")
    try:
        if not base:
            print("starting the local stack (bin/stack on free ports)", flush=True)
            started = time.monotonic()
            child, base = start_stack()
            print(f"local stack up after {time.monotonic() - started:.0f} s at {base}", flush=True)
        run = str(int(time.time()))
        seeded = seed_cases(base, run)
        print(f"seeded {len(seeded)} cases under review for the staff operations", flush=True)
        env = {
            **os.environ,
            "KYC_FUZZ_BASE_URL": base,
            "KYC_FUZZ_APPLICANT_TOKEN": token(base, f"fuzz-applicant-{run}"),
            "KYC_FUZZ_SUBJECT_TOKEN": token(base, f"fuzz-subject-{run}"),
            "KYC_FUZZ_REVIEWER_TOKEN": token(base, f"fuzz-reviewer-{run}", "kyc-reviewer"),
            "KYC_FUZZ_COMPLIANCE_TOKEN": token(base, f"fuzz-officer-{run}", "kyc-compliance"),
            "SCHEMATHESIS_HOOKS": "hooks",
            "PYTHONPATH": str(HERE) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        }
        command = [str(Path(sys.executable).parent / "st"), "--config-file", str(HERE / "schemathesis.toml"), "run",
                   str(ROOT / "docs" / "openapi.yaml"), "--max-time", str(seconds),
                   "--report", "junit", "--report-dir", str(OUT)]
        print("schemathesis:", " ".join(command[1:]), flush=True)
        # Bounded twice: schemathesis's own time budget, and a hard stop a minute after it.
        result = subprocess.run(command, cwd=ROOT, env=env, timeout=seconds + 60)
        # The seeding must have reached the staff operations (a broken dictionary binding would leave
        # them on invented ids, silently): their actions show in the seeded cases' audit trails.
        actions = staff_actions_on(base, seeded, env["KYC_FUZZ_COMPLIANCE_TOKEN"])
        print("staff actions on the seeded cases:", ", ".join(f"{a} ×{n}" for a, n in sorted(actions.items())) or "none", flush=True)
        if not actions:
            print("api-fuzz: no staff operation reached a seeded case; see infra/api-fuzz/schemathesis.toml", flush=True)
            return result.returncode or 1
        return result.returncode
    finally:
        if child is not None:
            stop_stack(child)
            print("local stack stopped", flush=True)


if __name__ == "__main__":
    sys.exit(main())
