// The ladder's own small probes for the steps no supervisor exposes: name resolution, a TCP connect, and
// one WebSocket upgrade that waits for the gateway's `connect.challenge`. None of them ever sends a
// credential: the TCP probe sends nothing, and the WebSocket probe sends only the upgrade request (no
// Authorization header, no frame) and closes as soon as it has seen the challenge.
import { createHash } from "node:crypto";
import dns from "node:dns";
import net from "node:net";
import type { TLSSocket } from "node:tls";
import WebSocket from "ws";
import type { Attention, Reason } from "../../../src-shared/attention.js";
import { DEFAULT_GATEWAY_PORT } from "../../../src-shared/gateway-port.js";
import { withGatewayTextHints } from "./outcome.js";

const at = (reason: Reason, message: string, fixHint: string): Attention => ({ reason, message, fixHint });

export type ProbeResult<T = undefined> = { ok: true; detail: string; value: T } | { ok: false; attention: Attention; detail?: string };

const bare = (host: string): string => host.replace(/^\[|\]$/g, "");

/** Resolves a host name the way the connection will (getaddrinfo), or says an IP literal needs nothing. */
export async function probeResolve(host: string, timeoutMs = 5_000): Promise<ProbeResult<string[]>> {
  const h = bare(host);
  if (net.isIP(h)) return { ok: true, detail: `${h} is an IP address (nothing to resolve)`, value: [h] };
  let timer: NodeJS.Timeout | undefined;
  try {
    const addrs = await Promise.race([
      dns.promises.lookup(h, { all: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "EAI_AGAIN" })), timeoutMs);
      }),
    ]);
    const list = addrs.map((a) => a.address);
    return { ok: true, detail: `${h} → ${list.join(", ")}`, value: list };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    const again = code === "EAI_AGAIN";
    return {
      ok: false,
      attention: at(
        "dns-failed",
        `The name ${h} could not be resolved (${code || (e as Error).message})${again ? ": DNS did not answer" : ""}.`,
        "Check the spelling of the host name and your DNS or VPN (Tailscale) connection; `getent hosts " + h + "` shows what this machine resolves.",
      ),
    };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export interface TcpProbeOptions {
  /** Said when nothing listens: for the local profile that is "no gateway is running on this machine". */
  local?: boolean;
  /** What is expected there, for messages ("the gateway", "an SSH server"). */
  what?: string;
  timeoutMs?: number;
}

/** Opens one TCP connection to the first address that accepts, sends nothing, and closes it. */
export async function probeTcp(addresses: string[], port: number, opts: TcpProbeOptions = {}): Promise<ProbeResult<string>> {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const what = opts.what ?? "the gateway";
  const errors: string[] = [];
  let lastCode = "";
  for (const addr of addresses) {
    const r = await new Promise<{ ok: true } | { ok: false; code: string }>((resolve) => {
      const sock = net.connect({ host: addr, port });
      const timer = setTimeout(() => {
        sock.destroy();
        resolve({ ok: false, code: "ETIMEDOUT" });
      }, timeoutMs);
      sock.once("connect", () => {
        clearTimeout(timer);
        sock.destroy();
        resolve({ ok: true });
      });
      sock.once("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ ok: false, code: e.code ?? e.message });
      });
    });
    const hp = net.isIPv6(addr) ? `[${addr}]:${port}` : `${addr}:${port}`;
    if (r.ok) return { ok: true, detail: `connected to ${hp}`, value: addr };
    lastCode = r.code;
    errors.push(`${hp} ${r.code}`);
  }
  const where = errors.join(", ");
  if (lastCode === "ECONNREFUSED") {
    if (opts.local) {
      return {
        ok: false,
        attention: at(
          "no-local-gateway",
          `No gateway is running on this machine: nothing listens on ${where.replace(/ ECONNREFUSED/g, "")}.`,
          "Start it with `openclaw gateway` (or start the installed service: `openclaw gateway status` shows how), or check gateway.port in ~/.openclaw/openclaw.json.",
        ),
      };
    }
    return {
      ok: false,
      attention: at("tcp-refused", `Nothing is listening on ${where.replace(/ ECONNREFUSED/g, "")} (connection refused).`, `Check the port, and that ${what} is running and listening on that address (not only on loopback of the other machine).`),
    };
  }
  if (lastCode === "ETIMEDOUT") {
    return { ok: false, attention: at("tcp-timeout", `No answer from ${where.replace(/ ETIMEDOUT/g, "")} within ${timeoutMs} ms.`, "A firewall may be dropping the connection, or the host is down or on another network (VPN?).") };
  }
  if (/^E(HOST|NET)UNREACH|ENETDOWN|EADDRNOTAVAIL/.test(lastCode)) {
    return { ok: false, attention: at("tcp-unreachable", `No route to ${where}.`, "Check that you are on the right network or VPN.") };
  }
  return { ok: false, attention: at("tcp-failed", `Could not connect to ${where}.`, "Check the address and your network.") };
}

