import { describe, expect, it } from "vitest";
import { createLogger, type LogRecord } from "./logger.js";
import { SecretRedactor } from "./redactor.js";

describe("secret redaction", () => {
  it("masks registered secret values anywhere in messages and fields", () => {
    const r = new SecretRedactor();
    r.add("s3cret-token-abcdef");
    const records: LogRecord[] = [];
    const log = createLogger([(x) => records.push(x)], r);
    log.info("connect with s3cret-token-abcdef failed", { url: "ws://h?x=s3cret-token-abcdef", nested: { list: ["s3cret-token-abcdef"] } });
    const text = JSON.stringify(records);
    expect(text).not.toContain("s3cret-token-abcdef");
    expect(text).toContain("‹redacted›");
  });

  it("masks credential-shaped data nobody registered: PEM private keys, token/password fields, #token= fragments", () => {
    const r = new SecretRedactor();
    const pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIBnotarealkeybutlong\n-----END PRIVATE KEY-----";
    expect(r.redact(`key ${pem} end`)).toBe("key ‹redacted› end");
    expect(r.redact('{"token":"abc123456","password":"hunter22","deviceToken":"dt-998877"}')).toBe('{"token":"‹redacted›","password":"‹redacted›","deviceToken":"‹redacted›"}');
    expect(r.redact("open http://127.0.0.1:18789/#token=abcdef123456 now")).toBe("open http://127.0.0.1:18789/#token=‹redacted› now");
  });

  it("masks a credential-shaped JSON document held inside a field (not only top-level text)", () => {
    const records: LogRecord[] = [];
    createLogger([(x) => records.push(x)]).info("frame", { raw: '{"password":"hunter22-not-registered"}' });
    expect(JSON.stringify(records)).not.toContain("hunter22-not-registered");
  });

  it("does not register trivially short values (they would mask ordinary words)", () => {
    const r = new SecretRedactor();
    r.add("abc");
    expect(r.redact("abc is fine")).toBe("abc is fine");
  });

  it("serialises errors in fields by name and message, still redacted", () => {
    const r = new SecretRedactor();
    r.add("pw-0123456789");
    const records: LogRecord[] = [];
    createLogger([(x) => records.push(x)], r).error("boom", { error: new Error("bad pw-0123456789") });
    expect(records[0]!.fields).toEqual({ error: { name: "Error", message: "bad ‹redacted›" } });
  });
});
