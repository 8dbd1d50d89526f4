// The web host is a server: the real `clawlink serve` (a child process, so its RSS is its own) takes
// 30,000 random and malformed request lines, headers, WebSocket upgrades and frames (oversized,
// truncated, pipelined, slow) over raw TCP on 127.0.0.1, in rounds of 5,000, plus clients that stall
// mid-request. Afterwards it still serves the UI to the right cookie (and only to it), the host API still
// answers over the WebSocket, the stalled clients were cut off, and its RSS stayed under a ceiling. Seeded: FUZZ_SEED=<n> replays a run (the seed is printed
// first).
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startServe, type ServeRun } from "./harness/clawlink-serve.js";
import { newSeed, nextCase, prng, type FuzzCase, type FuzzTarget } from "./harness/http-fuzz.js";

const ROUND = 5_000;
// Fixed, so the printed growth over the last two rounds comes after the ~15,000 requests of warm-up.
const ROUNDS = 6;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : newSeed();
const CONCURRENCY = 32;
const STALLED = 16;
// Budget for the whole storm (it takes ~30-50 s on 2 busy cores); exceeding it is a failure, not a hang.
const STORM_BUDGET_MS = 200_000;
// RSS bound, from measured runs (docs/notes/issue-10-webhost.md). With the young generation capped the
// whole storm grows RSS by 41-57 MB (three runs, 2026-12-01); a leak of ≥ ~2.5 KB per request crosses
// the ceiling. The growth over the last 10,000 requests is printed, not judged: it ranged 0.9-16.4 MB in
// those three runs with nothing retained — RSS is too coarse a signal for a per-round leak check (that
// belongs on the JS heap after a forced GC, which `clawlink serve` does not expose).
const RSS_CEILING_MB = 128;

let serve: ServeRun;
let cookie: string;
beforeAll(async () => {
  // Young generation capped (as measured in the note, this takes ~50 MB of V8 semi-space growth out of
  // the figure): how big V8 lets new space grow depends on GC timing, which depends on how busy the
  // machine's two cores are, and a run next to other work grew 45 MB more over its last 10,000 requests
  // with no leak (2026-12-01 CI run 3). What is left is the server's own retention, which the bounds judge.
  serve = await startServe({ env: { NODE_OPTIONS: "--max-semi-space-size=1" } });
  cookie = (await serve.session()).cookie;
});
afterAll(async () => {
  expect(await serve?.stop()).toBe(0);
});

const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Plays one case on a fresh socket; resolves with the answer's status code, or "none". */
function play(c: FuzzCase, port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    let got = "";
    const done = () => resolve(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1] ?? "none");
    // A case never holds its socket longer than this; the server closing first is the normal end.
    const cap = setTimeout(() => s.destroy(), 3_000);
    s.on("data", (d: Buffer) => got.length < 64 && (got += d.toString("latin1")));
    s.on("error", () => {});
    s.on("close", () => (clearTimeout(cap), done()));
    s.on("connect", async () => {
      for (const [i, chunk] of c.chunks.entries()) {
        if (i > 0 && c.pauseMs) await sleep(c.pauseMs);
        if (s.destroyed) return;
        s.write(chunk);
      }
      if (c.reset) s.resetAndDestroy();
      else s.end();
    });
  });
}

/** A client that sends half a request line and then nothing, holding the socket: resolves when the server drops it. */
function stall(port: number): Promise<number> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = net.connect(port, "127.0.0.1", () => s.write("GET /index.ht"));
    // Read (and drop) the answer: a paused socket would never see the server's FIN.
    s.on("data", () => {});
    s.on("error", () => {});
    s.on("close", () => resolve(Date.now() - t0));
  });
}

interface Storm {
  sent: number;
  statuses: Record<string, number>;
  /** RSS (MB) after each round. */
  rounds: number[];
}

