// `clawlink approvals [target]` lists what the gateway asks of a person (exec approvals and pairing
// requests from other devices), replayed from the gateway itself; `--watch` stays and prints each new or
// resolved item; `resolve <id> <decision>` answers one. The same core inbox the desktop app shows
// (core/inbox/*). Exit codes: 0 done, 2 unknown or already-resolved id (the message says which) or a
// decision the gateway does not offer, 7 a scope the gateway did not grant, and the connection's own
// code (as `probe`) when it cannot connect.
import type { ApprovalDecision, InboxAnswerOutcome, InboxItem, ResolvedItem } from "../../../../src-shared/inbox.js";
import { APPROVAL_DECISIONS, scopesInWords } from "../../../../src-shared/inbox.js";
import type { PairingDecision } from "../../inbox/inbox-answer.js";
import { InboxHub } from "../../inbox/inbox-hub.js";
import { Orchestrator } from "../../orchestrator/orchestrator.js";
import { rememberLocalPortIn } from "../../orchestrator/profile-spec.js";
import { flag, has, parseArgs, UsageError } from "../args.js";
import { openContext, type CliIO } from "../context.js";
import { EXIT, exitCodeForReason } from "../exit-codes.js";
import { cliHintContext, cliSnapshot } from "../hints.js";
import { cliPrompts } from "../prompts.js";
import { resolveTarget } from "../target.js";

const PAIRING_DECISIONS: readonly PairingDecision[] = ["approve", "reject"];
const SCOPE_FIX = "Ask the gateway's owner to approve this device with that scope (on the gateway host: openclaw devices list, then openclaw devices approve <requestId>).";

export const OUTCOME_EXIT: Record<InboxAnswerOutcome["kind"], number> = {
  done: EXIT.ok,
  "unknown-id": EXIT.usage,
  "already-resolved": EXIT.usage,
  "not-allowed": EXIT.usage,
  "scope-missing": EXIT.gatewayAuth,
  offline: EXIT.network,
  failed: EXIT.failure,
};

const REASON_WORDS = { sent: "was sent to the agent", queued: "is queued for the agent and goes out when the gateway is reachable", failed: "could not be sent to the agent" } as const;

interface Plan {
  target: string | undefined;
  resolve: { id: string; decision: ApprovalDecision | PairingDecision } | null;
}

export function planFrom(positionals: string[]): Plan {
  const at = positionals.indexOf("resolve");
  if (at < 0) {
    if (positionals.length > 1) throw new UsageError(`unexpected "${positionals[1]}" (to answer one: clawlink approvals <target> resolve <id> <decision>)`);
    return { target: positionals[0], resolve: null };
  }
  if (at > 1) throw new UsageError(`unexpected "${positionals[1]}" before resolve`);
  const [id, decision, extra] = positionals.slice(at + 1);
  if (!id || !decision) throw new UsageError("resolve needs an id and a decision: allow-once, allow-always or deny (exec), approve or reject (pairing)");
  if (extra) throw new UsageError(`unexpected "${extra}" after the decision`);
  if (![...APPROVAL_DECISIONS, ...PAIRING_DECISIONS].includes(decision as ApprovalDecision)) {
    throw new UsageError(`unknown decision "${decision}": use allow-once, allow-always or deny for an exec approval, approve or reject for a pairing request`);
  }
  return { target: at === 1 ? positionals[0] : undefined, resolve: { id, decision: decision as ApprovalDecision } };
}

