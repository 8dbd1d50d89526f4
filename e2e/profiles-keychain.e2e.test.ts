// openSecretStore() against the real Secret Service that e2e/harness/sandbox.sh starts (gnome-keyring,
// unlocked, on a private session bus), and the contrast: the same code in a process whose session bus
// does not exist says so plainly and keeps secrets in memory.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SECRET_SERVICES } from "../src-main/core/secrets/secret-store.js";
import { deleteProfileSecrets, openSecretStore, readProfileSecrets, setProfileSecret } from "../src-main/core/profiles/profile-secrets.js";
import { bundleChild } from "./support/bundle-child.js";

describe("profile secrets in the OS keychain", () => {
  it("openSecretStore() finds the real Secret Service: no warning, and entries are visible to other clients", async () => {
    expect(process.env.CLAWLINK_TEST_SANDBOX, "run inside e2e/harness/sandbox.sh (it provides the Secret Service)").toBe("1");
    const { store, warning } = await openSecretStore();
    expect(warning).toBeUndefined();
    expect(store.kind).toBe("keychain");

    const id = `e2e-${randomBytes(4).toString("hex")}`;
    const token = randomBytes(18).toString("base64url");
    await setProfileSecret(store, id, "token", token);
    expect(await readProfileSecrets(store, id)).toEqual({ token, password: null });
    // Another Secret Service client sees the entry under the documented service/account names.
    const viaSecretTool = execFileSync("secret-tool", ["lookup", "service", SECRET_SERVICES.gatewayToken, "username", id], { encoding: "utf8" });
    expect(viaSecretTool).toBe(token);
    await deleteProfileSecrets(store, id);
    expect(await readProfileSecrets(store, id)).toEqual({ token: null, password: null });
  });

  it("with the session bus pointing nowhere, a process reports the plain warning and uses memory", async () => {
    const child = await bundleChild(
      `import { openSecretStore } from "../src-main/core/profiles/profile-secrets.js";
       const { store, warning } = await openSecretStore();
       process.stdout.write(JSON.stringify({ kind: store.kind, warning }));`,
      "e2e-keychain-unavailable",
      import.meta.url,
    );
    try {
      const r = spawnSync(process.execPath, [child], {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/clawlink-e2e-bus" },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { kind: string; warning?: string };
      expect(out.kind).toBe("memory");
      expect(out.warning).toMatch(/^No keychain is available \(.+\): secrets are kept in memory for this session only$/);
    } finally {
      fs.rmSync(child, { force: true });
    }
  });
});
