// corePorts over a stand-in orchestrator (the real one is proven in the orchestrator's own tests): what
// is checked here is what the desktop adds — which profiles start at launch, and the Control UI link.
import { describe, expect, it } from "vitest";
import type { ConnectionSnapshot } from "../../../src-shared/connection.js";
import { connectionSnapshot } from "../../../src-shared/testing/connection-snapshot.js";
import type { Orchestrator, OrchestratorEvent } from "../orchestrator/orchestrator.js";
import { ProfileSchema, newProfileUid, type Profile } from "../profiles/profile-schema.js";
import { setProfileSecret } from "../profiles/profile-secrets.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { corePorts } from "./desktop-ports.js";

function fakeOrchestrator() {
  const live = new Map<string, ConnectionSnapshot>();
  const listeners = new Set<(e: OrchestratorEvent) => void>();
  const connected: string[] = [];
  const o = {
    connected,
    live,
    emit: (e: OrchestratorEvent) => listeners.forEach((l) => l(e)),
    on: (l: (e: OrchestratorEvent) => void) => (listeners.add(l), () => listeners.delete(l)),
    get: (id: string) => (live.has(id) ? { snapshot: live.get(id)! } : undefined),
    snapshots: () => [...live.values()],
    disconnected: [] as string[],
    stopAll: async () => undefined,
    wake: () => undefined,
    networkChanged: () => undefined,
  };
  return o;
}

const profile = (p: Record<string, unknown>): Profile => ProfileSchema.parse({ uid: newProfileUid(), ...p });
const profiles = [
  profile({ id: "home", name: "Home", kind: "ssh", connectAtStart: true, ssh: { target: "me@home" } }),
  profile({ id: "vps", name: "VPS", kind: "direct", connectAtStart: true, direct: { url: "wss://vps.example.net" } }),
  profile({ id: "work", name: "Work", kind: "direct", connectAtStart: false, direct: { url: "wss://work.example.net" } }),
  profile({ id: "explodes", name: "X", kind: "direct", connectAtStart: true, direct: { url: "wss://x.example.net" } }),
];
const store = { list: () => profiles, get: (id: string) => profiles.find((p) => p.id === id) };

async function setup() {
  const secrets = new MemorySecretStore();
  await setProfileSecret(secrets, profiles[0]!.uid, "token", "tok-home#&");
  await setProfileSecret(secrets, profiles[3]!.uid, "token", "tok-x");
  const orch = fakeOrchestrator();
  const host = {
    connect: (id: string) => {
      if (id === "explodes") throw new Error("boom");
      orch.connected.push(id);
      return { ok: true };
    },
    disconnect: async (id: string) => orch.disconnected.push(id),
  };
  const ports = corePorts({ orchestrator: orch as unknown as Orchestrator, host, profiles: store, secrets, env: {}, homeDir: "/nonexistent-home" });
  return { orch, ports };
}

describe("desktop ports", () => {
  it("connects at start only the marked profiles whose token is in the keychain; one failure does not stop the rest", async () => {
    const { orch, ports } = await setup();
    const plan = await ports.connectAtStart();
    expect(orch.connected).toEqual(["home"]);
    expect(plan.connect).toEqual(["home"]);
    expect(plan.skipped.map((s) => s.id)).toEqual(["vps", "explodes"]);
    expect(plan.skipped[1]!.reason).toBe("it could not be started (boom)");
  });

  it("builds the Control UI link through the tunnel with the keychain token in the fragment, only while connected", async () => {
    const { orch, ports } = await setup();
    expect(await ports.controlUiUrl("home")).toBeNull();
    const snap = connectionSnapshot({ state: "connected", localPort: 18790, url: "ws://127.0.0.1:18790" });
    orch.live.set("home", snap);
    expect(await ports.controlUiUrl("home")).toBe("http://127.0.0.1:18790/#token=tok-home%23%26");
    orch.live.set("home", connectionSnapshot({ ...snap, state: "reconnecting" }));
    expect(await ports.controlUiUrl("home")).toBeNull();
  });

  it("reports connection changes but not every session event", async () => {
    const { orch, ports } = await setup();
    let n = 0;
    const off = ports.onChange(() => n++);
    orch.emit({ type: "connection", snapshot: connectionSnapshot() });
    orch.emit({ type: "session", id: "home", event: {} as never });
    orch.emit({ type: "removed", id: "home" });
    off();
    await ports.disconnect("home");
    expect(orch.disconnected).toEqual(["home"]);
    orch.emit({ type: "removed", id: "home" });
    expect(n).toBe(2);
    expect(ports.profiles()).toEqual([
      { id: "home", name: "Home", connectAtStart: true },
      { id: "vps", name: "VPS", connectAtStart: true },
      { id: "work", name: "Work", connectAtStart: false },
      { id: "explodes", name: "X", connectAtStart: true },
    ]);
  });
});
