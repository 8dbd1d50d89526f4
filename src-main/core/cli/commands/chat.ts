// `clawlink chat <target> --message TEXT` (or the message on stdin): connects, sends to the main
// session (or --session KEY), streams the reply to stdout as it arrives, and exits 0 on the final
// message. stderr says where the message is (queued / sent / delivered). An error turn, an abort, or a
// reply the gateway lost (it restarted mid-run) exits 1 with the reason on stderr; a connection problem
// that needs a person exits with the same code `probe` would give.
import type { OutboxState } from "../../../../src-shared/gateway-session.js";
import type { GatewaySessionEvent } from "../../gateway/gateway-session.js";
import { Orchestrator } from "../../orchestrator/orchestrator.js";
import { rememberLocalPortIn } from "../../orchestrator/profile-spec.js";
import { flag, has, parseArgs, UsageError } from "../args.js";
import { openContext, type CliIO } from "../context.js";
import { EXIT, exitCodeForReason } from "../exit-codes.js";
import { cliPrompts } from "../prompts.js";
import { cliHintContext, cliSnapshot } from "../hints.js";
import { resolveTarget } from "../target.js";

/** What stderr says as the message moves through the outbox (failed is said with its reason). */
const OUTBOX_LINE: Partial<Record<OutboxState, string>> = {
  queued: "message queued; it goes out when the gateway is reachable",
  sent: "message sent",
  delivered: "message delivered",
};

type ChatEvent = Extract<GatewaySessionEvent, { type: "chat" }>["event"];

/** How a turn ends on the terminal and the exit code it gives; null while the reply is still coming. */
function turnEnd(ev: ChatEvent, printed: string, io: CliIO): number | null {
  if (ev.state === "final") {
    io.write("\n");
    return EXIT.ok;
  }
  const problem =
    ev.state === "error" && ev.errorKind === "lost"
      ? `${ev.errorMessage ?? "the reply was lost"} (run the same command again to resend)`
      : ev.state === "error"
        ? `the turn failed${ev.errorKind ? ` (${ev.errorKind})` : ""}: ${ev.errorMessage ?? "no details"}`
        : ev.state === "aborted"
          ? "the turn was aborted"
          : null;
  if (problem === null) return null;
  if (printed) io.write("\n");
  io.stderr(`clawlink chat: ${problem}`);
  return EXIT.failure;
}

export async function chatCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  if (has(args, "message") && args.positionals.length > 1) throw new UsageError("give the message either with --message or on stdin, not as extra arguments");
  if (!has(args, "message") && (has(args, "token-stdin") || has(args, "password-stdin"))) {
    throw new UsageError("stdin already carries the secret: give the message with --message");
  }
  const ctx = await openContext(args, io);
  const resolved = await resolveTarget(args.positionals[0], args, ctx);
  const { spec } = resolved;
  const hints = cliHintContext(ctx, resolved, args.positionals[0]);
  const message = has(args, "message") ? flag(args, "message")! : (await io.readStdin()).trim();
  if (!message) throw new UsageError("no message: pass --message TEXT or pipe it on stdin");

  const orch = new Orchestrator({ secrets: ctx.secrets, logger: ctx.logger, prompts: cliPrompts(args, io), configDir: ctx.configDir, env: io.env, rememberLocalPort: rememberLocalPortIn(ctx.profiles) });
  const result = await new Promise<number>((resolve) => {
    let sentKey: string | null = null;
    let shownState: OutboxState | null = null;
    let printed = "";
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      resolve(code);
    };
    const onSignal = () => {
      const mine = sentKey ? orch.get(spec.id)?.session?.outboxEntries().find((x) => x.idempotencyKey === sentKey) : undefined;
      if (mine && (mine.state === "queued" || mine.state === "sending")) io.stderr("clawlink chat: the message stays queued and is delivered the next time Clawlink connects to this gateway");
      finish(130);
    };
    process.once("SIGINT", onSignal);
    orch.on((e) => {
      if (e.type === "connection") {
        const s = cliSnapshot(e.snapshot, hints);
        if (s.state === "needs-attention") {
          io.stderr(`clawlink chat: ${s.attention?.message ?? "cannot connect"} ${s.attention?.fixHint ?? ""}`.trim());
          finish(exitCodeForReason(s.attention?.reason));
        } else if (s.state === "pairing-required" && s.pairing) {
          io.stderr(`clawlink chat: waiting for approval; on the gateway host run: ${s.pairing.approveCommand ?? "openclaw devices list"}`);
        }
        // Queued as soon as there is a session, connected or not: the outbox keeps it on disk, so a
        // message typed during an outage survives this process and goes out exactly once later. Until
        // a hello names the gateway's main session, the main session is the gateway's default key.
        const session = orch.get(spec.id)?.session;
        if (session && sentKey === null && !done) {
          const entry = session.send(flag(args, "session") ?? session.mainSessionKey, message);
          sentKey = entry.idempotencyKey;
          // The outbox event of the add itself came before we knew the key: say "queued" now if it waits.
          const now = session.outboxEntries().find((x) => x.idempotencyKey === sentKey);
          if (now?.state === "queued" && shownState === null) {
            shownState = "queued";
            io.stderr(`clawlink chat: ${OUTBOX_LINE.queued}`);
          }
        }
        return;
      }
      if (e.type === "notice") return io.stderr(`clawlink chat: ${e.message}`);
      if (e.type !== "session") return;
      const ev: GatewaySessionEvent = e.event;
      if (ev.type === "outbox" && sentKey) {
        const mine = ev.entries.find((x) => x.idempotencyKey === sentKey);
        if (mine && mine.state !== shownState) {
          shownState = mine.state;
          if (mine.state === "failed") {
            io.stderr(`clawlink chat: the message was not delivered: ${mine.error ?? "unknown reason"}`);
            finish(EXIT.failure);
          } else if (OUTBOX_LINE[mine.state]) io.stderr(`clawlink chat: ${OUTBOX_LINE[mine.state]}`);
        }
      }
      // The run id of a chat.send equals its idempotency key.
      if (ev.type !== "chat" || !sentKey || ev.event.runId !== sentKey) return;
      const text = ev.event.text;
      if ((ev.event.state === "delta" || ev.event.state === "final") && text.startsWith(printed)) {
        io.write(text.slice(printed.length));
        printed = text;
      }
      const code = turnEnd(ev.event, printed, io);
      if (code !== null) finish(code);
    });
    orch.connect(spec).catch((err: unknown) => {
      io.stderr(`clawlink chat: ${(err as Error).message}`);
      finish(EXIT.failure);
    });
  });
  await Promise.race([orch.stopAll(), new Promise((r) => setTimeout(r, 1500).unref())]);
  return result;
}
