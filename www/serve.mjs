#!/usr/bin/env node
// `node www/serve.mjs` (what `make demo` runs once the page is built): serves the built demo
// (target/www) and the mock of both APIs, in one process. Ctrl-C stops both.
//
// Environment:
//   PORT        the page's port on 127.0.0.1 (default 8080; 0 = any free port)
//   MOCK_PORT   the mock's port (default 8787; 0 = any free port)
//   MOCK_TOKEN  the token the mock accepts (default "mock-service-token")
//   DEMO_DIST   the built page (default target/www)
//
// stdout's first line is always
//   workspace-requests demo on http://127.0.0.1:<port>/ (mock API http://127.0.0.1:<port> token=<token>)
// The page reads the mock's address from /demo-config.json.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const dist = path.resolve(process.env.DEMO_DIST ?? path.join(root, "target", "www"));

function port(name, fallback) {
  const text = process.env[name] ?? String(fallback);
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`demo: ${name} must be an integer in 0..65535, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
}

const pagePort = port("PORT", 8080);
const mockPort = port("MOCK_PORT", 8787);
if (!fs.existsSync(path.join(dist, "index.html"))) {
  console.error(`demo: ${path.relative(process.cwd(), dist) || dist} has no index.html: run \`make demo\` (it builds the page).`);
  process.exit(1);
}

let app;
try {
  app = await import("../mock/app.mjs");
} catch (e) {
  console.error(`demo: the mock cannot load (${e.message}); run \`make demo\`, which builds the package first.`);
  process.exit(1);
}
const token = process.env.MOCK_TOKEN || app.DEFAULT_TOKEN;
const mock = app.createMockApp({ seed: app.loadSeed(app.SEED_PATH), token, log: () => {} });
const mockServer = http.createServer(mock.listener);

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

let config = "{}";
const pageServer = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  if (url.pathname === "/demo-config.json") {
    res.writeHead(200, { "Content-Type": MIME[".json"], "Cache-Control": "no-store" }).end(config);
    return;
  }
  let file;
  try {
    file = path.resolve(dist, `.${decodeURIComponent(url.pathname)}`);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (file !== dist && !file.startsWith(dist + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  fs.stat(file, (err, stat) => {
    if (!err && stat.isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (readErr, data) => {
      if (readErr) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found");
        return;
      }
      res.writeHead(200, {
        "Content-Type": MIME[path.extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : data);
    });
  });
});

function listen(server, p, what) {
  return new Promise((resolve, reject) => {
    server.once("error", (e) => reject(new Error(e.code === "EADDRINUSE" ? `port ${p} is in use (set ${what} to another port)` : e.message)));
    server.listen(p, "127.0.0.1", () => resolve(server.address().port));
  });
}

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  mock.clearTimers();
  for (const s of [pageServer, mockServer]) {
    s.close();
    s.closeAllConnections();
  }
  console.log("demo stopped");
  setTimeout(() => process.exit(0), 200).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

try {
  const mockActual = await listen(mockServer, mockPort, "MOCK_PORT");
  const mockUrl = `http://127.0.0.1:${mockActual}`;
  config = JSON.stringify({ mock: { url: mockUrl, token } });
  const pageActual = await listen(pageServer, pagePort, "PORT");
  console.log(`workspace-requests demo on http://127.0.0.1:${pageActual}/ (mock API ${mockUrl} token=${token})`);
  console.log("Open the page in a browser; Ctrl-C stops the page and the mock.");
} catch (e) {
  console.error(`demo: ${e.message}`);
  process.exit(1);
}
