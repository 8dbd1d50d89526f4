// Runs a real OpenClaw gateway (from the e2e/fixtures/gateway package, on its own Node 24) on loopback
// for tests: isolated state dir, token auth, --bind loopback, catalog/update/telemetry/mDNS off (the
// `mdns` option turns its Bonjour beacon on), and the deterministic fake model from fake-llm.mjs, so chat
// works with no network at all.
// The whole test run already sits in a loopback-only network namespace (run-tests.sh), which also
// stops the gateway's unconditional post-chat lookup of an outside host from leaving the machine.
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { randomBytes, X509Certificate } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { GatewayClient } from "@openclaw/gateway-client";
import { freePort } from "./free-port.js";
// @ts-expect-error -- plain .mjs helper shared with run-tests.sh; typed by use below
import { fixtureCacheDir } from "./gateway-install.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface GatewayOptions {
  tls?: boolean;
  /** gateway.nodes.pairing.autoApproveLocal=false: every new device needs `openclaw devices approve`. */
  manualPairing?: boolean;
  port?: number;
  token?: string;
  readyTimeoutMs?: number;
  /**
   * Turns the gateway's own LAN beacon on (default off): the bundled bonjour plugin enabled,
   * discovery.mdns.mode set, OPENCLAW_DISABLE_BONJOUR=0 (the plugin would otherwise stand down in a
   * detected container) and OPENCLAW_MDNS_HOSTNAME = `hostname` (the `.local` label it advertises).
   */
  mdns?: { mode: "minimal" | "full"; hostname: string };
  /**
   * discovery.wideArea.domain: the gateway writes its unicast DNS-SD zone to
   * <stateRoot>/state/dns/<domain>.db (docs/gateway/bonjour.md "Wide-area Bonjour") — only when it sees
   * a Tailscale-range IPv4 (100.64.0.0/10) on a non-loopback interface (its dist: pickPrimaryTailnetIPv4).
   */
  wideAreaDomain?: string;
  /** mcp.apps.enabled: the gateway also runs its MCP Apps sandbox listener on port + 1 (issue 13 §2). */
  mcpApps?: boolean;
  /**
   * browser.enabled: true written out (its default is true anyway). Clawlink then plans a browser control
   * forward to port + 2, but this gateway binds no listener there: its browser plugin starts the control
   * service in-process and binds the HTTP server only with OPENCLAW_EAGER_BROWSER_CONTROL_SERVER set
   * (dist plugin-service: createBrowserPluginService) — a surface the config advertises that does not run.
   */
  browserControl?: boolean;
}

export interface GatewayInfo {
  url: string;
  port: number;
  token: string;
  stateRoot: string;
  fakeLlmUrl: string;
  tlsSha256: string | null;
}

export class TestGateway implements GatewayInfo {
  url = "";
  port = 0;
  token = "";
  stateRoot = "";
  fakeLlmUrl = "";
  tlsSha256: string | null = null;
  private gw: ChildProcess | null = null;
  private llm: ChildProcess | null = null;
  private readonly modulesDir = fixtureCacheDir() as string;
  /** discovery.mdns.mode as last written (setMdnsMode changes it while the gateway runs). */
  private mdnsMode: "off" | "minimal" | "full" | undefined;

  constructor(private readonly opts: GatewayOptions = {}) {}

  /**
   * Takes control of a gateway another process started (the run-wide one from global-setup.ts), so a
   * test file can SIGTERM/SIGKILL/restart it. The live PID is always in <stateRoot>/gateway.pid.
   */
  static attach(info: GatewayInfo, opts: GatewayOptions = {}): TestGateway {
    const g = new TestGateway({ ...opts, tls: info.tlsSha256 !== null });
    Object.assign(g, info);
    return g;
  }

