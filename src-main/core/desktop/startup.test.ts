import { describe, expect, it } from "vitest";
import { watchNetwork, networkSignature } from "./network-watch.js";
import { planStartupConnections } from "./startup.js";

describe("connect at start", () => {
  const profiles = [
    { id: "home", name: "Home", connectAtStart: true },
    { id: "vps", name: "VPS", connectAtStart: true },
    { id: "work", name: "Work", connectAtStart: false },
    { id: "broken", name: "Broken", connectAtStart: true },
  ];
  it("connects marked profiles whose credentials resolve, skips the others with the reason, asks nobody", async () => {
    const asked: string[] = [];
    const plan = await planStartupConnections(profiles, async (p) => {
      asked.push(p.id);
      if (p.id === "vps") return { missing: { fixHint: "Store the gateway token: clawlink secret set vps token" } };
      if (p.id === "broken") throw new Error("keychain locked");
      return {};
    });
    expect(plan.connect).toEqual(["home"]);
    expect(plan.skipped).toEqual([
      { id: "vps", reason: "no stored credential: Store the gateway token: clawlink secret set vps token" },
      { id: "broken", reason: "its credentials could not be read (keychain locked)" },
    ]);
    expect(asked).toEqual(["home", "vps", "broken"]); // "work" is not marked: not even looked at
  });
});

describe("network watch", () => {
  const iface = (address: string, internal = false) => ({ address, netmask: "", family: "IPv4" as const, mac: "", internal, cidr: null });
  it("ignores loopback and order, sees an address change", () => {
    const a = networkSignature({ lo: [iface("127.0.0.1", true)], eth0: [iface("10.0.0.2")], wlan0: [iface("192.168.1.5")] });
    const b = networkSignature({ wlan0: [iface("192.168.1.5")], eth0: [iface("10.0.0.2")] });
    expect(a).toBe(b);
    expect(networkSignature({ eth0: [iface("10.0.0.3")], wlan0: [iface("192.168.1.5")] })).not.toBe(a);
  });
  it("calls onChange once per change, and not after stop", () => {
    let tick: () => void = () => undefined;
    let cleared = false;
    let current = { eth0: [iface("10.0.0.2")] } as NodeJS.Dict<ReturnType<typeof iface>[]>;
    let changes = 0;
    const stop = watchNetwork({
      onChange: () => changes++,
      read: () => current,
      setInterval: (fn) => ((tick = fn), {}),
      clearInterval: () => (cleared = true),
    });
    tick();
    expect(changes).toBe(0);
    current = { eth0: [iface("10.0.0.9")] };
    tick();
    tick();
    expect(changes).toBe(1);
    current = {};
    tick();
    expect(changes).toBe(2);
    stop();
    expect(cleared).toBe(true);
  });
});