async function storm(t: FuzzTarget): Promise<Storm> {
  const r = prng(SEED);
  const out: Storm = { sent: 0, statuses: {}, rounds: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    const worker = async () => {
      while (out.sent < round * ROUND) {
        const c = nextCase(r, t);
        out.sent++;
        const st = await play(c, t.port);
        out.statuses[st] = (out.statuses[st] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    out.rounds.push(rssMb(serve.child.pid!));
  }
  return out;
}

function get(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return fetch(`${serve.origin}${path}`, { headers, redirect: "manual" }).then(async (res) => ({ status: res.status, body: await res.text() }));
}

function apiCall(method: string): Promise<{ ok: boolean; value?: { host?: string } }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/api`, { headers: { origin: serve.origin, cookie } });
    ws.on("error", reject);
    ws.on("open", () => ws.send(JSON.stringify({ t: "call", id: 1, method, args: [] })));
    ws.on("message", (d) => (resolve(JSON.parse(String(d)) as never), ws.close()));
  });
}

describe("clawlink serve under a storm of malformed traffic", () => {
  it(`takes ${ROUNDS * ROUND} malformed requests and stalled clients, then still serves the UI to the right cookie with bounded RSS`, async () => {
    console.log(`[fuzz] seed=${SEED} (replay: FUZZ_SEED=${SEED}) cases=${ROUNDS} × ${ROUND} concurrency=${CONCURRENCY}`);
    const pid = serve.child.pid!;
    // Warm up with ordinary traffic, so "before" is a serving process, not a just-started one.
    for (let i = 0; i < 50; i++) expect((await get("/", { cookie })).status).toBe(200);
    await sleep(1000);
    const before = rssMb(pid);

    const stalled = Array.from({ length: STALLED }, () => stall(serve.port));
    const t0 = Date.now();
    const target: FuzzTarget = { port: serve.port, origin: serve.origin, cookie, spentToken: serve.token };
    const result = await Promise.race([storm(target), sleep(STORM_BUDGET_MS).then(() => null)]);
    const ms = Date.now() - t0;
    expect(result, `the storm did not finish within ${STORM_BUDGET_MS} ms (seed ${SEED})`).not.toBeNull();
    const { sent, statuses, rounds } = result!;
    const stalledMs = await Promise.all(stalled);
    await sleep(2000);
    const after = rssMb(pid);
    console.log(`[fuzz] sent ${sent} cases in ${(ms / 1000).toFixed(1)} s (${Math.round(sent / (ms / 1000))}/s); answers by status: ${JSON.stringify(statuses)}`);
    const level = rounds.at(-1)! - rounds.at(-3)!;
    console.log(`[fuzz] RSS before ${before.toFixed(1)} MB; after each round of ${ROUND}: ${rounds.map((m) => m.toFixed(1)).join(", ")} MB; after ${after.toFixed(1)} MB`);
    console.log(`[fuzz] RSS Δ ${(after - before).toFixed(1)} MB (ceiling ${RSS_CEILING_MB}), last ${2 * ROUND} requests Δ ${level.toFixed(1)} MB (printed, not judged)`);
    console.log(`[fuzz] ${STALLED} stalled clients dropped by the server after ${Math.min(...stalledMs)}-${Math.max(...stalledMs)} ms`);

    expect(serve.child.exitCode, `clawlink serve died during the storm (seed ${SEED})`).toBeNull();
    expect(sent).toBe(ROUNDS * ROUND);
    // (a) The UI still loads for the right cookie, and only for it; the host API still answers.
    const page = await get("/", { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="./clawlink-host.js"></script>');
    expect((await get("/", {})).status).toBe(401);
    expect((await get(`/?token=${serve.token}`, {})).status).toBe(401);
    expect(await apiCall("getAppInfo")).toMatchObject({ ok: true, value: { host: "web" } });
    // A client that stalls mid-request is cut off by the header timeout (10 s, checked every 1 s).
    expect(Math.max(...stalledMs)).toBeLessThan(15_000);
    // (b) Memory stayed bounded: under the ceiling.
    expect(after - before, `RSS grew from ${before.toFixed(1)} to ${after.toFixed(1)} MB (seed ${SEED})`).toBeLessThan(RSS_CEILING_MB);
    // Nothing reached the "request handler failed" net (every path is total by construction), and the
    // token, sent thousands of times, never reached the log.
    const logDir = path.join(serve.configDir, "logs");
    const log = fs.readdirSync(logDir).map((f) => fs.readFileSync(path.join(logDir, f), "utf8")).join("\n");
    expect(log).toMatch(/refused/);
    expect(log).not.toMatch(/request handler failed/);
    expect(log.includes(serve.token), "the URL token reached the log").toBe(false);
  }, 300_000);
});