  get node(): string {
    return path.join(this.modulesDir, "node_modules/.bin/node");
  }
  /** The live gateway's PID: always from the pidfile, since a test file may have restarted it (attach()). */
  get pid(): number | undefined {
    try {
      return Number(fs.readFileSync(path.join(this.stateRoot, "gateway.pid"), "utf8")) || undefined;
    } catch {
      return this.gw?.pid;
    }
  }
  private get entry(): string {
    return path.join(this.modulesDir, "node_modules/openclaw/openclaw.mjs");
  }

  /** Environment that points the openclaw CLI (and the gateway) at this instance's state only. */
  cliEnv(): NodeJS.ProcessEnv {
    const s = this.stateRoot;
    // Not the test runner's own variables: openclaw is itself tested with vitest and its CLI stays silent
    // (prints nothing, exits 0) when it sees VITEST set.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_ENV" && k !== "TEST"));
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      PATH: `${path.dirname(this.node)}:${process.env.PATH}`,
      HOME: `${s}/home`,
      OPENCLAW_HOME: `${s}/home`,
      OPENCLAW_STATE_DIR: `${s}/state`,
      OPENCLAW_CONFIG_PATH: `${s}/openclaw.json`,
      OPENCLAW_DISABLE_BONJOUR: this.opts.mdns ? "0" : "1",
      ...(this.opts.mdns ? { OPENCLAW_MDNS_HOSTNAME: this.opts.mdns.hostname } : {}),
      OPENCLAW_NO_RESPAWN: "1",
      OPENCLAW_SKIP_CHANNELS: "1",
      OPENCLAW_EXEC_SHELL_SNAPSHOT: "0",
      OPENCLAW_NO_AUTO_UPDATE: "1",
      DO_NOT_TRACK: "1",
      OPENCLAW_CLAWHUB_URL: "http://127.0.0.1:9",
      CLAWHUB_DISABLE_TELEMETRY: "1",
      NODE_OPTIONS: "",
    };
    // The token comes from the config file, never from argv or inherited env.
    delete env.OPENCLAW_GATEWAY_TOKEN;
    delete env.OPENCLAW_GATEWAY_PASSWORD;
    delete env.OPENCLAW_GATEWAY_PORT;
    delete env.OPENCLAW_GATEWAY_URL;
    return env;
  }

  async start(): Promise<this> {
    if (!fs.existsSync(this.entry)) {
      throw new Error(`gateway fixture missing in ${this.modulesDir}: run node e2e/harness/gateway-install.mjs (npm test does)`);
    }
    this.port ||= this.opts.port ?? (await freePort());
    this.token ||= this.opts.token ?? randomBytes(24).toString("hex");
    if (!this.stateRoot) {
      this.stateRoot = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-gw-"));
      for (const d of ["home", "state", "workspace", "logs"]) fs.mkdirSync(path.join(this.stateRoot, d), { recursive: true });
    }
    if (!this.llm || this.llm.exitCode !== null) await this.startFakeLlm();
    this.writeConfig();
    await this.spawnGateway();
    return this;
  }

  private async startFakeLlm(): Promise<void> {
    const llm = spawn(process.execPath, [path.join(here, "fake-llm.mjs"), "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    this.llm = llm;
    const port = await new Promise<number>((resolve, reject) => {
      let buf = "";
      llm.stdout!.on("data", (d: Buffer) => {
        buf += d.toString();
        const m = /FAKE_LLM_LISTENING port=(\d+)/.exec(buf);
        if (m) resolve(Number(m[1]));
      });
      llm.once("exit", (code) => reject(new Error(`fake-llm exited early (${code})`)));
    });
    this.fakeLlmUrl = `http://127.0.0.1:${port}/v1`;
  }

  private writeConfig(): void {
    const s = this.stateRoot;
    const config = {
      gateway: {
        mode: "local",
        bind: "loopback",
        port: this.port,
        auth: { mode: "token", token: this.token },
        tls: { enabled: Boolean(this.opts.tls), autoGenerate: true },
        nodes: { pairing: { autoApproveLocal: !this.opts.manualPairing, sshVerify: false } },
      },
      update: { checkOnStart: false },
      telemetry: { enabled: false },
      discovery: {
        mdns: { mode: this.mdnsMode ?? this.opts.mdns?.mode ?? "off" },
        ...(this.opts.wideAreaDomain ? { wideArea: { domain: this.opts.wideAreaDomain } } : {}),
      },
      ...(this.opts.mdns ? { plugins: { entries: { bonjour: { enabled: true } } } } : {}),
      ...(this.opts.mcpApps ? { mcp: { apps: { enabled: true } } } : {}),
      ...(this.opts.browserControl ? { browser: { enabled: true } } : {}),
      logging: { file: `${s}/logs/openclaw.log` },
      models: {
        mode: "merge",
        catalogRefresh: { enabled: false },
        providers: {
          fake: {
            baseUrl: this.fakeLlmUrl,
            apiKey: "fake-local",
            api: "openai-completions",
            models: [
              {
                id: "fake-model", name: "Fake Model", reasoning: false, input: ["text"],
                cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 32000, maxTokens: 1024,
              },
              // A second model, so the chat's model picker has a real choice (ui-chat-sessions.e2e.test.ts);
              // fake-llm answers every model id the same way.
              {
                id: "fake-model-b", name: "Fake Model B", reasoning: false, input: ["text"],
                cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 32000, maxTokens: 1024,
              },
            ],
          },
        },
      },
      agents: { defaults: { model: { primary: "fake/fake-model" }, workspace: `${s}/workspace` } },
      // Every exec the agent asks for needs a person (docs/tools/exec-approvals.md, `exec.ask`): the fake
      // model's [[exec:CMD]] marker then raises a real exec.approval.requested for the inbox tests.
      tools: { exec: { host: "gateway", security: "allowlist", ask: "always" } },
    };
    fs.writeFileSync(path.join(s, "openclaw.json"), JSON.stringify(config, null, 2), { mode: 0o600 });
  }

  /**
   * Rewrites discovery.mdns.mode in the running gateway's config; the gateway hot-applies it (stops the
   * beacon, sending its goodbye, then publishes in the new mode: docs/gateway/bonjour.md "Modes").
   */
  setMdnsMode(mode: "off" | "minimal" | "full"): void {
    this.mdnsMode = mode;
    this.writeConfig();
  }

  /** Where the gateway writes its wide-area DNS-SD zone for `domain` (see `wideAreaDomain`). */
  wideAreaZonePath(domain: string): string {
    return path.join(this.stateRoot, "state", "dns", `${domain.replace(/\.$/, "")}.db`);
  }

  private async spawnGateway(): Promise<void> {
    const out = fs.openSync(path.join(this.stateRoot, "logs/gateway.out"), "a");
    // detached = own process group, so stop() can reap the helpers it spawns (sqlite worker, brokers).
    this.gw = spawn(this.node, [this.entry, "gateway", "--port", String(this.port), "--bind", "loopback"], {
      env: this.cliEnv(),
      detached: true,
      stdio: ["ignore", out, out],
    });
    fs.closeSync(out);
    this.gw.unref();
    fs.writeFileSync(path.join(this.stateRoot, "gateway.pid"), String(this.gw.pid));
    const scheme = this.opts.tls ? "wss" : "ws";
    this.url = `${scheme}://127.0.0.1:${this.port}`;
    await this.waitReady(this.opts.readyTimeoutMs ?? 120_000);
  }

  /** The self-signed cert the gateway generates on first TLS start (tls.autoGenerate), once it exists. */
  private readTlsPin(): string | null {
    try {
      const pem = fs.readFileSync(path.join(this.stateRoot, "state/gateway/tls/gateway-cert.pem"));
      return new X509Certificate(pem).fingerprint256.replace(/:/g, "").toLowerCase();
    } catch {
      return null;
    }
  }

  /**
   * Ready means a real handshake completed (hello-ok), not "port open": for ~15 s after it listens the
   * gateway answers connect with UNAVAILABLE and closes 1013. The probe uses the loopback `cli` client,
   * which the gateway admits without a device identity and without creating a pairing record.
   */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      if (this.gw && this.gw.exitCode !== null) throw new Error(`gateway exited with ${this.gw.exitCode} while starting:\n${this.logTail()}`);
      if (this.opts.tls) this.tlsSha256 = this.readTlsPin();
      const r = this.opts.tls && !this.tlsSha256 ? "no TLS certificate yet" : await probeHello(this.url, this.token, this.tlsSha256);
      if (r === "ok") return;
      last = r;
      await new Promise((res) => setTimeout(res, 300));
    }
    throw new Error(`gateway not ready after ${timeoutMs} ms (last: ${last}):\n${this.logTail()}`);
  }

  logTail(lines = 30): string {
    try {
      const text = fs.readFileSync(path.join(this.stateRoot, "logs/gateway.out"), "utf8").replace(/\x1b\[[0-9;]*m/g, "");
      return text.split("\n").slice(-lines).join("\n").replaceAll(this.token, "<token>");
    } catch {
      return "(no gateway log)";
    }
  }

  /** Sends a signal and resolves when the gateway process has exited. */
  async signal(sig: NodeJS.Signals): Promise<void> {
    const pid = this.pid;
    if (!pid || !alive(pid)) return;
    process.kill(pid, sig);
    const deadline = Date.now() + 15_000;
    // Poll rather than wait for 'exit': the process may belong to another test process (attach()).
    while (alive(pid)) {
      if (Date.now() > deadline) process.kill(pid, "SIGKILL");
      await new Promise((r) => setTimeout(r, 50));
    }
    try {
      process.kill(-pid, "SIGKILL"); // leftover helpers in its process group
    } catch {
      /* group already gone */
    }
  }

  /** Stops the gateway (SIGTERM by default) and starts it again on the same port and state. */
  async restart(sig: NodeJS.Signals = "SIGTERM"): Promise<void> {
    await this.signal(sig);
    await this.spawnGateway();
  }

  /** Runs the real `openclaw` CLI against this gateway's state dir; returns stdout. */
  cli(args: string[], timeoutMs = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(this.node, [this.entry, ...args], { env: this.cliEnv(), timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`openclaw ${args.join(" ")} failed: ${err.message}\n${stderr}`));
        else resolve(stdout);
      });
    });
  }

  async stop(): Promise<void> {
    await this.signal("SIGTERM");
    this.llm?.kill("SIGTERM");
    if (this.stateRoot && !process.env.CLAWLINK_KEEP_GATEWAY_STATE) fs.rmSync(this.stateRoot, { recursive: true, force: true });
  }

  info(): GatewayInfo {
    const { url, port, token, stateRoot, fakeLlmUrl, tlsSha256 } = this;
    return { url, port, token, stateRoot, fakeLlmUrl, tlsSha256 };
  }
}

/** Whether `pid` is a live process (a zombie is not). Also used by keychain.e2e for the keyring daemon. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not yet reaped by its parent) still answers signal 0.
  try {
    return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** One handshake attempt; "ok" or a short reason. */
function probeHello(url: string, token: string, tlsPin: string | null): Promise<string> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      client.stop();
      resolve(r);
    };
    const client = new GatewayClient({
      url,
      token,
      clientName: "cli",
      mode: "cli",
      clientVersion: "0.0.0",
      platform: "linux",
      role: "operator",
      scopes: ["operator.read"],
      deviceIdentity: null,
      connectChallengeTimeoutMs: 5000,
      ...(tlsPin ? { tlsFingerprint: tlsPin } : {}),
      onHelloOk: () => finish("ok"),
      onConnectError: (e) => finish(e.message),
      onClose: (code, reason) => finish(`close ${code} ${reason}`),
    });
    const timer = setTimeout(() => finish("timeout"), 8000);
    client.start();
  });
}
