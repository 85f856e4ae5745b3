"""API fuzzing for bin/test: schemathesis against a local stack, from docs/openapi.yaml.

Starts bin/stack on free ports (as web/e2e/journey.mjs does), waits for its local issuer, mints one
bearer token per role (applicant, data subject, reviewer, compliance officer), runs schemathesis with
infra/api-fuzz/schemathesis.toml for at most KYC_FUZZ_SECONDS (default 150), and stops the stack
again (SIGTERM to its process group: bin/stack's trap stops everything it started). Exits with
schemathesis's exit code. KYC_FUZZ_BASE_URL=http://127.0.0.1:8080 fuzzes a running stack instead.
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
        return result.returncode
    finally:
        if child is not None:
            stop_stack(child)
            print("local stack stopped", flush=True)


if __name__ == "__main__":
    sys.exit(main())
