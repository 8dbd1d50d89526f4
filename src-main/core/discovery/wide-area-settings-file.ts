// <config dir>/discovery.json, the app's wide-area DNS-SD settings (issue 13 §1):
//   {"version":1,"wideAreaDomains":["openclaw.internal"],"dnsServers":[],"domainDnsServers":{"openclaw.internal":"100.64.0.7"}}
// dnsServers are asked for every domain without its own entry in domainDnsServers (none: the system's
// resolvers, where Tailscale's split DNS sends the domain). One reader for the lookups, the settings form
// and `clawlink discover --add-domain`; one writer for the last two.
// Rules the writer keeps: a change is checked whole first (src-shared/wide-area-settings.ts) and a refusal
// writes nothing; the file is replaced atomically (profiles/atomic-write.ts); fields this version does not
// know stay as they were (a newer Clawlink, or a person, may have put them there); a file that is not
// JSON or not of this shape is never overwritten: the refusal says to fix it or move it aside.
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { MAX_WIDE_AREA_DOMAINS, parseWideAreaDomain, WIDE_AREA_ENV, WIDE_AREA_FIELD_LABEL, WideAreaEditRefusal, type WideAreaEdit, type WideAreaSettings } from "../../../src-shared/wide-area-settings.js";
import { writeFileAtomic } from "../profiles/atomic-write.js";

export const DISCOVERY_SETTINGS_FILE = "discovery.json";

const FileSchema = z.looseObject({
  version: z.literal(1),
  wideAreaDomains: z.array(z.string().max(253)).max(MAX_WIDE_AREA_DOMAINS).default([]),
  dnsServers: z.array(z.string().max(64)).max(4).default([]),
  domainDnsServers: z.record(z.string().max(253), z.string().max(100)).default({}),
});
type FileValue = z.infer<typeof FileSchema>;

export type SettingsRead =
  | { kind: "missing"; file: string }
  | { kind: "ok"; file: string; raw: Record<string, unknown>; value: FileValue }
  /** `why` completes "<file> was ignored: …" / "<file> was not changed: …". */
  | { kind: "problem"; file: string; why: string };

const SHAPE = `{"version":1,"wideAreaDomains":[…],"dnsServers":[…]}`;

export async function readDiscoverySettings(configDir: string): Promise<SettingsRead> {
  const file = path.join(configDir, DISCOVERY_SETTINGS_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? { kind: "missing", file } : { kind: "problem", file, why: `it could not be read (${code ?? String(e)})` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: "problem", file, why: "it is not JSON" };
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version > 1) return { kind: "problem", file, why: `it was written by a newer Clawlink (version ${version})` };
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { kind: "problem", file, why: `it is not ${SHAPE} (${i ? `${i.path.join(".") || "the file"}: ${i.message}` : "invalid"})` };
  }
  return { kind: "ok", file, raw: raw as Record<string, unknown>, value: parsed.data };
}

/** The sentence the lookups and the form show for a file they cannot use. */
export const ignoredWarning = (r: { file: string; why: string }) => `${r.file} was ignored: ${r.why}. Fix it or move it aside; Clawlink does not change it until then.`;

const norm = (d: string) => d.trim().toLowerCase().replace(/\.$/, "");

/** OPENCLAW_WIDE_AREA_DOMAIN as a list (commas or spaces between domains). */
export function envDomains(env: Readonly<Record<string, string | undefined>>): string[] {
  return (env[WIDE_AREA_ENV] ?? "").split(/[\s,]+/).filter(Boolean).slice(0, MAX_WIDE_AREA_DOMAINS);
}

