import { describe, expect, it } from "vitest";
import type { LocalListener } from "../local/local-listener-check.js";
import type { Profile } from "../profiles/profile-schema.js";
import { LocalGuard, portOfUrl } from "./local-guard.js";
import { rememberLocalPortIn } from "./profile-spec.js";

const tunnel: LocalListener = { kind: "our-tunnel", label: "Home" };

describe("local guard", () => {
  it("admits this machine's gateway, nothing, or an unknown owner; refuses a tunnel with the attention to show", async () => {
    for (const ok of [{ kind: "nothing" }, { kind: "unknown" }, { kind: "own-gateway", evidence: "lock" }] as const) {
      const g = new LocalGuard({ env: {}, log: () => {}, onCleared: () => {}, check: async () => ok });
      expect(await g.admit("ws://127.0.0.1:18789")).toBeNull();
    }
    const lines: string[] = [];
    const g = new LocalGuard({ env: {}, log: (l) => lines.push(l), onCleared: () => {}, check: async () => tunnel, pollMs: 60_000 });
    expect((await g.admit("ws://127.0.0.1:18789"))?.message).toBe("127.0.0.1:18789 is Clawlink's tunnel to Home, not a gateway on this machine.");
    expect(lines).toEqual(["local mode: 127.0.0.1:18789 is Clawlink's tunnel to Home, not a gateway on this machine. (no token is sent there)"]);
    g.stop();
  });

  it("after a refusal keeps looking, and calls onCleared once the port is free; stop() ends the looking", async () => {
    const answers: LocalListener[] = [tunnel, tunnel, { kind: "nothing" }];
    const checked: number[] = [];
    let cleared = 0;
    const g = new LocalGuard({ env: {}, log: () => {}, onCleared: () => cleared++, pollMs: 5, check: async (p) => (checked.push(p), answers.shift() ?? { kind: "nothing" }) });
    await g.admit("ws://127.0.0.1:18800");
    await new Promise((r) => setTimeout(r, 100));
    expect(cleared).toBe(1);
    expect(checked).toEqual([18800, 18800, 18800]);

    let after = 0;
    const later: LocalListener[] = [tunnel];
    const stopped = new LocalGuard({ env: {}, log: () => {}, onCleared: () => after++, pollMs: 20, check: async () => later.shift() ?? { kind: "nothing" } });
    expect(await stopped.admit("ws://127.0.0.1:18800")).not.toBeNull();
    stopped.stop(); // the profile was disconnected before the next look
    await new Promise((r) => setTimeout(r, 100));
    expect(after).toBe(0);
  });

  it("reads the port of ws/wss URLs, with the scheme's default", () => {
    expect(portOfUrl("ws://127.0.0.1:18789")).toBe(18789);
    expect(portOfUrl("wss://127.0.0.1")).toBe(443);
  });
});

describe("rememberLocalPortIn", () => {
  const ssh = (extra: Partial<NonNullable<Profile["ssh"]>> = {}): Profile =>
    ({ id: "home", uid: "a".repeat(32), name: "Home", kind: "ssh", connectAtStart: false, auth: { mode: "token" }, ssh: { target: "me@h", remotePort: 18789, ...extra } }) as Profile;
  const store = (p: Profile | undefined) => {
    const updates: unknown[] = [];
    return { updates, get: () => p, update: async (_id: string, patch: unknown) => (updates.push(patch), p!) };
  };

  it("writes a newly picked port into ssh.rememberedLocalPort, keeping the rest of the section", async () => {
    const s = store(ssh());
    await rememberLocalPortIn(s)("home", 40123);
    expect(s.updates).toEqual([{ ssh: { target: "me@h", remotePort: 18789, rememberedLocalPort: 40123 } }]);
  });

  it("writes nothing for an explicit port, an unchanged one, a name match or a bare target", async () => {
    for (const [p, id] of [[ssh({ localPort: 18790 }), "home"], [ssh({ rememberedLocalPort: 40123 }), "home"], [ssh(), "Home"], [undefined, "ssh://me@h"]] as const) {
      const s = store(p);
      await rememberLocalPortIn(s)(id, 40123);
      expect(s.updates).toEqual([]);
    }
  });
});
