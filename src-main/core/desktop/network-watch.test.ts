import type os from "node:os";
import { describe, expect, it } from "vitest";
import { networkSignature, watchNetwork } from "./network-watch.js";

type Info = os.NetworkInterfaceInfo;
const v4 = (address: string): Info => ({ address, netmask: "255.255.255.0", family: "IPv4", mac: "00:00:00:00:00:01", internal: false, cidr: `${address}/24` });
const v6 = (address: string): Info => ({ address, netmask: "ffff:ffff:ffff:ffff::", family: "IPv6", mac: "00:00:00:00:00:01", internal: false, cidr: `${address}/64`, scopeid: 0 });

/** Runs the watch over a scripted sequence of interface tables; returns how many changes it reported. */
function changesOver(tables: Array<NodeJS.Dict<Info[]>>): number {
  let tick: () => void = () => undefined;
  let i = 0;
  let changes = 0;
  watchNetwork({ onChange: () => changes++, read: () => tables[Math.min(i, tables.length - 1)]!, setInterval: (fn) => ((tick = fn), {}), clearInterval: () => undefined });
  for (i = 1; i < tables.length; i++) tick();
  return changes;
}

describe("network watch: what counts as a change", () => {
  const wifi = { wlan0: [v4("192.168.1.5"), v6("2001:db8::5")] };
  it("Docker starting (a docker0 bridge appearing) is one change, and it going away is another", () => {
    expect(changesOver([wifi, { ...wifi, docker0: [v4("172.17.0.1")] }, wifi])).toBe(2);
  });
  it("an IPv6 temporary address rotating (new one added, old one dropped later) is two changes", () => {
    const rotated = { wlan0: [...wifi.wlan0, v6("2001:db8::a1")] };
    expect(changesOver([wifi, rotated, { wlan0: [v4("192.168.1.5"), v6("2001:db8::a1")] }])).toBe(2);
  });
  it("the same addresses listed in another order, or a read that throws, are no change", () => {
    let tick: () => void = () => undefined;
    let changes = 0;
    const reads: Array<() => NodeJS.Dict<Info[]>> = [() => wifi, () => ({ wlan0: [...wifi.wlan0].reverse() }), () => { throw new Error("EPERM"); }, () => wifi];
    let n = 0;
    watchNetwork({ onChange: () => changes++, read: () => reads[Math.min(n++, reads.length - 1)]!(), setInterval: (fn) => ((tick = fn), {}), clearInterval: () => undefined });
    tick();
    tick();
    tick();
    expect(changes).toBe(0);
  });
  it("loopback addresses never matter", () => {
    const lo = (a: string): Info => ({ ...v4(a), internal: true });
    expect(networkSignature({ ...wifi, lo: [lo("127.0.0.1")] })).toBe(networkSignature({ ...wifi, lo: [lo("127.0.0.2")] }));
  });
});
