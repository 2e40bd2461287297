// Start the mock (mock/server.mjs) in a child process on a free port, for test suites:
//
//   import { startMock } from "../../mock/start.mjs";
//   const mock = await startMock();            // { url, token, ... }
//   await fetch(`${mock.url}/api/v2/workspace`, { method: "POST", headers: mock.headers(), body });
//   assert.equal((await mock.stats()).byRoute["POST /api/v2/workspace"], 1);
//   await mock.close();
//
// The child exits when close() is called, and also when this process dies (its stdin closes).

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SERVER = fileURLToPath(new URL("./server.mjs", import.meta.url));
const LINE = /listening on (http:\/\/\S+) token=(\S+)/;

/**
 * @param {object} [options]
 * @param {Record<string,string>} [options.env] extra environment (MOCK_TOKEN, MOCK_SEED, ...)
 * @param {boolean} [options.quiet=true] no per-request log lines
 * @param {(line: string) => void} [options.onLog] receives the child's stdout/stderr lines
 * @param {number} [options.timeoutMs=15000] how long to wait for the start line
 */
export async function startMock({ env = {}, quiet = true, onLog, timeoutMs = 15_000 } = {}) {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: "0", MOCK_QUIET: quiet ? "1" : "0", ...env, MOCK_PARENT_WATCH: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

  const { url, token } = await new Promise((resolve, reject) => {
    let out = "";
    let started = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`mock did not start within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    const lines = (text) => onLog && text.split("\n").filter(Boolean).forEach(onLog);
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d) => {
      stderr += d;
      lines(d);
    });
    child.stdout.on("data", (d) => {
      lines(d);
      if (started) return;
      out += d;
      const m = LINE.exec(out);
      if (m) {
        started = true;
        clearTimeout(timer);
        resolve({ url: m[1], token: m[2] });
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`mock exited before starting (code ${code}, signal ${signal})\n${stderr}`));
    });
  });

  async function admin(method, path, body) {
    const res = await fetch(url + path, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  let closing;
  return {
    url,
    token,
    port: Number(new URL(url).port),
    child,
    /** Headers for an API call: bearer token and JSON content type, plus `extra`. */
    headers: (extra = {}) => ({ Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...extra }),
    /** `{requests, byRoute, preflights, last}`. */
    stats: () => admin("GET", "/__mock/stats"),
    /** Restores the seed, zeroes the counters and clears queued faults. */
    reset: () => admin("POST", "/__mock/reset"),
    /** The organisation as the mock holds it (secrets redacted). */
    state: () => admin("GET", "/__mock/state"),
    /** Queues a fault for the next `count` requests (of `route`, e.g. "PUT /api/v2/datasource"). */
    fault: (fault, { count = 1, route } = {}) => admin("POST", "/__mock/faults", { fault, count, ...(route ? { route } : {}) }),
    /** Sets a synced Paradigm workspace's sync status (e.g. "SUCCESS"), as if a sync ran. */
    setSync: (id, last_status, extra = {}) => admin("POST", `/__mock/sync/${id}`, { last_status, ...extra }),
    /** SIGTERM, then waits for the exit; resolves to {code, signal}. */
    close() {
      if (!closing) {
        closing = (async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill("SIGTERM");
            const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
            const result = await exited;
            clearTimeout(kill);
            return result;
          }
          return exited;
        })();
      }
      return closing;
    },
  };
}
