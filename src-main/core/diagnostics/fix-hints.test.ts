// The CLI's own fix hints, one case per reason, each fed the attention its real producer builds
// (failure-hints.ts, ssh-errors.ts, tls-pin.ts) so a producer's wording change cannot go unnoticed.
// What every case checks: the CLI hint names what a terminal user types, and none of the app's clicks.
import { describe, expect, it } from "vitest";
import type { Attention } from "../../../src-shared/attention.js";
import type { GatewayFailure } from "../../../src-shared/gateway-session.js";
import { describeFailure } from "../gateway/failure-hints.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { classifySshError, hostKeyAttention, localPortAttention, remotePortClosedAttention } from "../transport/ssh-errors.js";
import { checkPlaintextRule } from "../transport/plaintext-rule.js";
import { displayTlsFingerprint, resolveTlsTrust } from "../transport/tls-pin.js";
import { CLI_HINT_REASONS, fixHintFor, forCli, type CliHintContext } from "./fix-hints.js";

const KH = "/home/me/.config/clawlink/known_hosts";
const profile: CliHintContext = { profileId: "home", target: "home", appKnownHosts: KH };
const url: CliHintContext = { profileId: null, target: "wss://gw.example.com", appKnownHosts: KH };
const gw = (f: GatewayFailure): Attention => describeFailure(f, "home");
const ssh = { label: "box", host: "box", port: 2222, user: "me" };
const HEX_A = "ab".repeat(32);
const HEX_B = "cd".repeat(32);
/** Words that only make sense in the app. */
const UI_WORDS = /settings|paste|\bhere\b|choose Re-trust|Confirm the fingerprint|Export diagnostics|in the profile|SSH mode/i;

const cli = (a: Attention, c = profile) => fixHintFor(a, "cli", c);

describe("gateway auth hints speak CLI", () => {
  it("token missing, saved profile: clawlink secret set <profile> token, or --token-env NAME for one run", () => {
    const h = cli(gw({ kind: "auth-token-missing" }));
    expect(h).toContain("`openclaw config get gateway.auth.token`");
    expect(h).toContain('`printf %s "$TOKEN" | clawlink secret set home token`');
    expect(h).toContain("--token-env NAME");
    expect(h).not.toMatch(UI_WORDS);
  });
  it("token missing, URL on the command line: --token-env NAME / --token-stdin, and how to keep it", () => {
    const h = cli(gw({ kind: "auth-token-missing" }), url);
    expect(h).toContain("give it with --token-env NAME (an environment variable holding it) or --token-stdin");
    expect(h).toContain("`clawlink profiles add NAME wss://gw.example.com`");
    expect(h).not.toContain("secret set home");
  });
  it("token mismatch: says it is wrong or rotated, then the same ways to give it", () => {
    const h = cli(gw({ kind: "auth-token-mismatch" }));
    expect(h).toMatch(/^The token is wrong or was rotated\. /);
    expect(h).toContain("clawlink secret set home token");
    expect(h).not.toMatch(UI_WORDS);
  });
  it("token not configured on the gateway: set it there, then give Clawlink the same one", () => {
    const h = cli(gw({ kind: "auth-token-not-configured" }));
    expect(h).toContain("`openclaw config set gateway.auth.token <new token>`");
    expect(h).toContain("clawlink secret set home token");
    expect(h).not.toMatch(UI_WORDS);
  });
  it.each([["auth-password-missing"], ["auth-password-mismatch"]] as const)("%s: --password-env NAME / clawlink secret set <profile> password", (kind) => {
    const h = cli(gw({ kind }));
    expect(h).toContain("gateway.auth.password");
    expect(h).toContain("clawlink secret set home password");
    expect(h).toContain("--password-env NAME");
    expect(h).not.toMatch(UI_WORDS);
  });
  it("device token revoked: give the gateway token again to pair", () => {
    const h = cli(gw({ kind: "auth-device-token-mismatch" }));
    expect(h).toMatch(/^The stale device token was removed\. To pair again, copy the token/);
    expect(h).toContain("clawlink secret set home token");
    expect(h).not.toMatch(UI_WORDS);
  });
  it("other auth refusal: points at clawlink profiles show for a profile, the flags for a URL", () => {
    expect(cli(gw({ kind: "auth-other", code: "X" }))).toContain("`clawlink profiles show home`");
    expect(cli(gw({ kind: "auth-other", code: "X" }), url)).toContain("--token-env/--token-stdin");
  });
  it.each([
    [{ kind: "rejected", code: "X", message: "m" } as GatewayFailure],
    [{ kind: "device-identity-required" } as GatewayFailure],
  ])("%j: the CLI way to export diagnostics", (f) => {
    const h = cli(gw(f));
    expect(h).toContain("`clawlink probe home --file clawlink-diagnostics.json`");
    expect(h).not.toMatch(UI_WORDS);
  });
  it("a neutral hint (pairing: a gateway-host command) is the same on both surfaces", () => {
    const a = gw({ kind: "pairing-required", requestId: "r1", reason: "not-paired", approveCommand: "openclaw devices approve r1", remediationHint: null });
    expect(cli(a)).toBe(a.fixHint);
    expect(fixHintFor(a, "ui")).toBe(a.fixHint);
  });
});

