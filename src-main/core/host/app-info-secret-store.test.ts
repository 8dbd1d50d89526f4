// The UI words its "saved" notice from appInfo().secretStore (src-shared/secret-notice.ts), so the host
// must report the store it really has: "memory" when no keychain was available (issue 12).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log/logger.js";
import { ProfileStore } from "../profiles/profile-store.js";
import { MemorySecretStore, type SecretStore } from "../secrets/secret-store.js";
import { HostService } from "./host-service.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serviceWith(secrets: SecretStore): Promise<HostService> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-appinfo-"));
  const profiles = await ProfileStore.open(path.join(dir, "cfg"));
  const service = new HostService({ host: "web", configDir: path.join(dir, "cfg"), profiles, secrets, logger: createLogger([]), env: {}, homeDir: dir });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => service.stop());
  return service;
}

describe("appInfo().secretStore", () => {
  it("is memory with the in-memory store (no keychain available)", async () => {
    expect((await serviceWith(new MemorySecretStore())).appInfo().secretStore).toBe("memory");
  });
  it("is keychain with a keychain-backed store", async () => {
    // A memory store that reports itself as the keychain: only `kind` is read here.
    const keychainLike = Object.assign(new MemorySecretStore(), { kind: "keychain" }) as unknown as SecretStore;
    expect((await serviceWith(keychainLike)).appInfo().secretStore).toBe("keychain");
  });
});
