// One mDNS service record (what bonjour-service's browser assembles from PTR + SRV + TXT + A/AAAA)
// turned into a discovery candidate (pure). Host choice follows the gateway's docs
// (docs/gateway/bonjour.md, discovery.md): route by the resolved service endpoint (the SRV target, a
// `.local` name) rather than TXT hints, and prefer names (LAN `.local`, MagicDNS `.ts.net`) over raw
// addresses. The suggested route is the add form's: ws:// only where the plaintext rule allows it and
// the gateway says it is directly reachable, wss:// when it has TLS, else SSH to the host.
import net from "node:net";
import type { DiscoveredGateway, SuggestedRoute } from "../../../src-shared/discovery.js";
import { plaintextTrustReason } from "../transport/plaintext-rule.js";
import { isHostName, parseGatewayTxt, printable } from "./mdns-txt.js";

export const GATEWAY_SERVICE_TYPE = "openclaw-gw";
const SERVICE_SUFFIX = `._${GATEWAY_SERVICE_TYPE}._tcp.`;
const MAX_ADDRESSES = 8;

/** The fields of a bonjour-service `Service` this reads; anything may be missing or malformed. */
export interface MdnsServiceRecord {
  fqdn?: unknown;
  host?: unknown;
  port?: unknown;
  addresses?: unknown;
  rawTxt?: unknown;
  lastSeen?: unknown;
}

/** Decodes DNS-SD `\DDD` (decimal byte) and `\X` escapes in an instance name, e.g. `My\032Desk`. */
export function decodeDnsEscapes(label: string): string {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < label.length; i++) {
    const m = label[i] === "\\" ? /^\\(\d{3}|[^\d])/.exec(label.slice(i)) : null;
    if (m) {
      const v = /^\d{3}$/.test(m[1]!) ? Number(m[1]) : m[1]!.charCodeAt(0);
      if (v < 256) bytes.push(v);
      i += m[0].length - 1;
      continue;
    }
    const cp = label.codePointAt(i)!;
    if (cp > 0xffff) i++;
    bytes.push(...enc.encode(String.fromCodePoint(cp)));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** The instance part of `<instance>._openclaw-gw._tcp.<domain>`, or null when it is not that type. */
export function instanceOf(fqdn: string): string | null {
  const at = fqdn.toLowerCase().lastIndexOf(SERVICE_SUFFIX);
  if (at <= 0) return null;
  const name = printable(decodeDnsEscapes(fqdn.slice(0, at)), 128);
  return name || null;
}

function cleanAddresses(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const ips = v.filter((a): a is string => typeof a === "string" && net.isIP(a) !== 0);
  // IPv4 first (the one a person recognises), then IPv6; no duplicates.
  return [...new Set([...ips.filter((a) => net.isIPv4(a)), ...ips.filter((a) => net.isIPv6(a))])].slice(0, MAX_ADDRESSES);
}

/** A name beats an address: the SRV target, then the MagicDNS and LAN hints, then an address. */
function chooseHost(srvTarget: unknown, tailnetDns: string | undefined, lanHost: string | undefined, addresses: string[]): string | null {
  const target = typeof srvTarget === "string" ? srvTarget.trim().toLowerCase().replace(/\.$/, "") : "";
  if (target && net.isIP(target) === 0 && isHostName(target)) return target;
  if (tailnetDns) return tailnetDns;
  if (lanHost) return lanHost;
  if (net.isIP(target) !== 0) return target;
  return addresses[0] ?? null;
}

const hostPort = (host: string, port: number): string => `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;

const TRUSTED_AS = { loopback: "loopback", "private-address": "private address", "local-name": ".local name", "tailnet-name": ".ts.net name" } as const;

/** The add form's route for a candidate (see the file comment). */
export function suggestRoute(host: string, port: number, tls: boolean, directReachable: boolean, sshPort?: number): SuggestedRoute {
  if (tls) return { kind: "direct", target: `wss://${hostPort(host, port)}`, why: "the gateway serves TLS" };
  const trust = plaintextTrustReason(host);
  if (trust && directReachable) return { kind: "direct", target: `ws://${hostPort(host, port)}`, why: `plain ws:// is allowed to a ${TRUSTED_AS[trust]}` };
  const bare = net.isIPv6(host) ? `[${host}]` : host;
  const target = sshPort && sshPort !== 22 ? `ssh://${bare}:${sshPort}` : `ssh://${bare}`;
  const why = !directReachable
    ? "the gateway does not say it is directly reachable (it listens on loopback): tunnel to it over SSH"
    : "plain ws:// to this host is refused and the gateway has no TLS: tunnel to it over SSH";
  return { kind: "ssh", target, remotePort: port, why };
}

/** The de-duplication key of a record: its full instance name, lowercased, without the final dot. */
export function recordId(fqdn: string): string {
  return fqdn.toLowerCase().replace(/\.$/, "");
}

/** The candidate for one record, or null when it has no usable instance name, host or port. */
export function toCandidate(rec: MdnsServiceRecord, now: number = Date.now()): DiscoveredGateway | null {
  if (typeof rec.fqdn !== "string") return null;
  const instance = instanceOf(rec.fqdn);
  const port = typeof rec.port === "number" && Number.isInteger(rec.port) && rec.port >= 1 && rec.port <= 65535 ? rec.port : null;
  if (!instance || !port) return null;
  const txt = parseGatewayTxt(rec.rawTxt);
  const addresses = cleanAddresses(rec.addresses);
  const host = chooseHost(rec.host, txt.tailnetDns, txt.lanHost, addresses);
  if (!host) return null;
  const tls = txt.gatewayTls === true;
  return {
    id: recordId(rec.fqdn),
    source: "mdns",
    name: txt.displayName ?? instance,
    instance,
    host,
    port,
    addresses,
    tls,
    txt,
    suggested: suggestRoute(host, port, tls, txt.gatewayDirectReachable === true, txt.sshPort),
    lastSeen: typeof rec.lastSeen === "number" && Number.isFinite(rec.lastSeen) ? rec.lastSeen : now,
  };
}
