// What a gateway's hello-ok says, read into our own shapes: how we are connected (ConnectedInfo, with
// the credential's source in words) and which gateway process answered, so a restart can be told from a
// dropped link. Pure; split out of gateway-session.ts (issue 14 §5).
import type { HelloOk } from "@openclaw/gateway-protocol/frame-guards";
import type { ConnectedInfo } from "../../../src-shared/gateway-session.js";
import type { Credential } from "./session-options.js";

export function connectedInfo(hello: HelloOk, creds: { token?: Credential | undefined; password?: Credential | undefined }, now: number): ConnectedInfo {
  const auth = (hello.auth ?? {}) as { method?: string; role?: string; scopes?: string[] };
  const method = typeof auth.method === "string" ? auth.method : null;
  let source: string;
  if (method === "device-token") source = "device token (keychain)";
  else if (method === "token") source = `shared token from ${creds.token?.source ?? "settings"}`;
  else if (method === "password") source = `password from ${creds.password?.source ?? "settings"}`;
  else if (method === "bootstrap-token") source = "setup code (paired; a device token is stored for the next connect)";
  else if (method === "none") source = "none (the gateway's auth mode is none)";
  else source = method ?? "unknown";
  return {
    serverVersion: (hello.server as { version?: string } | undefined)?.version ?? null,
    protocol: hello.protocol,
    connId: (hello.server as { connId?: string } | undefined)?.connId ?? null,
    authMethod: method,
    authSource: source,
    role: auth.role ?? null,
    scopes: Array.isArray(auth.scopes) ? auth.scopes : [],
    connectedAt: now,
  };
}

/** Which gateway process sent a hello: its boot id, else when it booted (from its uptime). */
export interface GatewayProcess {
  id: string | null;
  bootAt: number | null;
}

export function gatewayProcessOf(hello: HelloOk, now: number): GatewayProcess {
  const bootId = (hello.server as { bootId?: unknown } | undefined)?.bootId;
  const uptimeMs = (hello.snapshot as { uptimeMs?: unknown } | undefined)?.uptimeMs;
  return { id: typeof bootId === "string" ? bootId : null, bootAt: typeof uptimeMs === "number" ? now - uptimeMs : null };
}

/** Did the process change between two hellos (server.bootId, else uptime going back)? */
export function isRestart(prev: GatewayProcess | null, next: GatewayProcess): boolean {
  if (prev === null) return false;
  if (next.id !== null && prev.id !== null) return next.id !== prev.id;
  // Without a boot id: uptime is reported in ms at hello; 5 s of slack covers clock and request skew.
  return next.bootAt !== null && prev.bootAt !== null && Math.abs(next.bootAt - prev.bootAt) > 5_000;
}

/** Across the hellos of one session: did the last one come from a new gateway process, and since when? */
export class RestartWatch {
  private last: GatewayProcess | null = null;
  private seenAt: number | null = null;
  private restartedValue = false;

  get restarted(): boolean {
    return this.restartedValue;
  }

  note(hello: HelloOk, now: number): void {
    const next = gatewayProcessOf(hello, now);
    this.restartedValue = isRestart(this.last, next);
    if (this.restartedValue) this.seenAt = now;
    this.last = next;
  }

  sinceSeenMs(now: number): number | null {
    return this.seenAt === null ? null : now - this.seenAt;
  }
}
