import { describe, expect, it } from "vitest";
import { flag, has, intFlag, parseArgs, UsageError, wantsHelp } from "./args.js";
import type { Reason } from "../../../src-shared/reasons.js";
import { exitCodeForReason } from "./exit-codes.js";

describe("clawlink argument parsing", () => {
  it("reads positionals, value options (both spellings) and switches", () => {
    const p = parseArgs(["probe", "ssh://me@host", "--remote-port", "18789", "--local-port=0", "--batch", "--known-hosts", "a", "--known-hosts", "b"]);
    expect(p.positionals).toEqual(["probe", "ssh://me@host"]);
    expect(intFlag(p, "remote-port")).toBe(18789);
    expect(intFlag(p, "local-port")).toBe(0);
    expect(has(p, "batch")).toBe(true);
    expect(p.flags.get("known-hosts")).toEqual(["a", "b"]);
    expect(flag(p, "json")).toBeUndefined();
  });

  it("never accepts a secret as an argument value, and says what to use instead", () => {
    expect(() => parseArgs(["--token", "abc"])).toThrow(/--token-stdin or --token-env NAME/);
    expect(() => parseArgs(["--token=abc"])).toThrow(UsageError);
    expect(() => parseArgs(["--password", "pw"])).toThrow(/--password-env NAME/);
  });

  it("rejects unknown options, missing values, out-of-range numbers and repeats", () => {
    expect(() => parseArgs(["--frobnicate"])).toThrow(/unknown option --frobnicate/);
    expect(() => parseArgs(["--identity"])).toThrow(/needs a value/);
    expect(() => parseArgs(["--remote-port", "70000"])).toThrow(/1 to 65535/);
    expect(() => parseArgs(["--remote-port", "12x"])).toThrow(/whole number/);
    expect(() => parseArgs(["--json", "--json"])).toThrow(/given twice/);
    expect(() => parseArgs(["--batch=yes"])).toThrow(/takes no value/);
  });

  it("everything after -- is positional", () => {
    expect(parseArgs(["chat", "--", "--not-an-option"]).positionals).toEqual(["chat", "--not-an-option"]);
  });
});

describe("--help / -h", () => {
  it.each([
    [["--help"], true],
    [["-h"], true],
    [["home", "--json", "--help"], true],
    [["--frobnicate", "-h"], true], // help wins over a typo
    [["--message", "-h"], false], // "-h" is the message
    [["--message=x", "-h"], true],
    [["--session", "--help"], false], // the value of --session
    [["--", "--help"], false], // after --, everything is positional
    [["home", "--json"], false],
  ])("%j → %s", (argv, expected) => expect(wantsHelp(argv)).toBe(expected));
});

describe("exit codes by reason", () => {
  it.each<[Reason, number]>([
    ["plaintext-refused", 10], ["host-key-changed", 5], ["host-key-unknown", 5], ["host-key-revoked", 5], ["ssh-auth-failed", 4],
    ["tls-pin-mismatch", 6], ["tls-untrusted", 6], ["tls-unreachable", 3], ["auth-token-mismatch", 7], ["auth-rate-limited", 7],
    ["pairing-required", 8], ["protocol-mismatch", 9], ["ssh-refused", 3], ["network", 3], ["ssh-target-invalid", 2], ["rejected", 1],
  ])("%s → %i", (reason, code) => expect(exitCodeForReason(reason)).toBe(code));
});
