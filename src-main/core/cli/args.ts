// Command-line parsing for `clawlink`. Deliberately small: one table of options, GNU-style
// `--name value` / `--name=value`, and one hard rule: secrets are never accepted as argument values
// (they would show in `ps` and shell history) — only from stdin or a named environment variable.

export interface OptionSpec {
  takesValue: boolean;
  /** Integer options are checked here so commands get numbers or a usage error. */
  integer?: { min: number; max: number };
  repeatable?: boolean;
}

export const OPTIONS: Record<string, OptionSpec> = {
  "token-stdin": { takesValue: false },
  "token-env": { takesValue: true },
  "password-stdin": { takesValue: false },
  "password-env": { takesValue: true },
  identity: { takesValue: true },
  "remote-port": { takesValue: true, integer: { min: 1, max: 65535 } },
  "local-port": { takesValue: true, integer: { min: 0, max: 65535 } },
  "tls-fingerprint": { takesValue: true },
  "known-hosts": { takesValue: true, repeatable: true },
  batch: { takesValue: false },
  "trust-host-key": { takesValue: false },
  "keepalive-interval": { takesValue: true, integer: { min: 1, max: 3600 } },
  "keepalive-count": { takesValue: true, integer: { min: 1, max: 100 } },
  "config-dir": { takesValue: true },
  json: { takesValue: false },
  message: { takesValue: true },
  session: { takesValue: true },
  name: { takesValue: true },
  "connect-at-start": { takesValue: false },
  "no-connect-at-start": { takesValue: false },
  // profiles edit|duplicate|move, trust forget, identity reset (issue 12)
  user: { takesValue: true },
  url: { takesValue: true },
  to: { takesValue: true, integer: { min: 1, max: 100_000 } },
  "with-secrets": { takesValue: false },
  "host-key": { takesValue: false },
  tls: { takesValue: false },
  yes: { takesValue: false },
  auth: { takesValue: true },
  port: { takesValue: true, integer: { min: 0, max: 65535 } },
  host: { takesValue: true },
  file: { takesValue: true },
  help: { takesValue: false },
  "start-local": { takesValue: false },
  watch: { takesValue: false },
  reason: { takesValue: true },
  timeout: { takesValue: true, integer: { min: 1, max: 86_400 } },
  // discover --domain D --dns-server IP[:PORT] (issue 13 §1, wide-area DNS-SD)
  domain: { takesValue: true, repeatable: true },
  "dns-server": { takesValue: true, repeatable: true },
  // discover --add-domain D [--dns-server IP[:PORT]] / --remove-domain D: the lasting list (discovery.json)
  "add-domain": { takesValue: true },
  "remove-domain": { takesValue: true },
  // profiles edit <p> --add-route URL|ssh://… / --remove-route N / --return-check S (issue 13 §3)
  "add-route": { takesValue: true },
  "remove-route": { takesValue: true, integer: { min: 1, max: 8 } },
  "route-remote-port": { takesValue: true, integer: { min: 1, max: 65535 } },
  "move-route": { takesValue: true, integer: { min: 1, max: 8 } },
  "route-position": { takesValue: true, integer: { min: 1, max: 8 } },
  "return-check": { takesValue: true, integer: { min: 5, max: 3600 } },
  // profiles add <name> --setup-code-stdin (issue 13 §4): the code carries a bootstrap token
  "setup-code-stdin": { takesValue: false },
  // sessions new --label NAME --agent ID (issue 12 chat)
  label: { takesValue: true },
  agent: { takesValue: true },
};

/** Options that would carry a secret on the command line, and what to use instead. */
const SECRET_OPTIONS: Record<string, string> = {
  token: "--token-stdin or --token-env NAME",
  password: "--password-stdin or --password-env NAME",
  passphrase: "an ssh-agent, or answer the prompt",
  "device-token": "nothing: device tokens are kept in the keychain",
  "setup-code": "--setup-code-stdin",
};

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("--") || a === "-") {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq > 0 ? eq : undefined);
    if (SECRET_OPTIONS[name]) throw new UsageError(`--${name} would put a secret on the command line (visible in ps); use ${SECRET_OPTIONS[name]}`);
    const spec = OPTIONS[name];
    if (!spec) throw new UsageError(`unknown option --${name}`);
    let value = "";
    if (spec.takesValue) {
      if (eq > 0) value = a.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i]!;
      else throw new UsageError(`--${name} needs a value`);
      if (spec.integer) {
        const n = Number(value);
        if (!Number.isInteger(n) || n < spec.integer.min || n > spec.integer.max) {
          throw new UsageError(`--${name} must be a whole number from ${spec.integer.min} to ${spec.integer.max} (got "${value}")`);
        }
      }
    } else if (eq > 0) {
      throw new UsageError(`--${name} takes no value`);
    }
    const list = flags.get(name) ?? [];
    if (list.length > 0 && !spec.repeatable) throw new UsageError(`--${name} given twice`);
    list.push(value);
    flags.set(name, list);
  }
  return { positionals, flags };
}

/**
 * True when the command line asks for help (`--help` or `-h`) anywhere before `--`. Checked before a
 * command parses or opens anything, so `clawlink connect --help` never connects. Values of options are
 * skipped (`--message -h` sends "-h"); an unknown option does not stop the scan: help wins over a typo.
 */
export function wantsHelp(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") return false;
    if (a === "--help" || a === "-h") return true;
    if (a.startsWith("--") && !a.includes("=") && OPTIONS[a.slice(2)]?.takesValue) i++;
  }
  return false;
}

export const flag = (p: ParsedArgs, name: string): string | undefined => p.flags.get(name)?.[0];
export const has = (p: ParsedArgs, name: string): boolean => p.flags.has(name);
export const intFlag = (p: ParsedArgs, name: string): number | undefined => (p.flags.has(name) ? Number(flag(p, name)) : undefined);
