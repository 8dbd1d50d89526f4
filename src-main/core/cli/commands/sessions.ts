// `clawlink sessions [target] list|new|rename|delete` (issue 12 "Chat"): the gateway's chat sessions
// from the command line, with the same core as the app (core/gateway/chat-sessions.ts): list shows each
// session's label (or a readable key, never a message), its key and model; new creates one (--label,
// --agent), rename sets a label, model picks a model, delete removes one. Exit codes: 0 done, 1 the
// gateway refused (the reason and its fix hint on stderr), 2 usage, and the connection's own code
// (as `probe`) when it cannot connect.
import type { GatewaySession } from "../../gateway/gateway-session.js";
import { createSession, deleteSession, listSessions, patchSession, type ChatSessionRow, type Request } from "../../gateway/chat-sessions.js";
import { Orchestrator } from "../../orchestrator/orchestrator.js";
import { rememberLocalPortIn } from "../../orchestrator/profile-spec.js";
import { flag, has, parseArgs, UsageError } from "../args.js";
import { openContext, type CliIO } from "../context.js";
import { EXIT, exitCodeForReason } from "../exit-codes.js";
import { cliHintContext, cliSnapshot } from "../hints.js";
import { cliPrompts } from "../prompts.js";
import { resolveTarget } from "../target.js";

const ACTIONS = ["list", "new", "rename", "model", "delete"] as const;
type Action = (typeof ACTIONS)[number];

export interface SessionsPlan {
  target: string | undefined;
  action: Action;
  /** rename/model/delete: the session key; rename: the label; model: "provider/id". */
  key: string | null;
  value: string | null;
}

/** `[target] <action> [key] [value]`: the action word splits the target from its operands. */
export function sessionsPlan(positionals: string[]): SessionsPlan {
  const at = positionals.findIndex((p) => (ACTIONS as readonly string[]).includes(p));
  if (at < 0) {
    if (positionals.length > 1) throw new UsageError(`unknown action "${positionals[1]}": use list, new, rename, model or delete`);
    return { target: positionals[0], action: "list", key: null, value: null };
  }
  if (at > 1) throw new UsageError(`unexpected "${positionals[1]}" before ${positionals[at]}`);
  const action = positionals[at] as Action;
  const [key, value, extra] = positionals.slice(at + 1);
  const target = at === 1 ? positionals[0] : undefined;
  const need = { list: 0, new: 0, delete: 1, rename: 2, model: 2 }[action];
  const got = [key, value].filter((x) => x !== undefined).length;
  if (got < need || extra !== undefined || (need === 0 && key !== undefined) || (need === 1 && value !== undefined)) {
    throw new UsageError({ list: "list takes no operands", new: "new takes --label and --agent, no operands", delete: "delete needs one session key", rename: "rename needs a session key and the new label", model: "model needs a session key and a model (provider/id, as models.list shows)" }[action]);
  }
  return { target, action, key: key ?? null, value: value ?? null };
}

export function sessionLine(s: ChatSessionRow): string {
  return [s.label, s.key, s.model ?? "(default model)"].join("\t");
}

async function run(plan: SessionsPlan, req: Request, args: ReturnType<typeof parseArgs>, io: CliIO): Promise<number> {
  const json = has(args, "json");
  const print = (s: ChatSessionRow) => io.stdout(json ? JSON.stringify(s) : sessionLine(s));
  switch (plan.action) {
    case "list": {
      const rows = await listSessions(req, 200);
      rows.forEach(print);
      if (!rows.length && !json) io.stderr("clawlink sessions: the gateway has no sessions yet (clawlink sessions <target> new --label NAME makes one)");
      return EXIT.ok;
    }
    case "new": {
      const label = flag(args, "label");
      const agentId = flag(args, "agent");
      print(await createSession(req, { ...(label ? { label } : {}), ...(agentId ? { agentId } : {}) }));
      return EXIT.ok;
    }
    case "rename":
      print(await patchSession(req, plan.key!, { label: plan.value! }));
      return EXIT.ok;
    case "model":
      print(await patchSession(req, plan.key!, { model: plan.value! }));
      return EXIT.ok;
    case "delete": {
      const { deleted } = await deleteSession(req, plan.key!);
      io.stderr(`clawlink sessions: ${deleted ? `deleted ${plan.key}` : `${plan.key} was not there (nothing deleted)`}`);
      return deleted ? EXIT.ok : EXIT.usage;
    }
  }
}

export async function sessionsCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  const plan = sessionsPlan(args.positionals);
  const ctx = await openContext(args, io);
  const resolved = await resolveTarget(plan.target, args, ctx);
  const { spec } = resolved;
  const hints = cliHintContext(ctx, resolved, plan.target);
  const orch = new Orchestrator({ secrets: ctx.secrets, logger: ctx.logger, prompts: cliPrompts(args, io), configDir: ctx.configDir, env: io.env, rememberLocalPort: rememberLocalPortIn(ctx.profiles) });
  const say = (m: string) => io.stderr(`clawlink sessions: ${m}`);
  const result = await new Promise<number>((resolve) => {
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      resolve(code);
    };
    process.once("SIGINT", () => finish(130));
    orch.on((e) => {
      if (e.type === "notice") return say(e.message);
      if (e.type !== "connection" || done) return;
      const s = cliSnapshot(e.snapshot, hints);
      if (s.state === "needs-attention") {
        say(`${s.attention.message} ${s.attention.fixHint}`.trim());
        return finish(exitCodeForReason(s.attention.reason));
      }
      if (s.state === "pairing-required") return say(`waiting for this device to be approved; on the gateway host run: ${s.pairing.approveCommand ?? "openclaw devices list"}`);
      const session: GatewaySession | null | undefined = orch.get(spec.id)?.session;
      if (s.state !== "connected" || !session) return;
      done = true;
      run(plan, (method, params) => session.request(method, params), args, io).then(resolve, (err: unknown) => {
        const e = err as { message?: string; fixHint?: string };
        say(`${e.message ?? String(err)}${e.fixHint ? ` ${e.fixHint}` : ""}`);
        resolve(EXIT.failure);
      });
    });
    orch.connect(spec).catch((err: unknown) => {
      say((err as Error).message);
      finish(EXIT.failure);
    });
  });
  await Promise.race([orch.stopAll(), new Promise((r) => setTimeout(r, 1500).unref())]);
  return result;
}