/** What the settings form shows: the file's domains (removable), then the environment's not in the file. */
export function settingsView(r: SettingsRead, env: Readonly<Record<string, string | undefined>>): WideAreaSettings {
  const v = r.kind === "ok" ? r.value : null;
  const own = v?.domainDnsServers ?? {};
  const fromFile = [...new Set((v?.wideAreaDomains ?? []).map(norm).filter(Boolean))].map((domain) => ({ domain, dnsServer: own[domain] ?? null, from: "settings" as const }));
  const fromEnv = envDomains(env)
    .map((raw) => parseWideAreaDomain(raw))
    .flatMap((d) => (d.ok && !fromFile.some((f) => f.domain === d.domain) ? [d.domain] : []));
  return {
    file: r.file,
    domains: [...fromFile, ...[...new Set(fromEnv)].map((domain) => ({ domain, dnsServer: null, from: "environment" as const }))],
    dnsServers: v?.dnsServers ?? [],
    problem: r.kind === "problem" ? ignoredWarning(r) : null,
  };
}

export async function wideAreaSettings(configDir: string, env: Readonly<Record<string, string | undefined>>): Promise<WideAreaSettings> {
  return settingsView(await readDiscoverySettings(configDir), env);
}

// Edits in this process run one after another, so two quick clicks never lose one of the two changes.
let queue: Promise<unknown> = Promise.resolve();

/** Adds or removes one domain in discovery.json; a refusal (WideAreaEditRefusal) writes nothing. */
export function editDiscoverySettings(configDir: string, edit: WideAreaEdit, env: Readonly<Record<string, string | undefined>>): Promise<WideAreaSettings & { changes: string[] }> {
  const run = queue.then(() => applyEdit(configDir, edit, env));
  queue = run.catch(() => undefined);
  return run;
}

const refuse = (problem: string, fixHint?: string) => new WideAreaEditRefusal("domain", `${WIDE_AREA_FIELD_LABEL.domain}: ${problem} (nothing was written)`, fixHint);

async function applyEdit(configDir: string, edit: WideAreaEdit, env: Readonly<Record<string, string | undefined>>): Promise<WideAreaSettings & { changes: string[] }> {
  const r = await readDiscoverySettings(configDir);
  if (r.kind === "problem") {
    throw new WideAreaEditRefusal(null, `${r.file} was not changed: ${r.why} (nothing was written).`, "Fix the file or move it aside, then try again: a missing file is started afresh.");
  }
  const raw: Record<string, unknown> = r.kind === "ok" ? r.raw : { version: 1 };
  const domains = r.kind === "ok" ? [...r.value.wideAreaDomains] : [];
  const own: Record<string, string> = r.kind === "ok" ? { ...r.value.domainDnsServers } : {};
  const at = (d: string) => domains.findIndex((x) => norm(x) === d);
  let change: string;
  if ("add" in edit) {
    const { domain, dnsServer } = edit.add;
    if (at(domain) >= 0) throw refuse(`${domain} is already in the list`, "Remove it first to change its DNS server.");
    if (domains.length >= MAX_WIDE_AREA_DOMAINS) throw refuse(`the list holds at most ${MAX_WIDE_AREA_DOMAINS} domains`, "Remove one first.");
    domains.push(domain);
    if (dnsServer) own[domain] = dnsServer;
    else delete own[domain];
    change = `added ${domain}${dnsServer ? ` (asking ${dnsServer})` : ""}`;
  } else {
    const domain = edit.remove;
    const i = at(domain);
    if (i < 0) {
      const fromEnv = envDomains(env).some((d) => norm(d) === domain);
      throw fromEnv
        ? refuse(`${domain} comes from the environment (${WIDE_AREA_ENV}) and cannot be removed here`, `Unset ${WIDE_AREA_ENV} where Clawlink is started.`)
        : refuse(`${domain} is not in the list`);
    }
    domains.splice(i, 1);
    for (const k of Object.keys(own)) if (norm(k) === domain) delete own[k];
    change = `removed ${domain}`;
  }
  // The known fields change in place (their order kept); every other field is written back as read.
  raw.wideAreaDomains = domains;
  if (Object.keys(own).length || "domainDnsServers" in raw) raw.domainDnsServers = own;
  await fs.mkdir(configDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(r.file, `${JSON.stringify(raw, null, 2)}\n`);
  return { ...(await wideAreaSettings(configDir, env)), changes: [change] };
}
