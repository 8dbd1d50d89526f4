// The wide-area DNS-SD domains the app looks up (issue 13 §1): the host API's wideAreaSettings /
// editWideAreaDomains payloads, and the one check of what a person typed, shared by the Add gateway form
// (so it refuses before asking), the host (which checks again: a call may come from anywhere) and
// `clawlink discover --add-domain`. Pure: no node built-ins, so the renderer can use it. A refusal names
// the form's field with the label below ("DNS server: … (nothing was written)"), as the routes form does.
// The domain rule is the gateway's own (its dist: normalizeWideAreaDomain): DNS labels of letters, digits
// and hyphens, ≤ 253 characters, lowercase, no final dot; `local` is multicast DNS, browsed already.
import { z } from "zod";

export const MAX_WIDE_AREA_DOMAINS = 8;
export const WIDE_AREA_ENV = "OPENCLAW_WIDE_AREA_DOMAIN";

export type WideAreaField = "domain" | "dnsServer";
export const WIDE_AREA_FIELD_LABEL: Record<WideAreaField, string> = { domain: "Domain", dnsServer: "DNS server" };

const clean = (s: string, max: number) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "").trim().slice(0, max);

const isLabel = (l: string) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(l);

/** A discovery domain, normalised as the gateway does; or why it is not one. */
export function parseWideAreaDomain(raw: string): { ok: true; domain: string } | { ok: false; message: string } {
  const d = raw.trim().toLowerCase().replace(/\.$/, "");
  if (!d || d.length > 253 || !d.split(".").every(isLabel)) return { ok: false, message: `"${clean(raw, 80)}" is not a DNS domain (letters, digits and hyphens between dots, e.g. openclaw.internal)` };
  if (d === "local") return { ok: false, message: `"local" is multicast DNS, which discover browses already; a wide-area domain is a unicast one such as openclaw.internal` };
  return { ok: true, domain: d };
}

function isIPv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(s) || s.split("::").length > 2) return false;
  const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const all = [...groups(head), ...groups(tail)];
  // An embedded IPv4 address may end the address and counts as two groups.
  const last = all.at(-1);
  const v4 = last !== undefined && last.includes(".");
  if (v4 && !isIPv4(last)) return false;
  const hex = v4 ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const count = hex.length + (v4 ? 2 : 0);
  return tail === undefined ? count === 8 : count <= 7;
}

/** `IP`, `IPv4:PORT` or `[IPv6]:PORT`; null when malformed. Names are refused: resolving the resolver would need a resolver. */
export function parseDnsServer(raw: string): string | null {
  const s = raw.trim();
  if (isIPv4(s) || isIPv6(s)) return s;
  const m = /^\[([0-9a-f:.]+)\]:(\d{1,5})$/i.exec(s) ?? /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(s);
  if (!m || !(isIPv4(m[1]!) || (s.startsWith("[") && isIPv6(m[1]!)))) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? s : null;
}

export const DNS_SERVER_PROBLEM = "takes an IP address with an optional port (127.0.0.1:5300, [fd7a::1]:53), not a name";

/** One change per call: add a domain (with the DNS server to ask for it), or remove one. Shape only; the meaning is checked by checkWideAreaEdit. */
export const WideAreaEditSchema = z.union([
  z.object({ add: z.object({ domain: z.string().max(300), dnsServer: z.string().max(100).optional() }).strict() }).strict(),
  z.object({ remove: z.string().max(300) }).strict(),
]);
export type WideAreaEditInput = z.infer<typeof WideAreaEditSchema>;

/** An edit after the check: a normalised domain, a well-formed server. */
export type WideAreaEdit = { add: { domain: string; dnsServer?: string } } | { remove: string };

export class WideAreaEditRefusal extends Error {
  constructor(
    readonly field: WideAreaField | null,
    message: string,
    readonly fixHint?: string,
  ) {
    super(message);
    this.name = "WideAreaEditRefusal";
  }
}

const refusal = (field: WideAreaField, problem: string) => new WideAreaEditRefusal(field, `${WIDE_AREA_FIELD_LABEL[field]}: ${problem} (nothing was written)`);

/** The typed text as an edit, or the refusal naming its field. */
export function checkWideAreaEdit(input: unknown): { ok: true; edit: WideAreaEdit } | { ok: false; refusal: WideAreaEditRefusal } {
  const shape = WideAreaEditSchema.safeParse(input);
  if (!shape.success) return { ok: false, refusal: refusal("domain", "the change is not one of add or remove") };
  const e = shape.data;
  const raw = "add" in e ? e.add.domain : e.remove;
  if (!raw.trim()) return { ok: false, refusal: refusal("domain", "type a domain such as openclaw.internal") };
  const d = parseWideAreaDomain(raw);
  if (!d.ok) return { ok: false, refusal: refusal("domain", d.message) };
  if ("remove" in e) return { ok: true, edit: { remove: d.domain } };
  const server = e.add.dnsServer?.trim();
  if (!server) return { ok: true, edit: { add: { domain: d.domain } } };
  const s = parseDnsServer(server);
  if (!s) return { ok: false, refusal: refusal("dnsServer", `"${clean(server, 80)}" ${DNS_SERVER_PROBLEM}`) };
  return { ok: true, edit: { add: { domain: d.domain, dnsServer: s } } };
}

/** The field a refusal is about: its message starts with the field's label and a colon. */
export function fieldOfWideAreaRefusal(message: string): WideAreaField | null {
  for (const [field, label] of Object.entries(WIDE_AREA_FIELD_LABEL) as Array<[WideAreaField, string]>) if (message.startsWith(`${label}: `)) return field;
  return null;
}

export const WideAreaSettingsSchema = z.object({
  /** <config dir>/discovery.json, named so a person can find it. */
  file: z.string(),
  /** The file's domains first (removable), then the environment's that are not in the file. */
  domains: z
    .array(z.object({ domain: z.string().max(253), dnsServer: z.string().max(100).nullable(), from: z.enum(["settings", "environment"]) }))
    .max(MAX_WIDE_AREA_DOMAINS * 2),
  /** The file's servers for every domain without its own (none: the system's resolvers). */
  dnsServers: z.array(z.string().max(100)).max(4),
  /** Why the file cannot be read or changed, and what to do; null when fine or absent. */
  problem: z.string().nullable(),
});
export type WideAreaSettings = z.infer<typeof WideAreaSettingsSchema>;

export const WideAreaEditResultSchema = WideAreaSettingsSchema.extend({ changes: z.array(z.string()) });
export type WideAreaEditResult = z.infer<typeof WideAreaEditResultSchema>;
