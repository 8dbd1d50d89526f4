// Waiting helpers shared by the benchmarks in clawlink.bench.ts.
import http from "node:http";
import type { ConnectionSupervisor } from "../../src-main/core/orchestrator/connection-supervisor.js";

export async function pollReadyz(port: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: "127.0.0.1", port, path: "/readyz", agent: false, timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.once("error", () => resolve(false));
      req.once("timeout", () => (req.destroy(), resolve(false)));
    });
    if (ok) return performance.now();
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`/readyz not ready within ${timeoutMs} ms`);
}

export async function wakeOnce(sup: ConnectionSupervisor, stale: () => void, wake: () => void): Promise<number> {
  stale();
  await new Promise((r) => setTimeout(r, 200)); // the socket is stale now; nothing has noticed yet
  let left = false;
  const done = new Promise<number>((resolve) => {
    const off = sup.onSnapshot((s) => {
      if (s.state !== "connected") left = true;
      else if (left) {
        off();
        resolve(performance.now());
      }
    });
  });
  const t0 = performance.now();
  wake();
  const at = await withTimeout(done, 30_000, "connected after wake");
  return at - t0;
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, rej) => (t = setTimeout(() => rej(new Error(`${what}: timed out after ${ms} ms`)), ms)))]).finally(() => clearTimeout(t));
}
