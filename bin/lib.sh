# Shared by the bin/ scripts: finds a JDK >= 21 and installs the project's tools inside the project.
ROOT=$(CDPATH= cd -- "$(dirname -- "${BASH_SOURCE[0]:-$0}")/.." && pwd)

java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    return
  fi
  if command -v java >/dev/null 2>&1 && [ "$(java_major java)" -ge 21 ]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")"); export JAVA_HOME; return
  fi
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/temurin-21* /usr/lib/jvm/java-25* /usr/lib/jvm/java-21* /opt/java/*; do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ]; then
      JAVA_HOME=$candidate; export JAVA_HOME; return
    fi
  done
  echo "KYC Vault needs a JDK 21 or newer (set JAVA_HOME)." >&2
  exit 1
}

# Python tools (linters, the authorization oracle, bin/demo's wallet) into .venv, pinned in requirements-dev.txt.
install_python_tools() {
  if [ ! -x "$ROOT/.venv/bin/python" ]; then
    python3 -m venv "$ROOT/.venv"
  fi
  if ! cmp -s "$ROOT/requirements-dev.txt" "$ROOT/.venv/.installed" 2>/dev/null; then
    "$ROOT/.venv/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements-dev.txt"
    cp "$ROOT/requirements-dev.txt" "$ROOT/.venv/.installed"
  fi
}

# LocalStack (the AWS emulator: S3, SQS, KMS, EventBridge) into its own .venv-localstack. Its code needs
# Python 3.13; it is found as KYC_PYTHON313, pyenv's 3.13, or python3.13 on the PATH. Installed from
# requirements-localstack.txt, a lock with hashes (pip-compile --generate-hashes requirements-localstack.in).
find_python313() {
  local candidate
  for candidate in "${KYC_PYTHON313:-}" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3.13 \
      "$(command -v python3.13 2>/dev/null || true)" /usr/bin/python3.13 /usr/local/bin/python3.13; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 13))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

install_localstack() {
  local venv="$ROOT/.venv-localstack" python
  if [ ! -x "$venv/bin/python" ]; then
    if ! python=$(find_python313); then
      cat >&2 <<'MSG'
KYC Vault runs LocalStack 4.14.0 (its AWS emulator) on Python 3.13, which was not found.
Looked for $KYC_PYTHON313, $PYENV_ROOT/versions/3.13*/bin/python3.13 and python3.13 on the PATH.
Install it (e.g. `pyenv install 3.13`, or your distribution's python3.13 with its venv module),
or point KYC_PYTHON313 at a python3.13 executable.
MSG
      exit 1
    fi
    "$python" -m venv "$venv"
  fi
  if ! cmp -s "$ROOT/requirements-localstack.txt" "$venv/.installed" 2>/dev/null; then
    "$venv/bin/pip" install -q --disable-pip-version-check --require-hashes --no-deps -r "$ROOT/requirements-localstack.txt"
    cp "$ROOT/requirements-localstack.txt" "$venv/.installed"
  fi
}

# Node tools (solc, anvil) from package-lock.json.
install_node_tools() {
  if [ -f "$ROOT/package-lock.json" ] && ! cmp -s "$ROOT/package-lock.json" "$ROOT/node_modules/.installed" 2>/dev/null; then
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/package-lock.json" "$ROOT/node_modules/.installed"
  fi
}

# The web front end (web/): its own package-lock.json into web/node_modules, then built into web/dist, which
# the local gateway serves on the API's origin (bin/stack).
install_web() {
  if ! cmp -s "$ROOT/web/package-lock.json" "$ROOT/web/node_modules/.installed" 2>/dev/null; then
    (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/web/package-lock.json" "$ROOT/web/node_modules/.installed"
  fi
  (cd "$ROOT/web" && npm run --silent build > "$ROOT/web/.build.log" 2>&1) || { cat "$ROOT/web/.build.log" >&2; exit 1; }
}

# The browser suite's Chromium, from Debian's packages (Playwright's own browser download is not used).
install_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
    fi
  fi
}

# Java tools started as processes (DynamoDB Local), from infra/local/pom.xml into .local/tools.
install_java_tools() {
  local dir="$ROOT/.local/tools/dynamodb-local"
  if ! cmp -s "$ROOT/infra/local/pom.xml" "$dir/.installed" 2>/dev/null; then
    rm -rf "$dir"
    (cd "$ROOT" && ./mvnw -B -q -ntp -f infra/local/pom.xml dependency:copy-dependencies \
      -DoutputDirectory="$dir" -Dmdep.stripVersion=true)
    cp "$ROOT/infra/local/pom.xml" "$dir/.installed"
  fi
}

# ClamAV, the local stand-in for GuardDuty Malware Protection for S3 (clamscan, and sigtool, which builds the
# project's own signature database), and ClamAV's test files, from Debian's packages clamav and
# clamav-testfiles. Skipped when present; otherwise installed with apt-get (as root, or through sudo).
clamav_present() {
  command -v clamscan >/dev/null 2>&1 && command -v sigtool >/dev/null 2>&1 && [ -f /usr/share/clamav-testfiles/clam.exe ]
}

install_clamav() {
  clamav_present && return
  local as_root=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then as_root="sudo"; else as_root="none"; fi
  fi
  if ! command -v apt-get >/dev/null 2>&1 || [ "$as_root" = none ]; then
    cat >&2 <<'MSG'
KYC Vault's local malware scanner needs ClamAV (clamscan, sigtool) and ClamAV's test files: install the
Debian/Ubuntu packages clamav and clamav-testfiles (apt-get install -y clamav clamav-testfiles), or your
system's equivalents, so that clamscan and sigtool are on the PATH and /usr/share/clamav-testfiles exists.
MSG
    exit 1
  fi
  echo "installing ClamAV (clamav, clamav-testfiles) with apt-get" >&2
  # The package lists may be missing on a fresh machine: update them once if the first try fails.
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends clamav clamav-testfiles >/dev/null \
    || { $as_root apt-get update -q >/dev/null \
         && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends clamav clamav-testfiles >/dev/null; }
  clamav_present || { echo "ClamAV was not installed (see apt-get's messages above)" >&2; exit 1; }
}

install_tools() {
  select_jdk
  install_python_tools
  install_localstack
  install_node_tools
  install_web
  install_java_tools
  install_clamav
}
