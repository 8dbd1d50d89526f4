// Electron has no "network changed" event in the main process, so the shell polls this: a signature of
// the machine's non-loopback addresses (interface, family, address). A change (Wi-Fi switch, VPN up,
// cable out, Docker's bridge, an IPv6 temporary address rotating) calls onChange, which the shell wires to
// the orchestrator's networkChanged(): each live link is probed at once (network-recheck.ts) instead of
// waiting for a keepalive to time out, and only a link that does not answer is replaced.
import os from "node:os";

type Interfaces = NodeJS.Dict<os.NetworkInterfaceInfo[]>;

export function networkSignature(ifaces: Interfaces): string {
  const rows: string[] = [];
  for (const [name, infos] of Object.entries(ifaces)) {
    for (const i of infos ?? []) if (!i.internal) rows.push(`${name}|${i.family}|${i.address}`);
  }
  return rows.sort().join(",");
}

export interface NetworkWatchOptions {
  onChange: () => void;
  intervalMs?: number;
  read?: () => Interfaces;
  setInterval?: (fn: () => void, ms: number) => { unref?: () => void };
  clearInterval?: (h: unknown) => void;
}

/** Starts polling; returns stop(). */
export function watchNetwork(o: NetworkWatchOptions): () => void {
  const read = o.read ?? os.networkInterfaces;
  const every = o.setInterval ?? setInterval;
  const clear = o.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));
  let last = networkSignature(read());
  const handle = every(() => {
    let now: string;
    try {
      now = networkSignature(read());
    } catch {
      return;
    }
    if (now !== last) {
      last = now;
      o.onChange();
    }
  }, o.intervalMs ?? 5_000);
  handle.unref?.();
  return () => clear(handle);
}
