// A throwaway OpenSSH server on loopback for tests: its own config, host key, test user, user keys
// (plain and passphrase-protected), optional password auth, and an ssh-agent holding the plain key.
// Never touches /etc/ssh or the system ssh service. Needs root (sshd setuids to the login user).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, waitForPort } from "./free-port.js";

export interface SshdOptions {
  port?: number;
  listen?: string;
  user?: string;
  /** Enables PasswordAuthentication and sets this as the test user's password. */
  password?: string;
  /** Extra sshd_config lines; they go first, because sshd_config is first-match-wins. */
  extra?: string[];
  /** Reuse this folder's host key (a restarted server keeps its identity). */
  dir?: string;
  /** Run sshd inside this named network namespace (see netns-lab.ts); give `listen` and `port` too. */
  netns?: string;
}

export interface SshdInfo {
  host: string;
  port: number;
  user: string;
  dir: string;
  key: string;
  encKey: string;
  passphrase: string;
  knownHosts: string;
  hostKeyPub: string;
  /** As OpenSSH prints it: SHA256:<base64 without padding>. */
  hostFingerprint: string;
  password: string | null;
}

export class TestSshd implements SshdInfo {
  host = "127.0.0.1";
  port = 0;
  user = "clawlinktest";
  dir = "";
  key = "";
  encKey = "";
  passphrase = "";
  knownHosts = "";
  hostKeyPub = "";
  hostFingerprint = "";
  password: string | null = null;
  private proc: ChildProcess | null = null;
  private agent: ChildProcess | null = null;

  constructor(private readonly opts: SshdOptions = {}) {}

  async start(): Promise<this> {
    this.host = this.opts.listen ?? "127.0.0.1";
    this.user = this.opts.user ?? "clawlinktest";
    this.port ||= this.opts.port ?? (await freePort(this.host));
    this.dir ||= this.opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-sshd-"));
    // sshd reads AuthorizedKeysFile as the target user: the folder must be traversable by it.
    fs.chmodSync(this.dir, 0o755);
    fs.mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
    this.ensureUser();
    this.ensureKeys();
    this.writeConfig();
    await this.spawn();
    return this;
  }

  private ensureUser(): void {
    if (this.user === "root") return;
    try {
      execFileSync("id", [this.user], { stdio: "ignore" });
    } catch {
      execFileSync("useradd", ["-m", "-s", "/bin/bash", this.user], { stdio: "ignore" });
    }
    if (this.opts.password) {
      this.password = this.opts.password;
      execFileSync("chpasswd", [], { input: `${this.user}:${this.opts.password}\n` });
    } else {
      // useradd leaves '!' (locked); with UsePAM no, sshd then refuses even key logins. '*' = no password.
      execFileSync("usermod", ["-p", "*", this.user], { stdio: "ignore" });
    }
  }

  private ensureKeys(): void {
    const d = this.dir;
    const keygen = (file: string, pass: string, comment: string) => {
      if (!fs.existsSync(file)) execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", pass, "-C", comment, "-f", file]);
    };
    this.passphrase = fs.existsSync(`${d}/passphrase`) ? fs.readFileSync(`${d}/passphrase`, "utf8") : randomBytes(9).toString("base64url");
    fs.writeFileSync(`${d}/passphrase`, this.passphrase, { mode: 0o600 });
    keygen(`${d}/ssh_host_ed25519_key`, "", "clawlink-test-host");
    keygen(`${d}/id_ed25519`, "", "clawlink-test-client");
    keygen(`${d}/id_ed25519_enc`, this.passphrase, "clawlink-test-client-enc");
    fs.writeFileSync(`${d}/authorized_keys`, fs.readFileSync(`${d}/id_ed25519.pub`, "utf8") + fs.readFileSync(`${d}/id_ed25519_enc.pub`, "utf8"), { mode: 0o644 });
    this.key = `${d}/id_ed25519`;
    this.encKey = `${d}/id_ed25519_enc`;
    const pub = fs.readFileSync(`${d}/ssh_host_ed25519_key.pub`, "utf8").trim().split(/\s+/);
    this.hostKeyPub = `${pub[0]} ${pub[1]}`;
    this.hostFingerprint = execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", `${d}/ssh_host_ed25519_key.pub`], { encoding: "utf8" }).split(/\s+/)[1]!;
  }

