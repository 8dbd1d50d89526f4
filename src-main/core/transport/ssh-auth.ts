// Client authentication for one SSH hop, as an ssh2 authHandler: agent first, then key files (an
// encrypted key asks for its passphrase through a callback), then the password from the keychain.
// It records every method it tried, so the supervisor can say which one worked, or list them all when
// the server refused every one. ssh2 only calls the authHandler after hostVerifier has accepted the
// host key, so nothing here runs (no passphrase prompt, no signature, no password) for an unverified host.
import fs from "node:fs";
import type { AnyAuthMethod, AuthenticationType, AuthHandlerMiddleware, BaseAgent, ParsedKey } from "ssh2";
import { ssh2 } from "./ssh2-lazy.js";
import { SECRET_SERVICES, type SecretKey, type SecretStore } from "../secrets/secret-store.js";
import { defaultIdentityFiles, type SshHop } from "./ssh-target.js";

export type AuthMethodKind = "agent" | "publickey" | "password";

export interface AuthAttempt {
  method: AuthMethodKind;
  /** Agent socket, key file path, or "user@host" for a password; never the secret itself. */
  detail: string;
}

export interface PassphraseRequest {
  keyFile: string;
  /** 1 for the first ask; higher after a wrong passphrase. */
  attempt: number;
}

export interface PassphraseAnswer {
  passphrase: string;
  /** Store it in the keychain for next time (only when the person opted in). */
  remember?: boolean;
}

export interface SshAuthOptions {
  hop: SshHop;
  store?: SecretStore;
  /** Asks for a key's passphrase; resolve null to skip that key. */
  askPassphrase?: (req: PassphraseRequest) => Promise<PassphraseAnswer | null>;
  /** Try the keychain's SSH password for this user@host (default true when a store is given). */
  usePassword?: boolean;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homeDir?: string;
  /** Called around prompts so the supervisor can pause its handshake deadline while a person types. */
  onPrompt?: (open: boolean) => void;
}

export function sshPasswordKey(hop: Pick<SshHop, "user" | "host" | "port">): SecretKey {
  return { service: SECRET_SERVICES.sshPassword, account: `${hop.user}@${hop.host}:${hop.port}` };
}

export function sshPassphraseKey(keyFile: string): SecretKey {
  return { service: SECRET_SERVICES.sshPassphrase, account: keyFile };
}

/** Where the agent is: IdentityAgent, else SSH_AUTH_SOCK, else on Windows the OpenSSH pipe / Pageant. */
export function agentSockets(hop: SshHop, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (hop.identityAgent === "none") return [];
  if (hop.identityAgent) return [hop.identityAgent];
  if (env.SSH_AUTH_SOCK) return [env.SSH_AUTH_SOCK];
  if (platform === "win32") return ["\\\\.\\pipe\\openssh-ssh-agent", "pageant"];
  return [];
}

/**
 * Only offers the agent keys that match the configured identity files (IdentitiesOnly yes). The class is
 * made on first use because its base class comes from ssh2, which loads lazily (ssh2-lazy.ts).
 */
let FilteredAgent: (new (inner: BaseAgent, allowed: Buffer[]) => BaseAgent) | undefined;
function filteredAgent(inner: BaseAgent, allowed: Buffer[]): BaseAgent {
  const Base = ssh2().BaseAgent as typeof BaseAgent;
  FilteredAgent ??= class extends Base<ParsedKey> {
    constructor(
      private readonly inner: BaseAgent,
      private readonly allowed: Buffer[],
    ) {
      super();
    }
    getIdentities(cb: (err?: Error | null, keys?: ParsedKey[]) => void): void {
      this.inner.getIdentities((err, keys) => {
        if (err || !keys) return cb(err ?? null, []);
        const parsed = keys.map((k) => (typeof k === "object" && !Buffer.isBuffer(k) ? k : ssh2().utils.parseKey(k))).filter((k): k is ParsedKey => !(k instanceof Error));
        cb(null, parsed.filter((k) => this.allowed.some((a) => a.equals(k.getPublicSSH()))));
      });
    }
    sign(pubKey: ParsedKey, data: Buffer, options: unknown, cb?: (err?: Error | null, sig?: Buffer) => void): void {
      (this.inner.sign as (p: ParsedKey, d: Buffer, o: unknown, c?: unknown) => void)(pubKey, data, options, cb);
    }
  };
  return new FilteredAgent(inner, allowed);
}

/** The public half of a key file without its passphrase: `<file>.pub`, or the unencrypted private key. */
function publicBlobOf(file: string): Buffer | null {
  try {
    const pub = ssh2().utils.parseKey(fs.readFileSync(`${file}.pub`));
    if (!(pub instanceof Error)) return pub.getPublicSSH();
  } catch {
    /* no .pub next to it */
  }
  try {
    const k = ssh2().utils.parseKey(fs.readFileSync(file));
    if (!(k instanceof Error)) return k.getPublicSSH();
  } catch {
    /* unreadable */
  }
  return null;
}

function isEncryptedKeyError(e: Error): boolean {
  return /encrypted|passphrase|integrity check failed/i.test(e.message);
}

export class SshAuth {
  readonly tried: AuthAttempt[] = [];
  private current: AuthAttempt | null = null;
  /** Key files that were skipped before reaching the server, with why (no passphrase, unreadable). */
  readonly skipped: Array<{ keyFile: string; why: string }> = [];

  constructor(private readonly opts: SshAuthOptions) {}

  /** The attempt in flight when the server said yes. */
  get succeeded(): AuthAttempt | null {
    return this.current;
  }