export interface WsProbeOptions {
  /** wss: the pin the TLS step settled on (64 hex); the upgrade is refused if the server presents another. */
  tlsFingerprint?: string;
  handshakeTimeoutMs?: number;
  challengeTimeoutMs?: number;
}

export interface WsProbeResult {
  websocket: ProbeResult<undefined> & { ms: number };
  /** Absent when the upgrade already failed. */
  challenge?: ProbeResult<undefined> & { ms: number };
}

const notGateway = (message: string, fixHint = `Check the port: an OpenClaw gateway listens on ${DEFAULT_GATEWAY_PORT} by default (\`openclaw gateway status\` on the gateway host shows its address).`): Attention =>
  at("not-a-gateway", message, fixHint);

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The upgrade was answered with an HTTP response instead of 101. */
function refusedUpgrade(where: string, res: { statusCode?: number; statusMessage?: string; headers: Record<string, string | string[] | undefined> }): Attention {
  const status = `HTTP ${res.statusCode ?? "?"}${res.statusMessage ? ` ${res.statusMessage}` : ""}`;
  const server = res.headers["server"] ? ` (Server: ${String(res.headers["server"]).slice(0, 60)})` : "";
  if (res.statusCode === 503) {
    return at("gateway-unavailable", `${where} refused the WebSocket upgrade with ${status}: the gateway is starting or shutting down.`, "Wait a few seconds and try again; if it persists, check the gateway log (`openclaw logs`).");
  }
  return notGateway(
    `Something other than an OpenClaw gateway answers on ${where}: an HTTP server replied ${status}${server} instead of accepting the WebSocket upgrade.`,
    `Check the port (the gateway listens on ${DEFAULT_GATEWAY_PORT} by default) and, behind a reverse proxy, that it forwards WebSocket upgrades (Upgrade/Connection headers) to the gateway.`,
  );
}

/** Whether a gateway's first frame is the `connect.challenge` event (with its nonce). */
function isConnectChallenge(text: string): boolean {
  type Frame = { type?: unknown; event?: unknown; payload?: { nonce?: unknown } };
  let frame: Frame | null;
  try {
    frame = JSON.parse(text) as Frame | null;
  } catch {
    frame = null;
  }
  return Boolean(frame && typeof frame === "object" && frame.type === "event" && frame.event === "connect.challenge" && typeof frame.payload?.nonce === "string");
}

/** The WebSocket was open and closed before the challenge came. */
function closedBeforeChallenge(where: string, code: number, reason: string): Attention {
  const base =
    code === 1012 || code === 1013
      ? at("gateway-unavailable", `${where} closed the connection before the challenge (${code}${reason ? `: ${reason}` : ""}): the gateway is restarting or still starting.`, "Wait a few seconds and try again.")
      : at("challenge-closed", `${where} closed the WebSocket before sending connect.challenge (${code}${reason ? `: ${reason}` : ""}).`, "Check the gateway log (`openclaw logs`) for why it dropped the connection.");
  return withGatewayTextHints(base, [reason]);
}

/** The upgrade failed with a socket error (no HTTP answer at all). */
function upgradeError(where: string, e: Error & { code?: string }, handshakeTimeoutMs: number): Attention {
  const msg = e.message ?? String(e);
  if (/handshake has timed out/i.test(msg)) {
    return notGateway(`${where} accepted the TCP connection but did not answer the WebSocket upgrade within ${handshakeTimeoutMs} ms: whatever listens there is not an OpenClaw gateway.`);
  }
  if (/parse error|invalid http|expected http|HPE_/i.test(`${msg} ${e.code ?? ""}`)) {
    return notGateway(`Something other than an OpenClaw gateway answers on ${where}: the reply to the WebSocket upgrade is not HTTP (${msg}).`, `Check the port: another service (SSH, a database, an echo server, a TLS port reached with ws://) is listening there; the gateway listens on ${DEFAULT_GATEWAY_PORT} by default.`);
  }
  if (e.code === "ECONNRESET" || /socket hang up/i.test(msg)) {
    return notGateway(`${where} closed the connection without answering the WebSocket upgrade (${msg}).`, `Check the port and the scheme: a TLS-only endpoint needs wss://, and the gateway listens on ${DEFAULT_GATEWAY_PORT} by default.`);
  }
  if (e.code === "ECONNREFUSED") return at("tcp-refused", `Nothing is listening on ${where} any more (connection refused).`, "Is the gateway running? Try again.");
  return at("websocket-failed", `The WebSocket upgrade to ${where} failed: ${msg}.`, "Check the address and the network.");
}

