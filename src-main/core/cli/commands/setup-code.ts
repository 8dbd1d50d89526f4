// Setup codes on the command line (issue 13 §4): `clawlink profiles add <name> <setup code | oc-pair://…>`
// makes a direct profile for the gateway the code names and pairs this device with it; `clawlink secret
// set <profile> token` with a setup code on stdin pairs that profile (SSH or direct) instead of storing
// the code as a token, which the gateway would refuse as token_mismatch (openclaw/openclaw#141520).
// Either way the bootstrap token is used once, in memory, and what stays is the device token in the
// keychain and auth mode device-only. `openclaw qr --setup-code-only` prints a code (docs/cli/qr.md).
import { Orchestrator } from "../../orchestrator/orchestrator.js";
import { specFromProfile } from "../../orchestrator/profile-spec.js";
import { pairWithSetupCode } from "../../orchestrator/setup-code-pairing.js";
import { classifyPastedSecret, setupCodeTimeLeft, type PastedSecret, type SetupCode } from "../../profiles/pasted-secret.js";
import { saveImportedProfile } from "../../profiles/profile-import.js";
import { newProfileUid, ProfileSchema, uniqueSlug, type Profile } from "../../profiles/profile-schema.js";
import { parseDirectUrl } from "../../transport/direct-url.js";
import { checkPlaintextRule } from "../../transport/plaintext-rule.js";
import { has, intFlag, type ParsedArgs } from "../args.js";
import type { CliContext, CliIO } from "../context.js";
import { EXIT, exitCodeForReason } from "../exit-codes.js";
import { cliPrompts } from "../prompts.js";

/** A setup code, or what is wrong with one; null when `text` is not meant as a setup code at all. */
export function setupCodeIn(text: string): { setup: SetupCode } | { error: string; fixHint: string } | null {
  const c: PastedSecret = classifyPastedSecret(text);
  if (c.kind === "setup-code") return { setup: c.setup };
  if (c.kind === "setup-code-expired")
    return { error: `the setup code expired at ${new Date(c.expiresAtMs).toISOString()}`, fixHint: "Make a new one on the gateway host with `openclaw qr --setup-code-only` and use it within 10 minutes." };
  if (c.kind === "setup-code-invalid") return { error: c.message, fixHint: "Copy the whole code `openclaw qr --setup-code-only` printed." };
  return null;
}

/** `profiles add <name> <setup code>`: a direct profile at the code's URL (its TLS pin kept), then paired. */
export async function addFromSetupCode(ctx: CliContext, args: ParsedArgs, name: string, setup: SetupCode, io: CliIO): Promise<number> {
  const u = parseDirectUrl(setup.url);
  if (!u.ok) return fail(io, `the setup code's URL: ${u.attention.message}`, u.attention.fixHint);
  const rule = checkPlaintextRule(u.value.url);
  if (!rule.allowed) return fail(io, rule.attention.message, rule.attention.fixHint);
  const existing = ctx.profiles.list();
  const checked = ProfileSchema.safeParse({
    id: uniqueSlug(name, existing.map((p) => p.id)),
    uid: newProfileUid(),
    name,
    kind: "direct",
    connectAtStart: !has(args, "no-connect-at-start"),
    auth: { mode: "device-only" },
    direct: { url: u.value.url },
  });
  if (!checked.success) return fail(io, checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), "Check the name.");
  // The code's pin is the gateway's own certificate (it put it there): trusting it needs no prompt.
  const tlsPin = setup.tlsFingerprint && u.value.secure ? { host: u.value.host, port: u.value.port, fingerprint: setup.tlsFingerprint } : undefined;
  const profile = await saveImportedProfile(ctx.profiles, ctx.secrets, checked.data, tlsPin ? { tlsPin } : {});
  io.stderr(`clawlink profiles: added ${profile.id}: ${u.value.url}${tlsPin ? " (TLS certificate pinned from the setup code)" : ""}; pairing with the setup code…`);
  return pairProfile(ctx, args, profile, setup, io);
}

/** Runs the profile's connection once with the bootstrap token; on success the profile is device-only. */
export async function pairProfile(ctx: CliContext, args: ParsedArgs, profile: Profile, setup: SetupCode, io: CliIO): Promise<number> {
  ctx.logger.redactor.add(setup.bootstrapToken);
  const { spec } = await specFromProfile(profile, { secrets: ctx.secrets, env: io.env });
  const orch = new Orchestrator({ secrets: ctx.secrets, logger: ctx.logger, prompts: cliPrompts(args, io), configDir: ctx.configDir, env: io.env });
  const left = setupCodeTimeLeft(setup);
  const timeoutS = intFlag(args, "timeout") ?? 300;
  const r = await pairWithSetupCode(orch, spec, setup.bootstrapToken, {
    timeoutMs: timeoutS * 1000,
    onPairingRequired: (cmd) => io.stderr(`clawlink: ${profile.id} waits for approval on the gateway host: ${cmd ?? "openclaw devices list, then openclaw devices approve <requestId>"} (waiting up to ${timeoutS} s${left ? `; the setup code has ${left} left` : ""})`),
  });
  await orch.stopAll();
  const report = (o: unknown, text: string) => io.stdout(ctx.json ? JSON.stringify(o, null, 2) : text);
  if (r.outcome === "paired") {
    if (profile.auth.mode !== "device-only") await ctx.profiles.update(profile.id, { auth: { mode: "device-only" } });
    report({ paired: profile.id, scopes: r.scopes, auth: "device-only" }, `paired ${profile.id} with the setup code: this device's token is in the ${ctx.secrets.kind === "keychain" ? "OS keychain" : "memory of this process only (no keychain)"} (scopes: ${r.scopes.join(", ") || "none"}); the profile now uses it (auth mode device-only)`);
    return EXIT.ok;
  }
  if (r.outcome === "waiting-approval") {
    report({ pairing: profile.id, waiting: true, approveCommand: r.approveCommand }, `${profile.id} is still waiting for approval after ${timeoutS} s: approve it (${r.approveCommand ?? "openclaw devices approve <requestId>"}), then run \`clawlink secret set ${profile.id} token\` with a new setup code`);
    return EXIT.pairing;
  }
  io.stderr(`clawlink: ${r.attention.message} — ${r.attention.fixHint}`);
  const code = exitCodeForReason(r.attention.reason);
  return code === EXIT.ok ? EXIT.failure : code;
}

function fail(io: CliIO, message: string, fixHint: string): number {
  io.stderr(`clawlink profiles: ${message}${fixHint ? ` — ${fixHint}` : ""}`);
  return EXIT.usage;
}
