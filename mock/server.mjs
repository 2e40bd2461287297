#!/usr/bin/env node
// `node mock/server.mjs`: the mock of Databrain v2 and LightOn Paradigm v3 on one port.
//
// Environment:
//   PORT        port on 127.0.0.1 (default 8787; 0 = any free port, the first stdout line says which)
//   MOCK_TOKEN  the accepted bearer token (default "mock-service-token")
//   MOCK_SEED   seed file (default mock/seed.json)
//   MOCK_QUIET  "1": no per-request log lines (the start line is always printed)
//   MOCK_PARENT_WATCH  "1": exit when stdin closes (mock/start.mjs sets it, so that a mock never
//               outlives the test process that spawned it)
//
// The first stdout line is always
//   workspace-requests mock listening on http://127.0.0.1:<port> token=<token>
// SIGINT / SIGTERM close the server (open connections included) and exit 0.

import http from "node:http";

let app;
try {
  app = await import("./app.mjs");
} catch (e) {
  // app.mjs imports nothing but Node's own modules and the package: a module not found is the package.
  if (e && e.code === "ERR_MODULE_NOT_FOUND") {
    console.error(`mock: the package is not built (${e.message}); run \`make pkg\` first.`);
    process.exit(1);
  }
  throw e;
}

const portText = process.env.PORT ?? "8787";
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`mock: PORT must be an integer in 0..65535, got ${JSON.stringify(portText)}`);
  process.exit(2);
}
const token = process.env.MOCK_TOKEN || app.DEFAULT_TOKEN;
const quiet = process.env.MOCK_QUIET === "1";
const seed = app.loadSeed(process.env.MOCK_SEED ? new URL(process.env.MOCK_SEED, `file://${process.cwd()}/`) : app.SEED_PATH);

const rateLimit = process.env.MOCK_RATELIMIT || undefined;
if (rateLimit !== undefined) {
  try {
    app.parseFault(`ratelimit=${rateLimit}`);
  } catch (e) {
    console.error(`MOCK_RATELIMIT: ${e.message}`);
    process.exit(2);
  }
}
const mock = app.createMockApp({ seed, token, rateLimit, log: quiet ? () => {} : (line) => console.log(line) });
const server = http.createServer(mock.listener);
server.keepAliveTimeout = 5_000;

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  mock.clearTimers();
  server.close(() => {
    if (!quiet) console.log(`mock stopped (${signal})`);
    process.exit(0);
  });
  server.closeAllConnections();
  // Never hang on shutdown.
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
if (process.env.MOCK_PARENT_WATCH === "1") {
  process.stdin.on("end", () => stop("stdin closed"));
  process.stdin.on("close", () => stop("stdin closed"));
  process.stdin.on("error", () => stop("stdin closed"));
  process.stdin.resume();
}

server.on("error", (e) => {
  console.error(`mock: ${e.message}`);
  process.exit(1);
});
server.listen(port, "127.0.0.1", () => {
  const { port: actual } = server.address();
  console.log(`workspace-requests mock listening on http://127.0.0.1:${actual} token=${token}`);
});
