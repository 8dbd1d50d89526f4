import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { MemorySecretStore, SECRET_SERVICES } from "../secrets/secret-store.js";
import { deleteProfileSecrets, openSecretStore, profileSecretKey, readProfileSecrets, setProfileSecret } from "./profile-secrets.js";
import { bundleChild } from "../../../e2e/support/bundle-child.js";

describe("profile secret keys", () => {
  it("service per kind, account = profile id", () => {
    expect(profileSecretKey("home-desktop", "token")).toEqual({ service: SECRET_SERVICES.gatewayToken, account: "home-desktop" });
    expect(profileSecretKey("home-desktop", "password")).toEqual({ service: SECRET_SERVICES.gatewayPassword, account: "home-desktop" });
  });

  it("set, read, delete per profile", async () => {
    const s = new MemorySecretStore();
    await setProfileSecret(s, "a", "token", "tok-a-123456");
    await setProfileSecret(s, "b", "password", "pw-b-123456");
    expect(await readProfileSecrets(s, "a")).toEqual({ token: "tok-a-123456", password: null });
    await deleteProfileSecrets(s, "a");
    expect(await readProfileSecrets(s, "a")).toEqual({ token: null, password: null });
    expect(await readProfileSecrets(s, "b")).toEqual({ token: null, password: "pw-b-123456" });
    await expect(setProfileSecret(s, "a", "token", "")).rejects.toThrow(/empty token/);
  });
});

describe("openSecretStore", () => {
  it("uses the keychain when the probe succeeds, with no warning", async () => {
    const keychain = new MemorySecretStore();
    const r = await openSecretStore({ loadKeychain: async () => ({ probe: () => ({ available: true }), create: () => keychain }) });
    expect(r).toEqual({ store: keychain });
  });

  it("says plainly when the probe fails and keeps secrets in memory", async () => {
    const r = await openSecretStore({ loadKeychain: async () => ({ probe: () => ({ available: false, reason: "no Secret Service is running" }), create: () => new MemorySecretStore() }) });
    expect(r.store.kind).toBe("memory");
    expect(r.warning).toBe("No keychain is available (no Secret Service is running): secrets are kept in memory for this session only");
  });

  it("a keychain module that cannot load is the same plain warning, not a crash", async () => {
    const r = await openSecretStore({ loadKeychain: async () => { throw new Error("libsecret.so: cannot open shared object"); } });
    expect(r.store.kind).toBe("memory");
    expect(r.warning).toMatch(/^No keychain is available \(the keychain module could not be loaded: libsecret\.so/);
  });

  it("a real process whose D-Bus session bus does not exist reports the warning and uses memory", async () => {
    if (process.platform !== "linux") {
      console.log("[profile-secrets] D-Bus child test is Linux-only (macOS/Windows keychains do not use D-Bus); not run on", process.platform);
      return;
    }
    const child = await bundleChild(
      `import { openSecretStore } from "./profile-secrets.js";
       const { store, warning } = await openSecretStore();
       await store.set({ service: "clawlink-child-test", account: "x" }, "value-123456");
       const back = await store.get({ service: "clawlink-child-test", account: "x" });
       process.stdout.write(JSON.stringify({ kind: store.kind, warning, roundTrip: back === "value-123456" }));`,
      "keychain-unavailable",
      import.meta.url,
    );
    try {
      const r = spawnSync(process.execPath, [child], {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/clawlink-test-bus" },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { kind: string; warning: string; roundTrip: boolean };
      console.log(`[profile-secrets] child with a dead D-Bus address: ${out.warning}`);
      expect(out.kind).toBe("memory");
      expect(out.roundTrip).toBe(true);
      expect(out.warning).toMatch(/^No keychain is available \(.+\): secrets are kept in memory for this session only$/);
      // The reason names what is missing (the store is pinned to the Secret Service, keyring-store.ts).
      expect(out.warning).toContain("Failed to connect to socket /nonexistent/clawlink-test-bus");
    } finally {
      fs.rmSync(child, { force: true });
    }
  }, 60_000);
});
