// Gateway candidates from the tailnet (issue 13 §5), read off `tailscale status --json` (pure).
// core/discovery/ is where Clawlink finds gateways by itself instead of waiting for an address to be typed
// (mDNS beacons, the tailnet); this file only interprets Tailscale's own peer list, the runner that asks
// for it is tailscale-runner.ts.
//
// What a peer list can and cannot say: Tailscale reports every device in the tailnet, not which one runs
// an OpenClaw gateway, so each online peer that could host one is a *candidate* with the routes the
// gateway docs describe, in their order (docs/gateway/remote.md, tailscale.md):
//   1. Tailscale Serve: `wss://<magicdns>` (HTTPS on 443; the gateway stays on loopback) — the default
//      the docs recommend, and where `gateway.auth.allowTailscale` identity auth applies;
//   2. a tailnet bind: `ws://<host>:18789` (plaintext is allowed to *.ts.net and 100.64/10 addresses);
//   3. SSH to the peer, forwarding its loopback gateway port.
// The host is the MagicDNS name (DNSName without its trailing dot) whenever MagicDNS is on, as the docs
// advise ("prefer MagicDNS / .ts.net names over raw addresses"); a Tailscale IP only when there is no
// name, and then no wss:// route (Serve's certificate is for the name). Offline peers are left out, and
// so are phones and TVs (iOS, Android, tvOS): OpenClaw's mobile apps are nodes, not gateways.
import { DEFAULT_GATEWAY_PORT } from "../../../src-shared/gateway-port.js";

export type TailscaleRoute = { kind: "serve"; target: string } | { kind: "tailnet-bind"; target: string } | { kind: "ssh"; target: string; remotePort: number };

export interface TailscaleCandidate {
  /** The peer's node ID (stable across renames). */
  id: string;
  /** HostName as the device reports it. */
  name: string;
  /** MagicDNS name (no trailing dot), else the first Tailscale IPv4, else the first IP. */
  host: string;
  /** The peer's Tailscale addresses (hints; the host is what to dial). */
  addresses: string[];
  os: string;
  /** Shared into this tailnet from another one (its MagicDNS name is the other tailnet's). */
  shared: boolean;
  tags: string[];
  /** Ways the gateway docs describe to reach a gateway on that peer, preferred first. */
  routes: TailscaleRoute[];
}

export type TailscaleStatus =
  | { ok: true; tailnet: string | null; self: string | null; candidates: TailscaleCandidate[]; offline: number }
  | { ok: false; state: string; message: string; fixHint: string };

/** More peers than any tailnet a person runs; the list stays bounded whatever the input. */
export const MAX_TAILSCALE_PEERS = 500;

const NOT_GATEWAY_OS = new Set(["ios", "android", "tvos"]);

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** A MagicDNS name as the CLI prints it (`desk.tailnet-1234.ts.net.`), trailing dot removed; "" if none. */
export function magicDnsName(dnsName: string): string {
  const n = dnsName.trim().replace(/\.$/, "").toLowerCase();
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(n) ? n : "";
}

function peerCandidate(p: Json, magicDns: boolean, gatewayPort: number): TailscaleCandidate | null {
  if (p.Online !== true || p.Expired === true) return null;
  const os = str(p.OS);
  if (NOT_GATEWAY_OS.has(os.toLowerCase())) return null;
  const addresses = strings(p.TailscaleIPs).slice(0, 4);
  const name = magicDns ? magicDnsName(str(p.DNSName)) : "";
  const host = name || addresses.find((a) => !a.includes(":")) || addresses[0] || "";
  if (!host) return null;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const routes: TailscaleRoute[] = [
    ...(name ? [{ kind: "serve" as const, target: `wss://${name}` }] : []),
    { kind: "tailnet-bind", target: `ws://${urlHost}:${gatewayPort}` },
    { kind: "ssh", target: `ssh://${urlHost}`, remotePort: gatewayPort },
  ];
  return {
    id: str(p.ID) || str(p.PublicKey) || host,
    name: str(p.HostName) || host,
    host,
    addresses,
    os,
    shared: p.ShareeNode === true,
    tags: strings(p.Tags).slice(0, 16),
    routes,
  };
}

/** Interprets `tailscale status --json` output; `gatewayPort` is the port a tailnet bind listens on. */
export function parseTailscaleStatus(jsonText: string, gatewayPort: number = DEFAULT_GATEWAY_PORT): TailscaleStatus {
  let doc: unknown;
  try {
    doc = JSON.parse(jsonText);
  } catch {
    return { ok: false, state: "unreadable", message: "`tailscale status --json` printed something that is not JSON.", fixHint: "Run `tailscale status` in a terminal to see what it says; update Tailscale if it is very old." };
  }
  if (!isObj(doc)) return { ok: false, state: "unreadable", message: "`tailscale status --json` printed no status object.", fixHint: "Run `tailscale status` in a terminal to see what it says." };
  const state = str(doc.BackendState) || "Unknown";
  if (state !== "Running") {
    const login = state === "NeedsLogin" || state === "NeedsMachineAuth";
    return {
      ok: false,
      state,
      message: `Tailscale is not connected on this machine (${state}), so no tailnet peers can be listed.`,
      fixHint: login ? "Log this machine in to your tailnet (`tailscale up` or the Tailscale app), then look again." : "Start Tailscale (`tailscale up` or the Tailscale app), then look again.",
    };
  }
  const tailnet = isObj(doc.CurrentTailnet) ? doc.CurrentTailnet : null;
  const magicDns = tailnet?.MagicDNSEnabled !== false;
  const peers = isObj(doc.Peer) ? Object.values(doc.Peer).filter(isObj).slice(0, MAX_TAILSCALE_PEERS) : [];
  const candidates: TailscaleCandidate[] = [];
  let offline = 0;
  for (const p of peers) {
    const c = peerCandidate(p, magicDns, gatewayPort);
    if (c) candidates.push(c);
    else if (p.Online !== true) offline++;
  }
  candidates.sort((a, b) => Number(a.shared) - Number(b.shared) || a.name.localeCompare(b.name) || a.host.localeCompare(b.host));
  const self = isObj(doc.Self) ? magicDnsName(str(doc.Self.DNSName)) || str(doc.Self.HostName) || null : null;
  return { ok: true, tailnet: str(tailnet?.Name) || str(doc.MagicDNSSuffix) || null, self, candidates, offline };
}