/**
 * One WebSocket upgrade to `url`, then waits for the first frame, which from an OpenClaw gateway is the
 * `connect.challenge` event. Sends nothing but the upgrade request; closes right after.
 */
export function probeWebSocket(url: string, opts: WsProbeOptions = {}): Promise<WsProbeResult> {
  const handshakeTimeoutMs = opts.handshakeTimeoutMs ?? 5_000;
  const challengeTimeoutMs = opts.challengeTimeoutMs ?? 5_000;
  const where = hostOf(url);
  return new Promise((resolve) => {
    const t0 = performance.now();
    let tOpen = 0;
    let done = false;
    let challengeTimer: NodeJS.Timeout | undefined;
    const ws = new WebSocket(url, {
      handshakeTimeout: handshakeTimeoutMs,
      perMessageDeflate: false,
      followRedirects: false,
      // wss: the TLS step already decided the pin; here we compare the leaf ourselves (below).
      ...(url.startsWith("wss:") ? { rejectUnauthorized: false } : {}),
    });
    const finish = (r: WsProbeResult) => {
      if (done) return;
      done = true;
      if (challengeTimer) clearTimeout(challengeTimer);
      ws.removeAllListeners();
      ws.on("error", () => {});
      if (ws.readyState === WebSocket.OPEN) ws.close(1000, "clawlink probe");
      else ws.terminate();
      resolve(r);
    };
    const upgradeFailed = (attention: Attention, detail?: string) => finish({ websocket: { ok: false, attention, ms: performance.now() - t0, ...(detail ? { detail } : {}) } });
    const challengeFailed = (attention: Attention) =>
      finish({ websocket: { ok: true, detail: `WebSocket upgrade accepted by ${where}`, value: undefined, ms: tOpen - t0 }, challenge: { ok: false, attention, ms: performance.now() - tOpen } });

    ws.on("upgrade", (res) => {
      if (!opts.tlsFingerprint) return;
      const sock = res.socket as TLSSocket;
      const raw = typeof sock.getPeerCertificate === "function" ? sock.getPeerCertificate(false)?.raw : undefined;
      const seen = raw ? createHash("sha256").update(raw).digest("hex") : null;
      if (seen !== opts.tlsFingerprint) {
        upgradeFailed(at("tls-pin-mismatch", `${where} presented a different certificate on the WebSocket connection than the pinned one; nothing was sent.`, "Someone may be intercepting the connection, or the certificate changed between two connections; run the probe again."));
      }
    });
    ws.on("unexpected-response", (_req, res) => {
      res.resume();
      upgradeFailed(refusedUpgrade(where, res));
    });
    ws.on("open", () => {
      tOpen = performance.now();
      challengeTimer = setTimeout(
        () =>
          challengeFailed(
            notGateway(
              `${where} accepted the WebSocket connection but sent no connect.challenge within ${challengeTimeoutMs} ms: it is not an OpenClaw gateway (or a proxy in front of it swallows frames).`,
            ),
          ),
        challengeTimeoutMs,
      );
    });
    ws.on("message", (data) => {
      const text = data.toString();
      if (isConnectChallenge(text)) {
        finish({
          websocket: { ok: true, detail: `WebSocket upgrade accepted by ${where}`, value: undefined, ms: tOpen - t0 },
          challenge: { ok: true, detail: "connect.challenge received (the gateway is speaking)", value: undefined, ms: performance.now() - tOpen },
        });
        return;
      }
      const shown = text.replace(/\s+/g, " ").slice(0, 80);
      challengeFailed(notGateway(`${where} accepted the WebSocket connection but its first message was not connect.challenge ("${shown}"): it is not an OpenClaw gateway.`));
    });
    ws.on("close", (code, reasonBuf) => {
      const reason = reasonBuf.toString();
      if (!tOpen) upgradeFailed(notGateway(`${where} closed the connection during the WebSocket upgrade (${code}${reason ? ` ${reason}` : ""}).`));
      else challengeFailed(closedBeforeChallenge(where, code, reason));
    });
    ws.on("error", (e: Error & { code?: string }) => {
      if (tOpen) {
        challengeFailed(at("challenge-closed", `The WebSocket to ${where} failed before connect.challenge: ${e.message}.`, "Check the network and the gateway log (`openclaw logs`)."));
        return;
      }
      upgradeFailed(upgradeError(where, e, handshakeTimeoutMs));
    });
  });
}