  private candidateKeyFiles(): string[] {
    const files = this.opts.hop.identityFiles.length ? this.opts.hop.identityFiles : defaultIdentityFiles(this.opts.homeDir);
    return files.filter((f) => fs.existsSync(f));
  }

  /** The ordered list of method factories; each resolves to an ssh2 method or null to skip it. */
  private steps(): Array<() => Promise<{ auth: AnyAuthMethod; attempt: AuthAttempt } | null>> {
    const { hop } = this.opts;
    const env = this.opts.env ?? process.env;
    const platform = this.opts.platform ?? process.platform;
    const username = hop.user;
    const out: Array<() => Promise<{ auth: AnyAuthMethod; attempt: AuthAttempt } | null>> = [];
    const keyFiles = this.candidateKeyFiles();
    for (const sock of agentSockets(hop, env, platform)) {
      out.push(async () => {
        if (sock !== "pageant" && !sock.startsWith("\\\\") && !fs.existsSync(sock)) return null;
        let agent: BaseAgent = ssh2().createAgent(sock);
        if (hop.identitiesOnly && hop.identityFiles.length) {
          const allowed = keyFiles.map(publicBlobOf).filter((b): b is Buffer => b !== null);
          if (!allowed.length) return null;
          agent = filteredAgent(agent, allowed);
        }
        return { auth: { type: "agent", username, agent }, attempt: { method: "agent", detail: sock } };
      });
    }
    for (const file of keyFiles) out.push(() => this.keyFileStep(file));
    if (this.opts.store && this.opts.usePassword !== false) {
      out.push(async () => {
        const password = await this.opts.store!.get(sshPasswordKey(hop));
        if (password === null) return null;
        return { auth: { type: "password", username, password }, attempt: { method: "password", detail: `${hop.user}@${hop.host}` } };
      });
    }
    return out;
  }

  private async keyFileStep(file: string): Promise<{ auth: AnyAuthMethod; attempt: AuthAttempt } | null> {
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch (e) {
      this.skipped.push({ keyFile: file, why: (e as Error).message });
      return null;
    }
    const plain = ssh2().utils.parseKey(data);
    const attempt: AuthAttempt = { method: "publickey", detail: file };
    if (!(plain instanceof Error)) return { auth: { type: "publickey", username: this.opts.hop.user, key: plain }, attempt };
    if (!isEncryptedKeyError(plain)) {
      this.skipped.push({ keyFile: file, why: `not a usable private key (${plain.message})` });
      return null;
    }
    const remembered = this.opts.store ? await this.opts.store.get(sshPassphraseKey(file)) : null;
    if (remembered !== null) {
      const k = ssh2().utils.parseKey(data, remembered);
      if (!(k instanceof Error)) return { auth: { type: "publickey", username: this.opts.hop.user, key: k }, attempt };
    }
    if (!this.opts.askPassphrase) {
      this.skipped.push({ keyFile: file, why: "it is encrypted and no passphrase prompt is available" });
      return null;
    }
    for (let n = 1; n <= 3; n++) {
      this.opts.onPrompt?.(true);
      let answer: PassphraseAnswer | null;
      try {
        answer = await this.opts.askPassphrase({ keyFile: file, attempt: n });
      } finally {
        this.opts.onPrompt?.(false);
      }
      if (!answer) {
        this.skipped.push({ keyFile: file, why: "no passphrase was given" });
        return null;
      }
      // The decrypted key stays in memory only; the passphrase is kept only when the person asked.
      const k = ssh2().utils.parseKey(data, answer.passphrase);
      if (k instanceof Error) continue;
      if (answer.remember && this.opts.store) await this.opts.store.set(sshPassphraseKey(file), answer.passphrase);
      return { auth: { type: "publickey", username: this.opts.hop.user, key: k }, attempt };
    }
    this.skipped.push({ keyFile: file, why: "the passphrase was wrong three times" });
    return null;
  }

  /** The ssh2 `authHandler` (callback form: it may prompt before answering). */
  handler(): AuthHandlerMiddleware {
    const steps = this.steps();
    let i = 0;
    return (authsLeft: AuthenticationType[] | null, _partial: boolean, next) => {
      const allowed = (m: AuthMethodKind) => {
        if (!authsLeft) return true;
        return authsLeft.includes(m === "agent" ? "publickey" : m);
      };
      const advance = async (): Promise<void> => {
        while (i < steps.length) {
          const step = steps[i++]!;
          let r: Awaited<ReturnType<typeof step>>;
          try {
            r = await step();
          } catch {
            r = null;
          }
          if (!r || !allowed(r.attempt.method)) continue;
          this.current = r.attempt;
          this.tried.push(r.attempt);
          return next(r.auth);
        }
        this.current = null;
        // false = no more methods: ssh2 ends with "All configured authentication methods failed".
        (next as unknown as (a: false) => void)(false);
      };
      void advance();
    };
  }
}

/** "ssh-agent, key ~/.ssh/id_ed25519, password" for messages. */
export function describeAttempts(tried: AuthAttempt[], skipped: Array<{ keyFile: string; why: string }> = [], home?: string): string {
  const tidy = (p: string) => (home && p.startsWith(home + "/") ? "~" + p.slice(home.length) : p);
  const parts = tried.map((a) => (a.method === "agent" ? `ssh-agent (${tidy(a.detail)})` : a.method === "publickey" ? `key ${tidy(a.detail)}` : `password for ${a.detail}`));
  for (const s of skipped) parts.push(`key ${tidy(s.keyFile)} skipped: ${s.why}`);
  return parts.length ? parts.join(", ") : "none (no agent, no key files, no stored password)";
}
