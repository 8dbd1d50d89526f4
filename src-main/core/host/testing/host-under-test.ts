// Test fixture: a real HostService on a real ProfileStore in a fresh config dir, called through the
// contract's own call path (callHostMethod: argument schema, the real handlers, result schema), as the
// Settings forms call it. Shared by the host-API edit tests (profile-edit-handlers, route-edit-handlers)
// and the discovery host tests (discovery-host-under-test.ts) so each file says only what it adds (a
// keychain that counts writes, a first profile, a DNS server and a settings file).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { HostEventMessage, HostReply } from "../../../../src-shared/host-api.js";
import type { HostServiceOptions } from "../host-context.js";
import { createLogger } from "../../log/logger.js";
import { ProfileStore } from "../../profiles/profile-store.js";
import { MemorySecretStore, type SecretStore } from "../../secrets/secret-store.js";
import { callHostMethod } from "../host-call.js";
import { HostService } from "../host-service.js";

const cleanups: Array<() => Promise<void> | void> = [];

/** Stops every host made since the last call, then removes its dir (the test file's afterEach). */
export async function stopHostsUnderTest(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c();
}

/** Something else to undo at stopHostsUnderTest (after the hosts made since, as it was made before them). */
export function undoAfterTest(c: () => Promise<void> | void): void {
  cleanups.push(c);
}

/** What a test may add: the environment, discovery's peers, files written into the config dir first. */
export interface HostUnderTestExtras {
  env?: Record<string, string>;
  discovery?: HostServiceOptions["discovery"];
  /** Runs after the config dir exists and before the host starts (e.g. writes discovery.json). */
  beforeStart?: (configDir: string) => void;
}

/** A fresh host; `dirPrefix` names its temp dir, `secrets` defaults to an in-memory keychain. */
export async function hostUnderTest(dirPrefix: string, secrets: SecretStore = new MemorySecretStore(), extras: HostUnderTestExtras = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
  const cfg = path.join(dir, "cfg");
  fs.mkdirSync(cfg);
  extras.beforeStart?.(cfg);
  const profiles = await ProfileStore.open(cfg);
  const logger = createLogger([]);
  const service = new HostService({ host: "web", configDir: cfg, profiles, secrets, logger, env: extras.env ?? {}, homeDir: dir, discovery: extras.discovery });
  const events: HostEventMessage[] = [];
  service.onEvent((e) => events.push(e));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => service.stop());
  const call = async (method: string, ...args: unknown[]): Promise<HostReply> => callHostMethod(service.handlers, method, args, logger);
  /** The call's value; a refusal throws with the method's name and the host's message. */
  const value = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    const r = await call(method, ...args);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  /** profiles.json as it is on disk now. */
  const disk = () => fs.readFileSync(path.join(cfg, "profiles.json"), "utf8");
  return { service, profiles, call, value, disk, events, configDir: cfg };
}
