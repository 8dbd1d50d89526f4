// The vocabulary a connection is described and run with: what to connect to (ConnectionSpec), the
// questions only a person can answer (Prompts) and what a supervisor is given (SupervisorDeps). Its own
// module because the orchestrator, the diagnostics ladder, the CLI and the host all import these types,
// and none of them should have to load the connection supervisor to get them (issue 14 §5).
import type { Credential } from "../gateway/gateway-session.js";
import type { ReconnectPolicy } from "../gateway/session-state.js";
import type { Logger } from "../log/logger.js";
import type { SecretStore } from "../secrets/secret-store.js";
import type { PassphraseAnswer, PassphraseRequest } from "../transport/ssh-auth.js";
import type { ConfirmTlsTrust } from "../transport/tls-pin.js";
import type { HostKeyPrompt, TunnelSupervisorOptions } from "../transport/tunnel-supervisor.js";
import type { RouteSpec } from "./route-spec.js";

/** What to connect to: a saved profile or a target given on the command line, already resolved. */
export interface ConnectionSpec {
  id: string;
  name: string;
  kind: "local" | "ssh" | "direct";
  /** local / direct: the gateway URL as entered (http(s) and #token= are handled by the direct plan). */
  url?: string;
  /** direct: an explicit TLS pin (any accepted format). */
  tlsFingerprint?: string;
  ssh?: {
    target: string;
    identityFile?: string;
    remotePort?: number;
    localPort?: number;
    /** localPort unset: the port an earlier connect got; and this machine's gateway port (18789), never taken (forward-port.ts). */
    rememberedLocalPort?: number;
    ownGatewayPort?: number;
    keepaliveIntervalS?: number;
    keepaliveCountMax?: number;
    /** Extra known_hosts files to trust (read only). */
    knownHostsFiles?: string[];
  };
  token?: Credential;
  password?: Credential;
  /** A pasted setup code's bootstrap token: pairs this device on the first connect (memory only). */
  bootstrapToken?: Credential;
  /** Stable identity of the gateway for device tokens (profile id, or the URL/SSH target). */
  gatewayKey: string;
  /** A profile's uid: its pins, SSH passwords, passphrases and device tokens are keyed by it (profile-keychain.ts). */
  secretScope?: string;
  /** Issue 13 §3: every way to this gateway in order, route 0 first (the fields above); two or more turn failover on (route-runner.ts). */
  routes?: RouteSpec[];
  /** While on a fallback route: how often the preferred ones are probed (default DEFAULT_RETURN_CHECK_MS). */
  returnCheckMs?: number;
}

/** Which connection is asking: several can be connecting at once, each may need its own answer. */
export interface PromptOrigin {
  connectionId: string;
  name: string;
}

/** Questions only a person can answer. Absent → the answer is "no" (batch mode). */
export interface Prompts {
  confirmHostKey?: (p: HostKeyPrompt, origin?: PromptOrigin) => Promise<boolean>;
  confirmTls?: (p: Parameters<ConfirmTlsTrust>[0], origin?: PromptOrigin) => Promise<boolean>;
  askPassphrase?: (req: PassphraseRequest, origin?: PromptOrigin) => Promise<PassphraseAnswer | null>;
}

/** The prompts as the transports call them (one argument), told which connection is asking. */
export interface BoundPrompts {
  confirmHostKey?: (p: HostKeyPrompt) => Promise<boolean>;
  confirmTls?: ConfirmTlsTrust;
  askPassphrase?: (req: PassphraseRequest) => Promise<PassphraseAnswer | null>;
}

export function bindPrompts(p: Prompts, origin: PromptOrigin): BoundPrompts {
  return {
    ...(p.confirmHostKey ? { confirmHostKey: (q: HostKeyPrompt) => p.confirmHostKey!(q, origin) } : {}),
    ...(p.confirmTls ? { confirmTls: (q: Parameters<ConfirmTlsTrust>[0]) => p.confirmTls!(q, origin) } : {}),
    ...(p.askPassphrase ? { askPassphrase: (q: PassphraseRequest) => p.askPassphrase!(q, origin) } : {}),
  };
}

export interface SupervisorDeps {
  secrets: SecretStore;
  logger: Logger;
  prompts: Prompts;
  /** Clawlink's config dir: its own known_hosts lives here. */
  configDir: string;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  /** Overrides for tests and benchmarks (liveness intervals, backoff). */
  tunnel?: Partial<Omit<TunnelSupervisorOptions, "target">>;
  sessionPolicy?: Partial<ReconnectPolicy>;
  /** Keeps the local port a forward was given, so the next connect (and restart) asks for it again. */
  rememberLocalPort?: (connectionId: string, port: number) => void | Promise<void>;
}

/** Something a person should see that is not a state (e.g. a certificate renewal that was followed). */
export interface ConnectionNotice {
  level: "info" | "warn";
  message: string;
}
