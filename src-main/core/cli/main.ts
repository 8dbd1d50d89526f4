// The `clawlink` CLI entry: parses the command line and dispatches to one command module. Returns the
// exit code (see exit-codes.ts). The CLI is the same core the desktop app runs, without Electron.
import { CLAWLINK_VERSION } from "../version.js";
import { UsageError, wantsHelp } from "./args.js";
import type { CliIO } from "./context.js";
import { processIO } from "./io.js";
import { EXIT } from "./exit-codes.js";
import { systemErrorWords } from "../log/system-error.js";
import { IDENTITY_USAGE, TRUST_USAGE } from "./usage.js";
import { APPROVALS_USAGE, CHAT_USAGE, CONNECT_USAGE, DISCOVER_USAGE, PROBE_USAGE, PROFILES_USAGE, SECRET_USAGE, SERVE_USAGE, SESSIONS_USAGE } from "./usage.js";

// For the launcher (bin/clawlink.mjs): the V8 flags it sets before running a command.
export { v8MemoryFlags } from "../runtime/v8-memory.js";

export type Command = (argv: string[], io: CliIO) => Promise<number>;

/**
 * The command table: each command's module (loaded only when it runs) and its usage. `--help`/`-h` is
 * answered here, for every command alike, before the command parses or opens anything.
 */
export const COMMANDS: Record<string, { load: () => Promise<Command>; usage: string }> = {
  probe: { load: async () => (await import("./commands/probe.js")).probeCommand, usage: PROBE_USAGE },
  connect: { load: async () => (await import("./commands/connect.js")).connectCommand, usage: CONNECT_USAGE },
  chat: { load: async () => (await import("./commands/chat.js")).chatCommand, usage: CHAT_USAGE },
  approvals: { load: async () => (await import("./commands/approvals.js")).approvalsCommand, usage: APPROVALS_USAGE },
  profiles: { load: async () => (await import("./commands/profiles.js")).profilesCommand, usage: PROFILES_USAGE },
  secret: { load: async () => (await import("./commands/secret.js")).secretCommand, usage: SECRET_USAGE },
  serve: { load: async () => (await import("./commands/serve.js")).serveCommand, usage: SERVE_USAGE },
  trust: { load: async () => (await import("./commands/trust.js")).trustCommand, usage: TRUST_USAGE },
  identity: { load: async () => (await import("./commands/identity.js")).identityCommand, usage: IDENTITY_USAGE },
  discover: { load: async () => (await import("./commands/discover.js")).discoverCommand, usage: DISCOVER_USAGE },
  sessions: { load: async () => (await import("./commands/sessions.js")).sessionsCommand, usage: SESSIONS_USAGE },
};

export const USAGE = `clawlink ${CLAWLINK_VERSION} — remote-mode operator client for OpenClaw gateways

usage: clawlink <command> [target] [options]

commands:
  probe <target>          test the connection layer by layer (exit code says which layer failed)
  connect <target>        connect and stay up, reconnecting by itself; one line per state change
  chat <target>           send --message TEXT (or stdin) to the main session and stream the reply
  approvals <target>      exec approvals and pairing requests waiting for a person (--watch; resolve <id> <decision>)
  profiles list|show|add|edit|duplicate|move|remove|import
  secret set|delete <profile> <token|password|ssh-password>   (the value is read from stdin)
  trust forget <profile>  forget a remembered SSH host key (--host-key) or TLS pin (--tls); the next connect asks again
  identity reset          a new device identity: every gateway must pair this device again (--yes without a terminal)
  serve                   the desktop UI in your browser (127.0.0.1, one-time token in the printed URL)
  discover                the gateways announcing themselves on the local network (mDNS; --json, --timeout S, --watch, --domain D)
  sessions <target>       the gateway's chat sessions: list | new [--label L] [--agent ID] | rename KEY LABEL | model KEY MODEL | delete KEY
  (clawlink <command> --help, or clawlink help <command>: that command's own usage)

targets: ws://host:port  wss://host[:port]  https://host (as wss)  ssh://[user@]host[:port]  <profile>

options:
  --token-stdin | --token-env NAME | --password-stdin | --password-env NAME
      (secrets are never accepted as argument values: they would show in ps)
  --identity FILE  --remote-port N  --local-port N  --known-hosts FILE  --trust-host-key
  --keepalive-interval S  --keepalive-count N  --tls-fingerprint HEX  --batch
  --config-dir DIR  --json  --message TEXT  --session KEY  --timeout S

exit codes: 0 ok, 2 usage/config, 3 network, 4 SSH auth, 5 host key, 6 TLS, 7 gateway auth,
            8 pairing required, 9 protocol mismatch, 10 plaintext ws:// to a public host refused`;

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === "--version" || cmd === "-v" || cmd === "version") {
    io.stdout(CLAWLINK_VERSION);
    return EXIT.ok;
  }
  // `clawlink help probe` is `clawlink probe --help`.
  if (cmd === "help" && rest[0] && Object.hasOwn(COMMANDS, rest[0])) {
    io.stdout(COMMANDS[rest[0]]!.usage);
    return EXIT.ok;
  }
  if (!cmd || cmd === "help" || cmd === "--help" || cmd === "-h") {
    io.stdout(USAGE);
    return cmd ? EXIT.ok : EXIT.usage;
  }
  const entry = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!entry) {
    io.stderr(`clawlink: unknown command "${cmd}" (see clawlink help)`);
    return EXIT.usage;
  }
  if (wantsHelp(rest)) {
    io.stdout(entry.usage);
    return EXIT.ok;
  }
  try {
    return await (await entry.load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`clawlink ${cmd}: ${e.message}`);
      return EXIT.usage;
    }
    // An error that already says what to do (export, profile store, device identity, …) is a sentence
    // for the person, not a stack trace; anything else is a bug and keeps its stack.
    const hint = (e as { fixHint?: unknown } | null)?.fixHint;
    if (e instanceof Error && typeof hint === "string" && hint) {
      io.stderr(`clawlink ${cmd}: ${e.message} ${hint}`);
      return EXIT.failure;
    }
    // An errno error that reached here unworded (ENOTDIR, EACCES, …) is a sentence with its fix too (issue 12).
    const sys = systemErrorWords(e);
    if (sys) {
      io.stderr(`clawlink ${cmd}: ${sys.clause[0]!.toUpperCase()}${sys.clause.slice(1)}. ${sys.fixHint}`);
      return EXIT.failure;
    }
    throw e;
  }
}
