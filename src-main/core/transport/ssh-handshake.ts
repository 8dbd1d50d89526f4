// The SSH handshake of one hop: an ssh2 Client over a socket or channel, with our host key check
// (ssh-host-key-check.ts), our login (ssh-auth.ts) and our own ready deadline; every outcome is reported
// through the attempt's driver. Split out of tunnel-supervisor.ts (issue 14 §5).
import type net from "node:net";
import type { Client, ClientChannel, ConnectConfig } from "ssh2";
import { ssh2 } from "./ssh2-lazy.js";
import { knownKeyTypesFor, verifyHostKey, type KnownHostEntry } from "./known-hosts.js";
import { describeAttempts, SshAuth, type AuthAttempt } from "./ssh-auth.js";
import { classifySshError } from "./ssh-errors.js";
import { decideHostKey, hostKeyAlgorithmsFor, loadKnownHosts } from "./ssh-host-key-check.js";
import type { SshHop } from "./ssh-target.js";
import { errorContext, type Attempt, type AttemptDriver } from "./tunnel-attempt.js";

/** A logged-in hop, and the login method that worked (null: the server asked for none). */
export interface HandshakeResult {
  client: Client;
  auth: AuthAttempt | null;
}

/** Resolves the ready client, or null when the attempt ended (already reported through `d`). */
export function handshake(d: AttemptDriver, a: Attempt, hop: SshHop, sock: net.Socket | ClientChannel, isFinal: boolean): Promise<HandshakeResult | null> {
  return new Promise((resolve) => {
    const client = new (ssh2().Client)();
    a.clients.push(client);
    const auth = new SshAuth({ ...(d.o.auth ?? {}), hop, onPrompt: (open) => d.prompt(a, hop, open) });
    const entries = loadKnownHosts(d.o.knownHostsFiles, d.o.appKnownHostsFile);
    let settled = false;
    const settle = (r: HandshakeResult | null) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    if (isFinal) sock.on("data", () => (a.lastRx = d.o.now()));
    client.on("ready", () => {
      if (!d.current(a)) return settle(null);
      const ok = auth.succeeded;
      d.o.log?.(`${hop.alias}: logged in with ${ok ? describeAttempts([ok]) : "no authentication"}`);
      settle({ client, auth: ok });
    });
    client.on("error", (err: Error & { level?: string }) => {
      settle(null);
      if (err.level === "client-authentication") {
        d.ended(a, { attention: classifySshError(err, errorContext(hop), describeAttempts(auth.tried, auth.skipped)).attention, retry: false });
        return;
      }
      d.failed(a, err, hop);
    });
    client.on("close", () => {
      settle(null);
      d.failed(a, Object.assign(new Error(`the SSH connection to ${hop.alias} closed`), { code: "ECONNRESET" }), hop);
    });
    try {
      client.connect(connectConfig(d, a, hop, sock, entries, auth));
    } catch (e) {
      settle(null);
      d.failed(a, e as Error, hop);
    }
  });
}

function connectConfig(d: AttemptDriver, a: Attempt, hop: SshHop, sock: net.Socket | ClientChannel, entries: KnownHostEntry[], auth: SshAuth): ConnectConfig {
  const known = knownKeyTypesFor(entries, hop.host, hop.port);
  return {
    sock: sock as ConnectConfig["sock"],
    username: hop.user,
    hostVerifier: hostVerifier(d, a, hop, entries) as unknown as ConnectConfig["hostVerifier"],
    authHandler: auth.handler(),
    // Our own deadline (the supervisor's ready timer) replaces ssh2's: it must pause while a person answers a prompt.
    readyTimeout: 0,
    keepaliveInterval: d.o.keepaliveIntervalMs,
    keepaliveCountMax: d.o.keepaliveCountMax,
    ...(known.length ? { algorithms: { serverHostKey: hostKeyAlgorithmsFor(known) as never } } : {}),
  };
}

/** Callback form only: a Promise-returning verifier is treated as "accept" by ssh2 (ssh2 #1268). */
function hostVerifier(d: AttemptDriver, a: Attempt, hop: SshHop, entries: KnownHostEntry[]) {
  return (key: Buffer, verify: (ok: boolean) => void): void => {
    if (!d.current(a)) return verify(false);
    d.dispatch({ type: "verifying-host", generation: a.generation, hop: hop.alias, now: d.o.now() });
    const verdict = verifyHostKey(entries, hop.host, hop.port, key);
    void decideHostKey(d, a, hop, key, verdict).then((accepted) => {
      if (!d.current(a)) return verify(false);
      if (accepted) d.dispatch({ type: "authenticating", generation: a.generation, hop: hop.alias, now: d.o.now() });
      verify(accepted);
    });
  };
}
