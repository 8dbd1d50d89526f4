import { describe, expect, it } from "vitest";
import { KeyringSecretStore, probeKeychain, type KeychainEntry } from "./keyring-store.js";
import { isTransientKeychainError } from "./keychain-retry.js";

// The keychain itself is a fake here (a daemon that dies mid-call on demand cannot be made in a unit
// test); e2e/keychain.e2e.test.ts stops and kills the real gnome-keyring under a write.
const GONE = "Platform failure: DBus error: Message recipient disconnected from message bus without replying";
const NO_REPLY = "Platform failure: DBus error: Did not receive a reply. Possible causes include: the remote application did not send a reply";
const NO_SERVICE = "Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files";

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
  it("a write whose daemon disconnected is made once more, and the token is stored", async () => {
    const k = fakeKeychain();
    k.failNext(GONE);
    await new KeyringSecretStore(k.factory).set(HOME, "tok");
    expect(k.data.get("svc/home")).toBe("tok");
    expect(k.log).toEqual(["set", "set"]);
  });

  it("a read that got no reply is made once more and returns the token", async () => {
    const k = fakeKeychain();
    k.data.set("svc/home", "tok");
    k.failNext(NO_REPLY);
    expect(await new KeyringSecretStore(k.factory).get(HOME)).toBe("tok");
    expect(k.log).toEqual(["get", "get"]);
  });

  it("a second failure in a row is reported, not retried again", async () => {
    const k = fakeKeychain();
    k.failNext(GONE, 2);
    await expect(new KeyringSecretStore(k.factory).delete(HOME)).rejects.toThrow(/recipient disconnected/);
    expect(k.log).toEqual(["delete", "delete"]);
  });

  it("no Secret Service at all fails the probe on its first call, with the reason, and no retry", async () => {
    const k = fakeKeychain();
    k.failNext(NO_SERVICE, 5);
    const r = await probeKeychain(k.factory);
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/was not provided by any \.service files$/);
    expect(k.log).toEqual(["set"]);
  });

  it("the probe rides out a daemon that disconnected and finds the keychain available", async () => {
    const k = fakeKeychain();
    k.failNext(GONE);
    expect(await probeKeychain(k.factory)).toEqual({ available: true });
    expect(k.log).toEqual(["set", "set", "get", "delete"]);
  });

  it("names the transient errors by their message or their cause's", () => {
    expect(isTransientKeychainError(new Error(GONE))).toBe(true);
    expect(isTransientKeychainError(new Error(NO_REPLY))).toBe(true);
    expect(isTransientKeychainError(new Error("Platform failure: DBus error: The session wrapping the secret does not exist"))).toBe(true);
    expect(isTransientKeychainError(new Error("Platform failure", { cause: new Error("DBus error: NoReply") }))).toBe(true);
    expect(isTransientKeychainError(new Error(NO_SERVICE))).toBe(false);
    expect(isTransientKeychainError(new Error("Couldn't access platform storage: Secret Service: no result found"))).toBe(false);
    expect(isTransientKeychainError("Platform failure: prompt dismissed")).toBe(false);
  });
});
