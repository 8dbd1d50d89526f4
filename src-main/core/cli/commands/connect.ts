// `clawlink connect <target>`: connect and stay up, supervising and reconnecting by itself, one line
// per state change (--json: one JSON object per line with ts, state, and localPort once an SSH tunnel
// forwards). SIGINT/SIGTERM stop everything cleanly and exit 0. A state that needs a person (wrong
// token, changed host key, …) ends the command with the matching exit code and the fix hint, so a
// service manager restarts it only after someone acts; pairing-required keeps waiting for approval.
import type { ConnectionSnapshot } from "../../../../src-shared/connection.js";
import { LocalGatewayLauncher } from "../../local/local-gateway-launcher.js";
import { Orchestrator } from "../../orchestrator/orchestrator.js";
import { rememberLocalPortIn } from "../../orchestrator/profile-spec.js";
import { has, parseArgs } from "../args.js";
import { openContext, type CliIO } from "../context.js";
import { EXIT, exitCodeForReason } from "../exit-codes.js";
import { cliPrompts, processTerminal } from "../prompts.js";
import { cliHintContext, cliSnapshot } from "../hints.js";
import { resolveTarget } from "../target.js";
import { routeFailed } from "../../orchestrator/route-failover.js";
import { routeText } from "../../../../src-shared/routes.js";

export function formatStateLine(s: ConnectionSnapshot, json: boolean, now = Date.now()): string {
  const ts = new Date(now).toISOString();
  if (json) {
    const o: Record<string, unknown> = { ts, state: s.state, name: s.name };
    if (s.localPort !== null) o.localPort = s.localPort;
    if (s.portFallback) o.portFallback = true;
    if (s.attempt) o.attempt = s.attempt;
    if (s.nextAttemptAt) o.nextAttemptAt = new Date(s.nextAttemptAt).toISOString();
    if (s.attention) o.attention = s.attention;
    if (s.warning) o.warning = s.warning;
    if (s.pairing) o.pairing = s.pairing;
    if (s.connected) o.connected = { serverVersion: s.connected.serverVersion, authSource: s.connected.authSource, scopes: s.connected.scopes };
    if (s.sshAuth) o.sshAuth = s.sshAuth;
    if (s.route) o.route = s.route;
    if (s.aux?.length) o.aux = s.aux;
    return JSON.stringify(o);
  }
  const parts = [ts, s.state.padEnd(16)];
  if (s.route) parts.push(routeText(s.route));
  if (s.localPort !== null) parts.push(`local port ${s.localPort}${s.portFallback ? " (preferred port busy)" : ""}`);
  if (s.state === "connected" && s.connected) parts.push(`gateway ${s.connected.serverVersion ?? "?"}, auth: ${s.connected.authSource}`);
  if (s.state === "reconnecting" && s.nextAttemptAt) parts.push(`attempt ${s.attempt}, next in ${Math.max(0, Math.round((s.nextAttemptAt - now) / 100) / 10)} s`);
  if (s.state === "pairing-required" && s.pairing) parts.push(`approve on the gateway host: ${s.pairing.approveCommand ?? "openclaw devices list"}`);
  if (s.attention && (s.state === "needs-attention" || s.state === "reconnecting" || s.state === "waiting-for-gateway")) parts.push(`— ${s.attention.message} ${s.attention.fixHint}`);
  if (s.warning) parts.push(`(warning: ${s.warning.message})`);
  // Issue 13 §2: each auxiliary surface on its own, so a degraded one never reads as the connection's state.
  for (const a of s.aux ?? []) parts.push(`${a.label}: ${a.state === "ok" ? a.url : a.state === "degraded" ? `degraded — ${a.note}` : "starting"}`);
  return parts.join("  ");
}

export async function connectCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  const ctx = await openContext(args, io);
  const resolved = await resolveTarget(args.positionals[0], args, ctx);
  const { spec } = resolved;
  const hints = cliHintContext(ctx, resolved, args.positionals[0]);
  const orch = new Orchestrator({ secrets: ctx.secrets, logger: ctx.logger, prompts: cliPrompts(args, io), configDir: ctx.configDir, env: io.env, rememberLocalPort: rememberLocalPortIn(ctx.profiles) });
  let lastLine = "";
  let lastState = "";
  // Starting this machine's gateway is offered, never done silently: --start-local, or a yes on the terminal.
  const launcher = spec.kind === "local" ? new LocalGatewayLauncher({ logger: ctx.logger, env: io.env }) : null;
  let offered = false;
  const offerLocalStart = async () => {
    if (offered || !launcher?.executable) return;
    offered = true;
    let yes = has(args, "start-local");
    const tty = has(args, "batch") ? null : processTerminal();
    if (!yes && tty) yes = /^\s*y(es)?\s*$/i.test(await tty.ask("No gateway is running on this machine. Start it now with `openclaw gateway`? [y/N] "));
    if (!yes) return;
    io.stderr(`clawlink connect: starting ${launcher.executable} gateway (stopped again when this command ends)`);
    launcher.start();
  };
  return await new Promise<number>((resolve) => {
    let finished = false;
    const finish = async (code: number) => {
      if (finished) return;
      finished = true;
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      // Bounded: a stuck peer must not keep the CLI from exiting within ~2 s of a signal.
      await Promise.race([orch.stopAll(), new Promise((r) => setTimeout(r, 1500).unref())]);
      await launcher?.stop();
      resolve(code);
    };
    const onSignal = () => void finish(EXIT.ok);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    orch.on((e) => {
      // Notices (a followed certificate renewal) go to stderr in both modes: stdout stays one line per state.
      if (e.type === "notice") return io.stderr(`clawlink connect: ${e.message}`);
      if (e.type !== "connection") return;
      const s = cliSnapshot(e.snapshot, hints);
      // One line per state change (a new attempt number or port also counts as a change worth a line).
      const key = `${s.state}|${s.localPort}|${s.attempt}|${s.attention?.reason ?? ""}|${s.pairing?.requestId ?? ""}|${s.route?.index ?? ""}|${(s.aux ?? []).map((a) => `${a.kind}:${a.state}:${a.localPort}`).join(",")}`;
      if (key === lastLine) return;
      lastLine = key;
      io.stdout(formatStateLine(s, ctx.json));
      if (s.attention?.reason === "no-local-gateway") void offerLocalStart();
      // With several routes, "this route does not answer" is the failover's to handle (route-failover.ts), not the end.
      const failover = (s.route?.count ?? 0) > 1 && routeFailed(s.state, s.attention?.reason ?? null);
      if (s.state === "needs-attention" && lastState !== "needs-attention" && !failover) {
        const code = exitCodeForReason(s.attention?.reason);
        void finish(code === EXIT.ok ? EXIT.failure : code);
      }
      lastState = s.state;
    });
    orch.connect(spec).catch((err: unknown) => {
      io.stderr(`clawlink connect: ${(err as Error).message}`);
      void finish(EXIT.failure);
    });
  });
}