  private writeConfig(): void {
    const d = this.dir;
    const lines = [
      ...(this.opts.extra ?? []),
      `Port ${this.port}`,
      `ListenAddress ${this.host}`,
      `HostKey ${d}/ssh_host_ed25519_key`,
      `PidFile ${d}/sshd.pid`,
      `AuthorizedKeysFile ${d}/authorized_keys`,
      `AllowUsers ${this.user}`,
      `PermitRootLogin ${this.user === "root" ? "yes" : "no"}`,
      "PubkeyAuthentication yes",
      `PasswordAuthentication ${this.opts.password ? "yes" : "no"}`,
      "PermitEmptyPasswords no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "StrictModes no",
      "UseDNS no",
      "AllowTcpForwarding yes",
      "AllowAgentForwarding no",
      "X11Forwarding no",
      "PrintMotd no",
      "LogLevel VERBOSE",
      "MaxStartups 100:30:200",
      // Reap sessions whose client vanished (blackholed links in fault tests) instead of letting them linger.
      "ClientAliveInterval 5",
      "ClientAliveCountMax 3",
    ];
    fs.writeFileSync(`${d}/sshd_config`, lines.join("\n") + "\n");
    const hp = this.port === 22 ? this.host : `[${this.host}]:${this.port}`;
    this.knownHosts = `${d}/known_hosts`;
    fs.writeFileSync(this.knownHosts, `${hp} ${this.hostKeyPub}\n`);
  }

  private async spawn(): Promise<void> {
    execFileSync("/usr/sbin/sshd", ["-t", "-f", `${this.dir}/sshd_config`]);
    // -D: stay in the foreground so this object owns the process; the absolute path is required (re-exec).
    const argv = ["/usr/sbin/sshd", "-D", "-f", `${this.dir}/sshd_config`, "-E", `${this.dir}/sshd.log`];
    // `ip netns exec` execs sshd, so the child PID is still sshd's own (stop() relies on that).
    const full = this.opts.netns ? ["ip", "netns", "exec", this.opts.netns, ...argv] : argv;
    this.proc = spawn(full[0]!, full.slice(1), { stdio: "ignore" });
    await waitForPort(this.port, this.host, 10_000);
  }

  /** Kills the listener and every session it forked (they outlive the listener otherwise). */
  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    let kids: string[] = [];
    try {
      kids = execFileSync("pgrep", ["-P", String(p.pid)], { encoding: "utf8" }).split(/\s+/).filter(Boolean);
    } catch {
      /* no sessions */
    }
    const exited = new Promise<void>((r) => p.once("exit", () => r()));
    p.kill("SIGTERM");
    for (const k of kids) {
      try {
        process.kill(Number(k), "SIGTERM");
      } catch {
        /* gone */
      }
    }
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.spawn();
  }

  /** An ssh-agent on a private socket holding the plain client key; returns SSH_AUTH_SOCK. */
  async startAgent(): Promise<string> {
    const sock = path.join(this.dir, "agent.sock");
    fs.rmSync(sock, { force: true });
    this.agent = spawn("ssh-agent", ["-D", "-a", sock], { stdio: "ignore" });
    for (let i = 0; i < 100 && !fs.existsSync(sock); i++) await new Promise((r) => setTimeout(r, 20));
    execFileSync("ssh-add", [this.key], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: "ignore" });
    return sock;
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.agent?.kill("SIGTERM");
    if (!this.opts.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  info(): SshdInfo {
    const { host, port, user, dir, key, encKey, passphrase, knownHosts, hostKeyPub, hostFingerprint, password } = this;
    return { host, port, user, dir, key, encKey, passphrase, knownHosts, hostKeyPub, hostFingerprint, password };
  }
}
