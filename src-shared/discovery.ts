// Gateways found on the network, as the CLI (`clawlink discover`) and the "Add gateway" form see them.
// Plain data only; core/discovery/ builds it from mDNS beacons (`_openclaw-gw._tcp`). Every field that
// came from a TXT record is a hint (docs/gateway/bonjour.md "Security notes"): choosing a candidate fills
// the form, it never authenticates, saves a route or trusts a certificate fingerprint by itself.

/** The TXT keys the gateway publishes (docs/gateway/bonjour.md "TXT keys"), each checked on its own. */
export interface GatewayTxt {
  role?: string;
  transport?: string;
  displayName?: string;
  lanHost?: string;
  gatewayPort?: number;
  gatewayTls?: boolean;
  /** Hint only: never overrides a stored pin; a first-time pin still needs the person's confirmation. */
  gatewayTlsSha256?: string;
  gatewayDirectReachable?: boolean;
  tailnetDns?: string;
  sshPort?: number;
  cliPath?: string;
  /** Keys the gateway does not document, kept for display (capped, printable only). */
  other?: Record<string, string>;
}

/**
 * How to reach a candidate, as the add form would be filled: direct (ws:// where the plaintext rule
 * allows it, wss:// when the gateway has TLS) or SSH to the host (the gateway's port as remotePort).
 */
export type SuggestedRoute =
  | { kind: "direct"; target: string; why: string }
  | { kind: "ssh"; target: string; remotePort: number; why: string };

export interface DiscoveredGateway {
  /** The de-duplication key: the service instance's full name, lowercased. */
  id: string;
  /**
   * mDNS beacon on the local network; a wide-area DNS-SD record (unicast DNS, a configured domain:
   * docs/gateway/bonjour.md "Wide-area Bonjour"); or a Tailscale peer that could host one (not probed).
   */
  source: "mdns" | "wide-area" | "tailscale";
  /** The wide-area DNS-SD domain it was published in (source "wide-area" only). */
  domain?: string;
  /** What to show: the TXT displayName, else the decoded instance name. */
  name: string;
  /** The service instance name, `\DDD` escapes decoded. */
  instance: string;
  /** The resolved service host (SRV target, a `.local` name), else a LAN or MagicDNS name, else an address. */
  host: string;
  /** The resolved service port (SRV), not the TXT gatewayPort hint. */
  port: number;
  /** A/AAAA addresses that came with the answer (hints; capped). */
  addresses: string[];
  tls: boolean;
  txt: GatewayTxt;
  suggested: SuggestedRoute;
  /** When the last answer for it arrived (ms since epoch). */
  lastSeen: number;
}

/** One change in a running browse (`clawlink discover --watch`). */
export type DiscoveryChange =
  | { kind: "up"; gateway: DiscoveredGateway }
  | { kind: "update"; gateway: DiscoveredGateway }
  | { kind: "down"; gateway: DiscoveredGateway };

/** What the "Add gateway" form shows (host API discoverGateways / the discovery event). */
export interface DiscoveryView {
  /** LAN beacons first, then wide-area DNS-SD records, then Tailscale peers; each list in its own order. */
  gateways: DiscoveredGateway[];
  /** Announcements left out because the list is capped. */
  leftOut: number;
  /** The mDNS socket failed (a sentence), or null while browsing works. */
  mdnsError: string | null;
  /**
   * Wide-area DNS-SD: the domains looked up (settings / OPENCLAW_WIDE_AREA_DOMAIN) and one sentence per
   * domain that could not be read. Absent when no domain is configured.
   */
  wideArea?: { domains: string[]; errors: string[] };
  /** Whether Tailscale could be asked: found (its peers are in `gateways`), or why not, in words. */
  tailscale: { state: "found" | "not-found" | "unavailable"; message: string | null };
}