describe("SSH hints speak CLI", () => {
  const unknown = { status: "unknown", keyType: "ssh-ed25519", fingerprint: "SHA256:abc" } as const;
  it("unknown host key under --batch: --trust-host-key and Clawlink's own known_hosts, where it lives", () => {
    const h = cli(hostKeyAttention(unknown, ssh));
    expect(h).toContain("run again with --trust-host-key");
    expect(h).toContain(`Clawlink saves the key to its own known_hosts (${KH}), never to ~/.ssh/known_hosts`);
    expect(h).toContain("without --batch");
    expect(h).not.toMatch(UI_WORDS);
  });
  it("declined at the prompt: answer y next time, or --trust-host-key", () => {
    const h = cli(hostKeyAttention(unknown, ssh, true));
    expect(h).toMatch(/^You answered no\. /);
    expect(h).toContain(`--trust-host-key (saved to Clawlink's own known_hosts, ${KH})`);
  });
  const changed = (source: string) =>
    hostKeyAttention({ status: "changed", keyType: "ssh-ed25519", fingerprint: "SHA256:new", expected: [{ keyType: "ssh-ed25519", fingerprint: "SHA256:old", source }] }, ssh, false, KH);
  it("changed host key saved by Clawlink, on a profile: `clawlink trust forget <profile> --host-key` (issue 12); never --trust-host-key", () => {
    const h = cli(changed(`${KH}:3`));
    expect(h).toContain(`then forget the old key: \`clawlink trust forget home --host-key\` (removes it from Clawlink's own known_hosts, ${KH}); then connect again.`);
    expect(h).not.toContain("ssh-keygen -R");
    expect(h).toContain("--trust-host-key never accepts a changed key");
  });
  it("changed host key saved by Clawlink, URL target: ssh-keygen -R on Clawlink's own file", () => {
    expect(cli(changed(`${KH}:3`), url)).toContain(`\`ssh-keygen -R '[box]:2222' -f ${KH}\` (Clawlink's own known_hosts)`);
  });
  it("changed host key in the person's own file: ssh-keygen -R for the exact host name with -f that file", () => {
    const h = cli(changed("/home/me/.ssh/known_hosts:7"));
    expect(h).toContain("then forget the old key: `ssh-keygen -R '[box]:2222' -f /home/me/.ssh/known_hosts`; then connect again.");
    expect(h).not.toContain("trust forget");
  });
  it("the app's own hint for a changed key points at Forget host key / trust forget, or ssh-keygen for the person's file", () => {
    expect(changed(`${KH}:3`).fixHint).toBe(
      "If the server really was reinstalled, check the new fingerprint on the server, then forget the old key Clawlink saved (Forget host key for this gateway, or `clawlink trust forget <profile> --host-key`), and connect again.",
    );
    expect(changed("/home/me/.ssh/known_hosts:7").fixHint).toBe(
      "If the server really was reinstalled, check the new fingerprint on the server, then remove the old entry from /home/me/.ssh/known_hosts (ssh-keygen -R '[box]:2222' -f /home/me/.ssh/known_hosts), and connect again.",
    );
  });
  it("every login refused: --identity FILE and the ssh command to try", () => {
    const h = cli(classifySshError(Object.assign(new Error("All configured authentication methods failed"), { level: "client-authentication" }), ssh, "publickey").attention);
    expect(h).toBe("Load your key into ssh-agent (ssh-add) or name it with --identity FILE; `ssh me@box` in a terminal shows whether the server accepts you at all.");
  });
  it("nothing behind the forward: --remote-port N", () => {
    expect(cli(remotePortClosedAttention("box", 18789))).toBe("Start the gateway on that host (`openclaw gateway`), or pass the port it listens on there with --remote-port N.");
  });
  it("local port busy / unusable: --local-port N", () => {
    expect(cli(localPortAttention(18789, "EADDRINUSE", false))).toContain("pass another port with --local-port N (0: any free port)");
    expect(cli(localPortAttention(80, "EACCES", false))).toContain("with --local-port N");
  });
});

