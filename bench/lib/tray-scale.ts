// Benchmark 12, the tray part: the tray menu's model (src-main/core/desktop/tray-model.ts, trayInput +
// trayModel, the pure functions the shell renders after every connection/profiles/inbox event) built for
// 1, 25 and 100 configured profiles, in Node: that is where it runs (the Electron main process). Not
// measured: Electron's Menu.buildFromTemplate / setContextMenu of that model (no Electron binary on this
// machine). Inputs are the same fleets the sidebar gets (ui-scale-fixtures.ts) with three pending inbox
// items at every size, so the 25/1 and 100/1 ratios show what the rows cost.
import { trayInput } from "../../src-main/core/desktop/tray-input.js";
import { trayModel, type TrayModel } from "../../src-main/core/desktop/tray-model.js";
import { execItem, pairingItem } from "../../src-shared/testing/inbox-items.js";
import { percentile } from "./report.js";
import { fleetState, profileId } from "./ui-scale-fixtures.js";

export interface TrayTiming {
  /** One build: trayInput (ports read, login item awaited) + trayModel, ms. */
  p50: number;
  p95: number;
  max: number;
  menuItems: number;
}

const count = (items: TrayModel["items"]): number => items.reduce((n, it) => n + 1 + (it.kind === "submenu" ? count(it.items) : 0), 0);

/** `builds` timed builds after `warmup` untimed ones, each from fresh arrays (as every host event gives). */
export async function timeTrayBuilds(profiles: number, live: number, builds = 500, warmup = 50): Promise<TrayTiming> {
  const login = { supported: true, get: () => Promise.resolve(false) };
  const ms: number[] = [];
  let model: TrayModel | undefined;
  for (let k = 0; k < warmup + builds; k++) {
    const hs = fleetState(profiles, live);
    const inbox = [execItem({ id: `a${k}`, connectionId: profileId(0) }), execItem({ id: `b${k}`, connectionId: profileId(0), command: "git push origin main" }), pairingItem({ id: `r${k}`, connectionId: profileId(0) })];
    const ports = { profiles: () => hs.profiles.map((p) => ({ id: p.id, name: p.name })), snapshots: () => hs.connections, inbox: () => inbox };
    const t0 = performance.now();
    model = trayModel(await trayInput(ports, login));
    const t = performance.now() - t0;
    if (k >= warmup) ms.push(t);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), max: Math.max(...ms), menuItems: count(model!.items) };
}
