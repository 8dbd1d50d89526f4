// `clawlink discover --add-domain D [--dns-server IP[:PORT]]` and `--remove-domain D` (issue 13 §1): the
// wide-area DNS-SD domains the app's "Add gateway" form and a plain `clawlink discover` look up, kept in
// <config dir>/discovery.json, edited through the same core and check as the form
// (discovery/wide-area-settings-file.ts, src-shared/wide-area-settings.ts): a refusal names the field
// and writes nothing (exit 2); a malformed file is kept and the message says what to do. Prints the list
// after the change (one JSON object with --json). Flags on `discover`, as routes are flags on `profiles
// edit` (--add-route / --remove-route): they sit beside --domain / --dns-server, which they make lasting.
import { checkWideAreaEdit, WideAreaEditRefusal, type WideAreaSettings } from "../../../../src-shared/wide-area-settings.js";
import { resolveConfigDir } from "../../profiles/config-dir.js";
import { editDiscoverySettings } from "../../discovery/wide-area-settings-file.js";
import { flag, has, type ParsedArgs } from "../args.js";
import type { CliIO } from "../context.js";
import { EXIT } from "../exit-codes.js";

export const discoverConfigDir = (args: ParsedArgs, env: NodeJS.ProcessEnv): string => resolveConfigDir({ ...(flag(args, "config-dir") ? { explicit: flag(args, "config-dir")! } : {}), env }).dir;

/** The domains as lines: `<domain>  asking <server>|the system's DNS  [from OPENCLAW_WIDE_AREA_DOMAIN]`. */
export function formatDomains(s: WideAreaSettings): string {
  if (!s.domains.length) return `no wide-area domain (${s.file})`;
  return s.domains
    .map((d) => `${d.domain}  asking ${d.dnsServer ?? (s.dnsServers.length ? s.dnsServers.join(", ") : "the system's DNS")}${d.from === "environment" ? "  (from OPENCLAW_WIDE_AREA_DOMAIN)" : ""}`)
    .join("\n");
}

/** Runs --add-domain / --remove-domain; null when neither was given (the command browses instead). */
export async function editDomainsCommand(args: ParsedArgs, io: CliIO): Promise<number | null> {
  const add = flag(args, "add-domain");
  const remove = flag(args, "remove-domain");
  if (add === undefined && remove === undefined) return null;
  const say = (m: string) => io.stderr(`clawlink discover: ${m}`);
  if (add !== undefined && remove !== undefined) {
    say("--add-domain and --remove-domain: one change per run");
    return EXIT.usage;
  }
  const servers = args.flags.get("dns-server") ?? [];
  if (remove !== undefined && servers.length) {
    say("--dns-server goes with --add-domain (a removed domain's server goes with it)");
    return EXIT.usage;
  }
  if (servers.length > 1) {
    say("--add-domain takes one --dns-server (the server asked for that domain)");
    return EXIT.usage;
  }
  const checked = checkWideAreaEdit(add !== undefined ? { add: { domain: add, ...(servers[0] ? { dnsServer: servers[0] } : {}) } } : { remove: remove! });
  try {
    if (!checked.ok) throw checked.refusal;
    const r = await editDiscoverySettings(discoverConfigDir(args, io.env), checked.edit, io.env);
    if (has(args, "json")) io.stdout(JSON.stringify(r));
    else {
      say(`${r.changes.join("; ")} (${r.file})`);
      io.stdout(formatDomains(r));
    }
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof WideAreaEditRefusal)) throw e;
    say(`${e.message}${e.fixHint ? ` ${e.fixHint}` : ""}`);
    return EXIT.usage;
  }
}
