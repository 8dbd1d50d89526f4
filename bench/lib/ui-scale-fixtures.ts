// Benchmark 12's host state: N configured profiles, `live` of them with a connection in a realistic mix
// of states (mostly connected, some reconnecting after a lost link, a rejected token, a pairing waiting
// for approval, one mid-connect, one stopped), the rest configured but not connected. Profiles are
// mostly SSH, every fourth a direct URL, one "this machine". Deterministic per index, so ours and the
// bare page get byte-for-byte the same state, and the tray gets the same profiles and snapshots.
import type { ConnectionSnapshot, OverallState } from "../../src-shared/connection.js";
import type { GatewayStatus } from "../../src-shared/gateway-session.js";
import type { HostState, ProfileView } from "../../src-shared/host-api.js";
import { connectionSnapshot } from "../../src-shared/testing/connection-snapshot.js";

const SITES = ["prod-eu", "prod-us", "staging", "lab", "home", "edge", "ci-runner", "office"];
// Per 20 live connections: 12 connected, 2 reconnecting, 2 needs-attention, 1 pairing, 1 ssh-connecting, 1 handshaking, 1 stopped.
const MIX: OverallState[] = ["connected", "connected", "reconnecting", "connected", "needs-attention", "connected", "connected", "pairing-required", "connected", "ssh-connecting", "connected", "reconnecting", "connected", "connected", "needs-attention", "connected", "handshaking", "connected", "stopped", "connected"];

export const profileId = (i: number): string => `gw-${String(i).padStart(3, "0")}`;

function kindOf(i: number): ProfileView["kind"] {
  return i === 2 ? "local" : i % 4 === 1 ? "direct" : "ssh";
}

export function profileView(i: number): ProfileView {
  const kind = kindOf(i);
  const site = SITES[i % SITES.length]!;
  return {
    id: profileId(i),
    name: kind === "local" ? "This machine" : `${site}-${Math.floor(i / SITES.length) + 1} gateway`,
    kind,
    connectAtStart: i % 3 !== 0,
    authMode: "token",
    importedFrom: null,
    ssh: kind === "ssh" ? { target: `ops@${site}-${i}.example.net`, identityFile: null, remotePort: 18789, localPort: null } : null,
    direct: kind === "direct" ? { url: `wss://${site}-${i}.example.net`, tlsPinned: i % 8 === 1 } : null,
    local: kind === "local" ? { port: null } : null,
    stored: { token: true, password: false },
    credential: { token: "keychain", password: null, missing: null },
  };
}

const attention = (reason: "ssh-link-lost" | "auth-token-mismatch" | "pairing-required", message: string) => ({ reason, message, fixHint: "See the profile's Status tab." });

/** Profile i's connection in `state` (seq given, so a change can be recognised at the page's socket). */
export function snapshot(i: number, state: OverallState, seq: number, now = Date.now()): ConnectionSnapshot {
  const p = profileView(i);
  const base = { id: p.id, name: p.name, kind: p.kind, seq, updatedAt: now, url: p.direct?.url ?? null, localPort: p.kind === "ssh" ? 40_000 + i : null, sshAuth: p.kind === "ssh" ? "publickey" : null };
  switch (state) {
    case "connected":
      return connectionSnapshot({ ...base, state, layer: "gateway", connected: { serverVersion: "2026.9.6", protocol: 3, connId: `c${i}`, authMethod: "token", authSource: "keychain", role: "operator", scopes: ["operator.read", "operator.write"], connectedAt: now - i * 60_000 } });
    case "reconnecting":
      return connectionSnapshot({ ...base, state, layer: "transport", attempt: 1 + (i % 4), nextAttemptAt: now + 2_000, attention: attention("ssh-link-lost", "The SSH link was lost.") });
    case "needs-attention":
      return connectionSnapshot({ ...base, state, layer: "gateway", attention: attention("auth-token-mismatch", "The gateway rejected the token.") });
    case "pairing-required":
      return connectionSnapshot({ ...base, state, layer: "gateway", attention: attention("pairing-required", "This device waits for approval."), pairing: { requestId: `req-${i}`, reason: "not-paired", approveCommand: `openclaw devices approve req-${i}`, since: now - 30_000 } });
    case "stopped":
      return connectionSnapshot({ ...base, state, layer: null });
    case "idle":
      return connectionSnapshot({ ...base, state, layer: null });
    case "waiting-for-gateway":
      return connectionSnapshot({ ...base, state, layer: null, attention: { reason: "no-local-gateway", message: "No gateway runs on this machine.", fixHint: "Start one with openclaw gateway." } });
    default:
      return connectionSnapshot({ ...base, state, layer: "transport" });
  }
}

/** Which profiles are live: all of them up to `live`, spread over the list when fewer than N. */
export function liveIndexes(n: number, live: number): number[] {
  const step = n / Math.min(n, live);
  return Array.from({ length: Math.min(n, live) }, (_, k) => Math.floor(k * step));
}

function status(i: number, now: number): GatewayStatus {
  return { serverVersion: "2026.9.6", uptimeMs: 3_600_000 + i * 1000, health: { ok: true }, status: { sessions: 1 + (i % 5) }, presence: [], authMethod: "token", authSource: "keychain", latencyMs: 8 + (i % 30), updatedAt: now };
}

/** The host state of a fleet: n profiles, `live` connections in the mix above, statuses for the connected ones. */
export function fleetState(n: number, live: number): HostState {
  const now = Date.now();
  const connections = liveIndexes(n, live).map((i, k) => snapshot(i, MIX[k % MIX.length]!, 1, now));
  return {
    app: { name: "Clawlink", version: "bench", platform: "linux", host: "web", secretStore: "keychain" },
    profiles: Array.from({ length: n }, (_, i) => profileView(i)),
    connections,
    statuses: connections.filter((c) => c.state === "connected").map((c) => ({ profileId: c.id, status: status(Number(c.id.slice(3)), now) })),
    prompts: [],
    notices: [],
  };
}

/** The state a row moves to next: always a different one, as a live fleet's rows do (drop, come back, connect). */
export function nextState(current: OverallState | undefined, kind: ProfileView["kind"]): OverallState {
  switch (current) {
    case "connected":
      return "reconnecting";
    case "reconnecting":
    case "ssh-connecting":
    case "handshaking":
    case "connecting":
    case "pairing-required":
      return "connected";
    case "needs-attention":
      return "handshaking";
    default:
      return kind === "ssh" ? "ssh-connecting" : "connecting";
  }
}
