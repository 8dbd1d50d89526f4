// What a TunnelSupervisor is configured with, and the defaults it fills in. Its own module so the
// supervisor and the parts it drives (tunnel-attempt.ts, ssh-handshake.ts, tunnel-liveness.ts,
// forwarded-connections.ts) share one resolved-options type (split out of tunnel-supervisor.ts, issue 14 §5).
import { DEFAULT_GATEWAY_PORT } from "../../../src-shared/gateway-port.js";
import { stripUndefined } from "../../../src-shared/strip-undefined.js";
import type { SshAuthOptions } from "./ssh-auth.js";
import type { SshTarget } from "./ssh-target.js";
import { DEFAULT_BACKOFF, type BackoffPolicy } from "./tunnel-state.js";

export interface HostKeyPrompt {
  /** `host` or `[host]:port`, as known_hosts names it. */
  host: string;
  port: number;
  keyType: string;
  /** Exactly as OpenSSH prints it: SHA256:<base64>. */
  fingerprint: string;
  /** Which hop of a ProxyJump chain asks ("bastion" before "gateway-host"). */
  hop: string;
}

export interface TunnelSupervisorOptions {
  target: SshTarget;
  remotePort?: number;
  /** 0 (the default): a free port chosen by the kernel — never 18789, which is this machine's own gateway's. */
  preferredLocalPort?: number;
  allowPortFallback?: boolean;
  /** Whose tunnel this is (the profile name), so local mode can say what holds a port (loopback-listener.ts). */
  label?: string;
  /** Also listen on ::1 where the machine has it (default true). */
  ipv6?: boolean;
  /** The user's known_hosts files: read, never written. */
  knownHostsFiles: string[];
  /** Clawlink's own known_hosts: read, and appended to when the person trusts a new host key. */
  appKnownHostsFile: string;
  /** Asked for an unknown host key; resolve true only on an explicit "trust". */
  confirmHostKey?: (p: HostKeyPrompt) => Promise<boolean>;
  auth?: Omit<SshAuthOptions, "hop" | "onPrompt">;
  /** SSH keepalive; defaults to the target's ServerAliveInterval/CountMax, else 15 s × 3. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Our liveness probe: ping after this much silence (ms, 0 disables the probe). */
  livenessIntervalMs?: number;
  /** …and declare the link dead after this much silence. */
  livenessTimeoutMs?: number;
  /** After reportLinkSuspect(), how long a ping may take before the link counts as dead. */
  suspectGraceMs?: number;
  /** TCP connect + SSH handshake + auth, per hop; paused while a person answers a prompt. */
  readyTimeoutMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** How long a local connection waits for the tunnel when SSH is down. */
  pendingConnectionWaitMs?: number;
  now?: () => number;
  random?: () => number;
  /** One line per notable event; never contains a secret. */
  log?: (line: string) => void;
}

/** The options with every default filled in. */
export type ResolvedTunnelOptions = Required<Omit<TunnelSupervisorOptions, "confirmHostKey" | "auth" | "backoff" | "log">> &
  Pick<TunnelSupervisorOptions, "confirmHostKey" | "auth" | "log"> & { backoff: BackoffPolicy };

export function resolveTunnelOptions(opts: TunnelSupervisorOptions): ResolvedTunnelOptions {
  const t = opts.target;
  return {
    remotePort: DEFAULT_GATEWAY_PORT,
    preferredLocalPort: 0,
    allowPortFallback: true,
    label: "a Clawlink tunnel",
    ipv6: true,
    keepaliveIntervalMs: t.serverAliveIntervalS !== undefined ? t.serverAliveIntervalS * 1000 : 15_000,
    keepaliveCountMax: t.serverAliveCountMax ?? 3,
    livenessIntervalMs: 2_000,
    livenessTimeoutMs: 6_000,
    suspectGraceMs: 2_000,
    readyTimeoutMs: t.connectTimeoutS !== undefined ? t.connectTimeoutS * 1000 : 15_000,
    pendingConnectionWaitMs: 5_000,
    now: Date.now,
    random: Math.random,
    ...stripUndefined(opts),
    target: t,
    knownHostsFiles: opts.knownHostsFiles,
    appKnownHostsFile: opts.appKnownHostsFile,
    backoff: { ...DEFAULT_BACKOFF, ...(opts.backoff ?? {}) },
  };
}

