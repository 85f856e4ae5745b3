// The whole local stack (bin/stack) on free ports, for the browser suite and the queue benchmark: started as
// its own process group, ready when the local issuer's JWKS answers, stopped with SIGTERM (bin/stack's trap
// stops every process group it started; SIGKILL to the group after 30 s).
import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts bin/stack, its output to {@code log}; resolves to {base, ports, log, stop} once the API answers. */
export async function startStack(log) {
  const ports = { KYC_EMULATOR_PORT: await freePort(), KYC_DYNAMODB_PORT: await freePort(), KYC_ETHEREUM_PORT: await freePort(), KYC_API_PORT: await freePort() };
  const out = openSync(log, "w");
  const child = spawn(join(ROOT, "bin", "stack"), [], { cwd: ROOT, env: { ...process.env, ...ports }, stdio: ["ignore", out, out], detached: true });
  const base = `http://127.0.0.1:${ports.KYC_API_PORT}`;
  const deadline = Date.now() + 600_000;
  let exited = null;
  child.on("exit", (code) => (exited = code));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`bin/stack exited with ${exited}; see ${log}`);
    try {
      const r = await fetch(`${base}/_local/jwks.json`, { signal: AbortSignal.timeout(3000) });
      if (r.ok) return { base, ports, log, stop: () => stopStack(child) };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  await stopStack(child);
  throw new Error(`the local stack did not start within 10 minutes; see ${log}`);
}

async function stopStack(child) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.on("exit", r));
  child.kill("SIGTERM"); // bin/stack's trap stops every process group it started
  const timeout = new Promise((r) => setTimeout(r, 30_000, "timeout"));
  if ((await Promise.race([done, timeout])) === "timeout") {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
  }
}