describe("TLS and plaintext hints speak CLI", () => {
  const probe = (fingerprint: string) => async () => ({ fingerprint, chainTrusted: false, hostnameOk: true, systemTrusted: false, trustProblem: "DEPTH_ZERO_SELF_SIGNED_CERT", subject: "CN=gw", issuer: "CN=gw", validTo: "2030" });
  it("explicit pin mismatch: the observed fingerprint as --tls-fingerprint", async () => {
    const r = await resolveTlsTrust({ host: "gw", port: 443, explicitPin: HEX_A, store: new MemorySecretStore(), probe: probe(HEX_B) });
    expect(r.ok).toBe(false);
    const a = (r as { attention: Attention }).attention;
    expect(a.reason).toBe("tls-pin-mismatch");
    expect(cli(a)).toContain(`pass it with --tls-fingerprint ${HEX_B}.`);
  });
  it("pin mismatch as the gateway session reports it (no fingerprint in the message): where to get one", () => {
    const h = cli(gw({ kind: "tls-pin-mismatch", message: "m" }));
    expect(h).toContain("--tls-fingerprint HEX (`clawlink probe home` shows it)");
    expect(h).not.toMatch(UI_WORDS);
  });
  it("certificate changed since trusted: pin the new one with --tls-fingerprint (no Re-trust button here)", () => {
    // Worded as tls-pin.ts words it: "Trusted <old>, now <new> (…)".
    const a: Attention = { reason: "tls-cert-changed", message: `The certificate of gw:443 changed since you trusted it. Trusted ${displayTlsFingerprint(HEX_A)}, now ${displayTlsFingerprint(HEX_B)} (not trusted). Nothing was sent.`, fixHint: "choose Re-trust" };
    expect(cli(a)).toContain(`pin it with --tls-fingerprint ${HEX_B}.`);
    expect(cli(a)).not.toMatch(UI_WORDS);
  });
  it("not pinned and not trusted, no person to ask: --tls-fingerprint with the fingerprint shown", () => {
    const a: Attention = { reason: "tls-untrusted", message: `gw:443 is not pinned yet and DEPTH_ZERO_SELF_SIGNED_CERT. Its certificate fingerprint is ${displayTlsFingerprint(HEX_A)}.`, fixHint: "Confirm the fingerprint on first use" };
    expect(cli(a)).toBe(
      `Compare that fingerprint with the gateway's certificate (on the gateway host: \`openssl x509 -noout -fingerprint -sha256 -in <cert>\`), then pin it: --tls-fingerprint ${HEX_A} (or answer y when asked on a terminal, without --batch).`,
    );
  });
  it("plaintext ws:// to a public host: an ssh:// target or wss://, not 'SSH mode'", () => {
    const r = checkPlaintextRule("ws://gateway.example.com");
    const a = (r as { attention?: Attention }).attention!;
    expect(a).toBeDefined();
    const h = cli(a);
    expect(h).toMatch(/^Use an ssh:\/\/user@host target/);
    expect(h).not.toMatch(UI_WORDS);
  });
});

describe("the lookup", () => {
  it("the UI surface keeps every layer's own hint", () => {
    const a = gw({ kind: "auth-token-missing" });
    expect(fixHintFor(a, "ui")).toBe(a.fixHint);
    expect(fixHintFor(a, "ui")).toContain("paste it into this gateway's settings");
  });
  it("forCli changes only the hint: same reason, same message, other fields kept", () => {
    const a = { ...gw({ kind: "auth-token-missing" }), extra: 1 };
    const c = forCli(a, profile);
    expect(c).toEqual({ ...a, fixHint: cli(a) });
  });
  it("a reason without CLI wording keeps its hint", () => {
    expect(cli({ reason: "gateway-starting", message: "m", fixHint: "h" })).toBe("h");
  });
  it("no CLI hint uses the app's words", () => {
    for (const reason of CLI_HINT_REASONS) {
      const h = cli({ reason, message: "m", fixHint: "Paste it into this gateway's settings; ssh-keygen -R 'x'; `ssh me@x`" });
      expect(h, reason).not.toMatch(UI_WORDS);
    }
  });
});
