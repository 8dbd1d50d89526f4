import net from "node:net";

/** Asks the kernel for a free loopback port (closed again before returning, so a tiny race remains). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, host, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface WaitForPortOptions {
  /** How long to wait between attempts (default 50 ms; the benchmarks poll every 2 ms to time readiness). */
  intervalMs?: number;
  /** Stops waiting with an error as soon as this says the process that should serve the port is gone. */
  exited?: () => boolean;
}

/** Resolves once something accepts TCP connections on host:port, or rejects after timeoutMs. */
export async function waitForPort(port: number, host = "127.0.0.1", timeoutMs = 10_000, o: WaitForPortOptions = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect({ host, port }, () => {
        sock.destroy();
        resolve(true);
      });
      sock.once("error", () => resolve(false));
    });
    if (ok) return;
    if (o.exited?.()) throw new Error(`the process serving ${host}:${port} exited`);
    if (Date.now() > deadline) throw new Error(`nothing accepted connections on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 50));
  }
}
