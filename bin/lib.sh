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

# Python tools (moto server) into .venv, pinned in requirements-dev.txt.
install_python_tools() {
  if [ ! -x "$ROOT/.venv/bin/python" ]; then
    python3 -m venv "$ROOT/.venv"
  fi
  if ! cmp -s "$ROOT/requirements-dev.txt" "$ROOT/.venv/.installed" 2>/dev/null; then
    "$ROOT/.venv/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements-dev.txt"
    cp "$ROOT/requirements-dev.txt" "$ROOT/.venv/.installed"
  fi
}

# Node tools (solc, anvil) from package-lock.json.
install_node_tools() {
  if [ -f "$ROOT/package-lock.json" ] && ! cmp -s "$ROOT/package-lock.json" "$ROOT/node_modules/.installed" 2>/dev/null; then
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/package-lock.json" "$ROOT/node_modules/.installed"
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

install_tools() {
  select_jdk
  install_python_tools
  install_node_tools
  install_java_tools
}
