import { describe, expect, it } from "vitest";
import { KeyringSecretStore, probeKeychain, type KeychainEntry } from "./keyring-store.js";
import { isTransientKeychainError } from "./keychain-retry.js";

// The keychain itself is a fake here (a daemon that dies mid-call on demand cannot be made in a unit
// test); e2e/keychain.e2e.test.ts stops and kills the real gnome-keyring under a call.
const GONE = "Platform failure: DBus error: Message recipient disconnected from message bus without replying";
const DENIED = "Couldn't access platform storage: AccessDenied";

/** A fake keychain: `failNext(message, n)` makes the next n calls throw; `log` lists every call. */
function fakeKeychain() {
  const data = new Map<string, string>();
  const log: string[] = [];
  let failure = { message: "", left: 0 };
  const hit = (what: string) => {
    log.push(what);
    if (failure.left > 0) {
      failure.left--;
      throw new Error(failure.message);
    }
  };
  const factory = (service: string, account: string): KeychainEntry => {
    const key = `${service}/${account}`;
    return {
      getPassword: () => (hit("get"), data.get(key) ?? null),
      setPassword: (v) => (hit("set"), void data.set(key, v)),
      deletePassword: () => (hit("delete"), data.delete(key)),
    };
  };
  return { factory, data, log, failNext: (message: string, left = 1) => void (failure = { message, left }) };
}
const HOME = { service: "svc", account: "home" };

describe("keychain calls when the Secret Service goes away mid-call", () => {
  it("a write whose daemon disconnected is made again once, after clearing the half-written entry, and the token is stored", async () => {
    const k = fakeKeychain();
    k.failNext(GONE);
    await new KeyringSecretStore(k.factory, { answered: false }).set(HOME, "tok");
    expect(k.data.get("svc/home")).toBe("tok");
    expect(k.log).toEqual(["set", "delete", "set"]);
  });

  it("a second failure in a row is reported, not retried again", async () => {
    const k = fakeKeychain();
    k.failNext(GONE, 2);
    await expect(new KeyringSecretStore(k.factory, { answered: false }).get(HOME)).rejects.toThrow(/recipient disconnected/);
    expect(k.log).toEqual(["get", "get"]);
  });

  it("AccessDenied once the keychain has answered in this process (the daemon died under the call) is retried, and the read returns the token", async () => {
    const k = fakeKeychain();
    const store = new KeyringSecretStore(k.factory, { answered: false });
    await store.set(HOME, "tok");
    k.failNext(DENIED);
    expect(await store.get(HOME)).toBe("tok");
    expect(k.log).toEqual(["set", "get", "get"]);
  });

  it("AccessDenied on the first call of a process (how 'no Secret Service' looks) fails the probe at once: no retry into the kernel keyring", async () => {
    const k = fakeKeychain();
    k.failNext(DENIED);
    const r = await probeKeychain(k.factory, { answered: false });
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/AccessDenied$/);
    expect(k.log).toEqual(["set"]);
  });

  it("the probe rides out a daemon that disconnected and finds the keychain available", async () => {
    const k = fakeKeychain();
    k.failNext(GONE);
    expect(await probeKeychain(k.factory, { answered: false })).toEqual({ available: true });
  });

  it("'no result found' (no collection at all) is reported at once, without a retry", async () => {
    const k = fakeKeychain();
    const store = new KeyringSecretStore(k.factory, { answered: false });
    await store.set(HOME, "tok");
    k.failNext("Couldn't access platform storage: Secret Service: no result found");
    await expect(store.set(HOME, "tok2")).rejects.toThrow(/no result found/);
    expect(k.log).toEqual(["set", "set"]);
  });

  it("names the transient errors by their message or their cause's", () => {
    expect(isTransientKeychainError(new Error(GONE), false)).toBe(true);
    expect(isTransientKeychainError(new Error("Couldn't access platform storage", { cause: new Error("DBus error: NoReply") }), false)).toBe(true);
    expect(isTransientKeychainError(new Error(DENIED), false)).toBe(false);
    expect(isTransientKeychainError(new Error(DENIED), true)).toBe(true);
    expect(isTransientKeychainError(new Error("Couldn't access platform storage: Secret Service: no result found"), true)).toBe(false);
    expect(isTransientKeychainError("Platform failure: prompt dismissed", true)).toBe(false);
  });
});