const inMinutes = (ms: number) => (ms <= 0 ? "now" : ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

/** One JSON object per item: id, kind, gateway, command or device, expiresAt, and the rest of what we know. */
export function itemJson(x: InboxItem): Record<string, unknown> {
  const base = { id: x.id, kind: x.kind, gateway: x.gatewayName, connection: x.connectionId, createdAt: x.createdAt };
  if (x.kind === "exec") {
    return { ...base, command: x.command, cwd: x.cwd, host: x.host, agentId: x.agentId, sessionKey: x.sessionKey, requestedVia: x.requestedVia, warnings: x.warnings, allowedDecisions: x.allowedDecisions, expiresAt: x.expiresAt };
  }
  return { ...base, device: { id: x.deviceId, name: x.displayName, platform: x.platform, family: x.deviceFamily, role: x.role, scopes: x.scopes, remoteIp: x.remoteIp, isRepair: x.isRepair }, expiresAt: null };
}

/** The human form: the full id (to resolve it), then the command exactly as it will run, or the device. */
export function itemText(x: InboxItem, now: number): string {
  if (x.kind === "exec") {
    const where = [x.agentId && `agent ${x.agentId}`, x.sessionKey, x.host && `on ${x.host}`, x.requestedVia && `via ${x.requestedVia}`].filter(Boolean).join(" · ");
    const lines = [`exec ${x.id}  [${x.gatewayName}]  expires in ${inMinutes(x.expiresAt - now)}  ${where}`, `  $ ${x.command}`];
    if (x.cwd) lines.push(`  in ${x.cwd}`);
    for (const w of x.warnings) lines.push(`  ! ${w}`);
    lines.push(`  answer: ${x.allowedDecisions.join(" | ")}`);
    return lines.join("\n");
  }
  const who = `${x.displayName ?? x.deviceId}${x.platform ? ` (${x.platform}${x.deviceFamily ? `, ${x.deviceFamily}` : ""})` : ""}`;
  const lines = [`pairing ${x.id}  [${x.gatewayName}]  ${x.isRepair ? "re-pair" : "new device"}: ${who}${x.remoteIp ? ` from ${x.remoteIp}` : ""}`];
  lines.push(`  wants role ${x.role ?? "?"}${x.scopes.length ? `, to ${scopesInWords(x.scopes).join("; ")}` : ""}`, "  answer: approve | reject");
  return lines.join("\n");
}

const resolvedText = (r: ResolvedItem) => `resolved ${r.kind} ${r.id}  [${r.gatewayName}]  ${r.decision}${r.by && r.by !== r.decision ? ` by ${r.by}` : ""}: ${r.summary}`;

/** Answers one request (`clawlink approvals resolve <id> …`) and maps the outcome to the exit code. */
async function answer(hub: InboxHub, connectionId: string, r: NonNullable<Plan["resolve"]>, reason: string | undefined, say: (m: string) => void): Promise<number> {
  const item = hub.snapshot.items.find((x) => x.connectionId === connectionId && x.id === r.id);
  const isPairing = item ? item.kind === "pairing" : (PAIRING_DECISIONS as string[]).includes(r.decision);
  if (item && (item.kind === "pairing") !== (PAIRING_DECISIONS as string[]).includes(r.decision)) {
    say(`${r.id} is ${item.kind === "exec" ? "an exec approval: answer allow-once, allow-always or deny" : "a pairing request: answer approve or reject"}`);
    return EXIT.usage;
  }
  const outcome = isPairing
    ? await hub.answerPairing(connectionId, r.id, r.decision as PairingDecision)
    : await hub.answerExec(connectionId, r.id, r.decision as ApprovalDecision, reason);
  if (outcome.kind === "done") say(`${r.decision}: ${r.id}${outcome.reason ? `; the reason ${REASON_WORDS[outcome.reason]}` : ""}`);
  else say(outcome.kind === "scope-missing" ? `${outcome.message} ${SCOPE_FIX}` : outcome.message);
  return OUTCOME_EXIT[outcome.kind];
}

export async function approvalsCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  const plan = planFrom(args.positionals);
  const json = has(args, "json");
  const watch = has(args, "watch");
  if (plan.resolve && watch) throw new UsageError("--watch lists; resolve answers one request: use one or the other");
  if (has(args, "reason") && plan.resolve?.decision !== "deny") throw new UsageError("--reason goes with deny");
  const ctx = await openContext(args, io);
  const resolved = await resolveTarget(plan.target, args, ctx);
  const { spec } = resolved;
  const hints = cliHintContext(ctx, resolved, plan.target);
  const orch = new Orchestrator({ secrets: ctx.secrets, logger: ctx.logger, prompts: cliPrompts(args, io), configDir: ctx.configDir, env: io.env, rememberLocalPort: rememberLocalPortIn(ctx.profiles) });
  const hub = new InboxHub(orch, { logger: ctx.logger });
  const say = (m: string) => io.stderr(`clawlink approvals: ${m}`);

  const result = await new Promise<number>((resolve) => {
    let done = false;
    let listed = false;
    const shownResolved = new Set<string>();
    const finish = (code: number) => {
      if (done) return;
      done = true;
      resolve(code);
    };
    process.once("SIGINT", () => finish(EXIT.ok));
    orch.on((e) => {
      if (e.type === "notice") return say(e.message);
      if (e.type !== "connection") return;
      const s = cliSnapshot(e.snapshot, hints);
      if (s.state === "needs-attention") {
        say(`${s.attention.message} ${s.attention.fixHint}`.trim());
        finish(exitCodeForReason(s.attention.reason));
      } else if (s.state === "pairing-required") say(`waiting for this device to be approved; on the gateway host run: ${s.pairing.approveCommand ?? "openclaw devices list"}`);
    });
    const print = (x: InboxItem) => io.stdout(json ? JSON.stringify(itemJson(x)) : itemText(x, Date.now()));
    hub.on((e) => {
      if (done) return;
      if (e.type === "inbox-new" && listed && watch) return e.items.forEach(print);
      if (e.type !== "inbox") return;
      const gw = e.snapshot.gateways.find((g) => g.connectionId === spec.id);
      if (!gw?.live || listed) {
        if (listed && watch) {
          for (const r of e.snapshot.resolved) {
            const key = `${r.kind}:${r.id}:${r.at}`;
            if (shownResolved.has(key)) continue;
            shownResolved.add(key);
            io.stdout(json ? JSON.stringify({ resolved: true, id: r.id, kind: r.kind, gateway: r.gatewayName, decision: r.decision, by: r.by, at: r.at }) : resolvedText(r));
          }
        }
        return;
      }
      listed = true;
      for (const r of e.snapshot.resolved) shownResolved.add(`${r.kind}:${r.id}:${r.at}`);
      if (gw.problem) say(gw.problem);
      if (!gw.canApprove && !gw.canPair) {
        say(`${spec.name} did not grant ${gw.missingScopes.join(" or ")} to this device, so it cannot show or answer requests. ${SCOPE_FIX}`);
        return finish(EXIT.gatewayAuth);
      }
      if (gw.missingScopes.length) say(`${spec.name} did not grant ${gw.missingScopes.join(", ")}: ${gw.canApprove ? "pairing requests" : "exec approvals"} are not shown. ${SCOPE_FIX}`);
      if (plan.resolve) return void answer(hub, spec.id, plan.resolve, flag(args, "reason"), say).then(finish);
      const mine = e.snapshot.items.filter((x) => x.connectionId === spec.id);
      mine.forEach(print);
      if (!json && !mine.length) say("nothing is waiting for you");
      if (!watch) finish(EXIT.ok);
      else say(`watching ${spec.name} for new and resolved requests (Ctrl-C ends)`);
    });

    orch.connect(spec).catch((err: unknown) => {
      say((err as Error).message);
      finish(EXIT.failure);
    });
  });
  hub.dispose();
  await Promise.race([orch.stopAll(), new Promise((r) => setTimeout(r, 1500).unref())]);
  return result;
}
