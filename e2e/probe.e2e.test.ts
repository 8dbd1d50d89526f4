// `clawlink probe`: every exit code produced for real, against real peers — the run-wide OpenClaw gateway
// and OpenSSH sshd, this file's own TLS gateway and manual-pairing gateway, and listeners that are not
// gateways (an HTTP server, a TCP echo, and a WebSocket peer replaying the real gateway's recorded
// protocol-mismatch answer). Most cases call the CLI's main() in-process with a fake CliIO; the first
// runs the built bin/clawlink.mjs as a child and checks $?, and that the token is in neither its argv
// nor its output. Tokens reach the CLI only through --token-env (or --token-stdin), never argv.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { WebSocketServer } from "ws";
import type { CliIO } from "../src-main/core/cli/context.js";
import { main } from "../src-main/core/cli/main.js";
import { freePort } from "./harness/free-port.js";
import { TestGateway } from "./harness/gateway.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const gateway = inject("gateway");
const sshd = inject("sshd");
const TOKEN_VAR = "CLAWLINK_E2E_PROBE_TOKEN";
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-probe-"));

interface Step {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
}
interface ProbeJson {
  ok: boolean;
  outcome: { kind: string; reason: string; step: string | null; message: string; fixHint: string | null; requestId?: string | null; approveCommand?: string | null };
  steps: Step[];
}
interface Run {
  code: number;
  out: string[];
  err: string[];
  json: ProbeJson | null;
}

/** The environment a person's shell would give the CLI, minus anything that would pick credentials or keys by itself. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("OPENCLAW_") || k === "SSH_AUTH_SOCK" || k === "CLAWLINK_CONFIG_DIR") delete env[k];
  return env;
}

function configDir(): string {
  return fs.mkdtempSync(path.join(tmpRoot, "cfg-"));
}

/** Runs `clawlink probe …` in-process (main() with a fake CliIO). */
async function probe(args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string; json?: boolean } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (l) => out.push(l), write: (t) => out.push(t), stderr: (l) => err.push(l), readStdin: async () => opts.stdin ?? "", env: { ...baseEnv(), ...(opts.env ?? {}) } };
  const json = opts.json !== false;
  const argv = ["probe", ...args, "--config-dir", configDir(), ...(json ? ["--json"] : [])];
  const code = await main(argv, io);
  let parsed: ProbeJson | null = null;
  // Usage errors stop before any output; everything else prints its one JSON line.
  if (json && out.length > 0) {
    expect(out, `--json prints exactly one line; stderr: ${err.join("\n")}`).toHaveLength(1);
    parsed = JSON.parse(out[0]!) as ProbeJson;
    expect(Object.keys(parsed).sort()).toEqual(["ok", "outcome", "steps"]);
    for (const s of parsed.steps) expect(Object.keys(s).sort()).toEqual(["detail", "ms", "name", "ok"]);
  }
  return { code, out, err, json: parsed };
}

const names = (r: Run): string[] => r.json!.steps.map((s) => s.name);
const failedStep = (r: Run): Step | undefined => r.json!.steps.find((s) => !s.ok);
const withToken = (token: string): { env: NodeJS.ProcessEnv } => ({ env: { [TOKEN_VAR]: token } });
const sshArgs = (extra: string[] = []): string[] => [`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, "--identity", sshd.key, "--remote-port", String(gateway.port), ...extra];

let tlsGw: TestGateway;
let pairGw: TestGateway;
const servers: Array<{ close: (cb?: () => void) => unknown }> = [];

beforeAll(async () => {
  // Both own gateways start in parallel (~20 s, ~1 GB each); the run-wide ones are already up.
  [tlsGw, pairGw] = await Promise.all([new TestGateway({ tls: true }).start(), new TestGateway({ manualPairing: true }).start()]);
}, 180_000);

afterAll(async () => {
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  await Promise.all([tlsGw?.stop(), pairGw?.stop()]);
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

describe("clawlink probe — exit 0 (connected and healthy)", () => {
  it("the real bin/clawlink.mjs as a child: exit 0, every step in order, token in neither argv nor output", async () => {
    const bin = path.join(repo, "bin/clawlink.mjs");
    expect(fs.existsSync(path.join(repo, "out/cli/clawlink.mjs")), "run `npm run build` before the e2e tests").toBe(true);
    const argv = [bin, "probe", gateway.url, "--token-env", TOKEN_VAR, "--config-dir", configDir(), "--json"];
    const child = spawn(process.execPath, argv, { cwd: repo, env: { ...baseEnv(), [TOKEN_VAR]: gateway.token }, stdio: ["ignore", "pipe", "pipe"] });
    // What `ps` would show, read from the live process.
    const cmdline = fs.readFileSync(`/proc/${child.pid}/cmdline`, "utf8");
    expect(cmdline).toContain("probe");
    expect(cmdline).not.toContain(gateway.token);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
    expect(code, stderr).toBe(0);
    expect(stdout + stderr).not.toContain(gateway.token);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]!) as ProbeJson;
    expect(j.ok).toBe(true);
    expect(j.outcome.kind).toBe("connected");
    expect(j.steps.map((s) => s.name)).toEqual(["target", "resolve", "tcp", "websocket", "challenge", "auth", "pairing", "health"]);
    expect(j.steps.every((s) => s.ok && s.ms >= 0)).toBe(true);
    expect(j.steps.find((s) => s.name === "auth")!.detail).toContain(`--token-env ${TOKEN_VAR}`);
  });

  it("human output: one ✓ line per step, token read from --token-stdin", async () => {
    const r = await probe([gateway.url, "--token-stdin"], { stdin: `${gateway.token}\n`, json: false });
    expect(r.code, r.out.join("\n")).toBe(0);
    const stepLines = r.out.filter((l) => /^[✓✗] /.test(l));
    expect(stepLines).toHaveLength(8);
    expect(stepLines.every((l) => l.startsWith("✓"))).toBe(true);
    expect(stepLines[0]).toMatch(/^✓ target\s+\d+\.\d ms\s+ws:\/\/127\.0\.0\.1/);
    expect(r.out.at(-1)).toMatch(/^connected and healthy/);
    expect([...r.out, ...r.err].join("\n")).not.toContain(gateway.token);
  });

  it("through the real sshd: SSH steps between TCP and the WebSocket, no TLS step", async () => {
    const r = await probe(sshArgs(["--known-hosts", sshd.knownHosts, "--batch", "--token-env", TOKEN_VAR]), withToken(gateway.token));
    expect(r.code, JSON.stringify(r.json)).toBe(0);
    expect(names(r)).toEqual(["target", "resolve", "tcp", "ssh-handshake", "host-key", "ssh-auth", "forward", "websocket", "challenge", "auth", "pairing", "health"]);
    expect(r.json!.steps.find((s) => s.name === "ssh-auth")!.detail).toContain(sshd.key);
  });

  it("--trust-host-key accepts an unknown host key and prints its fingerprint", async () => {
    const r = await probe(sshArgs(["--trust-host-key", "--token-env", TOKEN_VAR]), withToken(gateway.token));
    expect(r.code, JSON.stringify(r.json)).toBe(0);
    expect(r.err.join("\n")).toContain(sshd.hostFingerprint);
  });

  it("wss with the right --tls-fingerprint", async () => {
    const r = await probe([tlsGw.url, "--tls-fingerprint", tlsGw.tlsSha256!, "--batch", "--token-env", TOKEN_VAR], withToken(tlsGw.token));
    expect(r.code, JSON.stringify(r.json)).toBe(0);
    expect(names(r)).toEqual(["target", "resolve", "tcp", "tls-pin", "websocket", "challenge", "auth", "pairing", "health"]);
  });
});

describe("clawlink probe — exit 2 (usage or config)", () => {
  it("a secret as an argument value is refused before anything runs", async () => {
    const r = await probe([gateway.url, "--token", "abc"], { json: false });
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toMatch(/--token would put a secret on the command line/);
  });
  it("a profile that does not exist", async () => {
    const r = await probe(["no-such-profile"], { json: false });
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toMatch(/no profile named "no-such-profile"/);
  });
  it("a TLS pin for a plain ws:// URL is a config error, found at the target step", async () => {
    const r = await probe([gateway.url, "--tls-fingerprint", "ab".repeat(32)]);
    expect(r.code).toBe(2);
    expect(r.json!.outcome.reason).toBe("tls-pin-without-tls");
    expect(names(r)).toEqual(["target"]);
  });
});

describe("clawlink probe — exit 3 (network)", () => {
  it("a closed loopback port: stops at TCP", async () => {
    const port = await freePort();
    const r = await probe([`ws://127.0.0.1:${port}`]);
    expect(r.code).toBe(3);
    expect(names(r)).toEqual(["target", "resolve", "tcp"]);
    expect(failedStep(r)!.detail).toMatch(/Nothing is listening on 127\.0\.0\.1:\d+/);
  });
  it("a name that does not resolve: stops at resolve", async () => {
    const r = await probe(["wss://no-such-host.invalid"]);
    expect(r.code).toBe(3);
    expect(names(r)).toEqual(["target", "resolve"]);
    expect(r.json!.outcome.reason).toBe("dns-failed");
  });
  it("SSH fine but nothing listens on the remote gateway port: stops at forward", async () => {
    const closed = await freePort();
    const r = await probe([`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, "--identity", sshd.key, "--remote-port", String(closed), "--known-hosts", sshd.knownHosts, "--batch"]);
    expect(r.code).toBe(3);
    expect(failedStep(r)!.name).toBe("forward");
    expect(r.json!.outcome.message).toContain(`nothing is listening on 127.0.0.1:${closed}`);
  });
});

describe("clawlink probe — exit 3 with the reverse-proxy hint", () => {
  it('a peer that closes with "Proxy headers detected from untrusted address" gets the trustedProxies fix hint', async () => {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    servers.push(wss);
    wss.on("connection", (ws) => ws.close(1008, "Proxy headers detected from untrusted address"));
    await new Promise<void>((r) => wss.once("listening", () => r()));
    const r = await probe([`ws://127.0.0.1:${(wss.address() as net.AddressInfo).port}`]);
    expect(r.code).toBe(3);
    expect(failedStep(r)!.name).toBe("challenge");
    expect(r.json!.outcome.fixHint).toContain("gateway.trustedProxies");
    expect(r.json!.outcome.fixHint).toContain("OPENCLAW_GATEWAY_TRUSTED_PROXIES");
  });
});

describe("clawlink probe — exit 4 (SSH auth)", () => {
  it("a key the server does not accept", async () => {
    const key = path.join(tmpRoot, "stranger_ed25519");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "stranger", "-f", key]);
    const r = await probe([`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, "--identity", key, "--known-hosts", sshd.knownHosts, "--batch"]);
    expect(r.code, JSON.stringify(r.json)).toBe(4);
    expect(failedStep(r)!.name).toBe("ssh-auth");
    expect(names(r)).toEqual(["target", "resolve", "tcp", "ssh-handshake", "host-key", "ssh-auth"]);
    expect(r.json!.outcome.fixHint).toBe(`Load your key into ssh-agent (ssh-add) or name it with --identity FILE; \`ssh ${sshd.user}@${sshd.host}\` in a terminal shows whether the server accepts you at all.`);
  });
});

describe("clawlink probe — exit 5 (host key)", () => {
  it("unknown host key under --batch: the hint names --trust-host-key and where Clawlink's own known_hosts is", async () => {
    const r = await probe(sshArgs(["--batch"]));
    expect(r.code, JSON.stringify(r.json)).toBe(5);
    expect(r.json!.outcome.reason).toBe("host-key-unknown");
    expect(r.json!.outcome.message).toContain(sshd.hostFingerprint);
    const kh = /its own known_hosts \((.+?)\), never to ~\/\.ssh\/known_hosts/.exec(r.json!.outcome.fixHint ?? "")?.[1];
    expect(r.json!.outcome.fixHint).toContain("run again with --trust-host-key");
    expect(path.dirname(kh ?? "")).toMatch(new RegExp(`^${tmpRoot}/cfg-`)); // this run's --config-dir
    expect(path.basename(kh ?? "")).toBe("known_hosts");
    expect(failedStep(r)!.name).toBe("host-key");
  });
  it("changed host key (known_hosts holds another key for that host:port)", async () => {
    const other = path.join(tmpRoot, "other_host_key");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "old-host", "-f", other]);
    const pub = fs.readFileSync(`${other}.pub`, "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
    const kh = path.join(tmpRoot, "known_hosts_changed");
    fs.writeFileSync(kh, `[${sshd.host}]:${sshd.port} ${pub}\n`);
    // --trust-host-key must not accept a *changed* key.
    const r = await probe(sshArgs(["--known-hosts", kh, "--trust-host-key"]));
    expect(r.code, JSON.stringify(r.json)).toBe(5);
    expect(r.json!.outcome.reason).toBe("host-key-changed");
    expect(r.json!.outcome.fixHint).toContain(`then forget the old key: \`ssh-keygen -R '[${sshd.host}]:${sshd.port}' -f ${kh}\`; then connect again.`);
    expect(r.json!.outcome.fixHint).toContain("--trust-host-key never accepts a changed key");
  });
});

describe("clawlink probe — exit 6 (TLS)", () => {
  it("unpinned self-signed certificate under --batch", async () => {
    const r = await probe([tlsGw.url, "--batch"]);
    expect(r.code, JSON.stringify(r.json)).toBe(6);
    expect(failedStep(r)!.name).toBe("tls-pin");
    expect(r.json!.outcome.fixHint).toContain(`--tls-fingerprint ${tlsGw.tlsSha256}`);
  });
  it("pin mismatch", async () => {
    const r = await probe([tlsGw.url, "--tls-fingerprint", "cd".repeat(32), "--batch", "--token-env", TOKEN_VAR], withToken(tlsGw.token));
    expect(r.code).toBe(6);
    expect(r.json!.outcome.reason).toBe("tls-pin-mismatch");
    expect(names(r)).toEqual(["target", "resolve", "tcp", "tls-pin"]);
    expect(r.json!.outcome.fixHint).toContain(`pass it with --tls-fingerprint ${tlsGw.tlsSha256}.`);
  });
});

describe("clawlink probe — exit 7 (gateway auth)", () => {
  // ws://localhost: a gateway identity this device never connected to, so no device token can stand in.
  const url = () => `ws://localhost:${gateway.port}`;
  it("token missing: the fix hint says how to give it on the command line", async () => {
    const r = await probe([url()]);
    expect(r.code, JSON.stringify(r.json)).toBe(7);
    expect(r.json!.outcome.reason).toBe("auth-token-missing");
    expect(failedStep(r)!.name).toBe("auth");
    expect(r.json!.outcome.fixHint).toBe(
      "Copy the token from the gateway host (`openclaw config get gateway.auth.token`, or gateway.auth.token in ~/.openclaw/openclaw.json), " +
        `then give it with --token-env NAME (an environment variable holding it) or --token-stdin; to keep it, save the gateway as a profile (\`clawlink profiles add NAME ${url()}\`) and run \`clawlink secret set NAME token\`.`,
    );
  });
  it("wrong token", async () => {
    const wrong = randomBytes(24).toString("hex");
    const r = await probe([url(), "--token-env", TOKEN_VAR], withToken(wrong));
    expect(r.code, JSON.stringify(r.json)).toBe(7);
    expect(r.json!.outcome.reason).toBe("auth-token-mismatch");
    expect(JSON.stringify(r)).not.toContain(wrong);
  });
});

describe("clawlink probe — exit 8 (pairing required)", () => {
  it("prints the requestId and the approve command, which the real openclaw CLI accepts", async () => {
    const r = await probe([pairGw.url, "--token-env", TOKEN_VAR], { ...withToken(pairGw.token), json: false });
    expect(r.code, r.out.join("\n")).toBe(8);
    const text = r.out.join("\n");
    const id = /pairing request: (\S+)/.exec(text)?.[1];
    expect(id).toBeTruthy();
    expect(text).toContain(`approve it on the gateway host: openclaw devices approve ${id}`);
    expect(r.out.filter((l) => l.startsWith("✓")).map((l) => l.split(/\s+/)[1])).toEqual(["target", "resolve", "tcp", "websocket", "challenge", "auth"]);
    // The request is real: approving it with the printed id lets the next probe through.
    expect(await pairGw.cli(["devices", "approve", id!])).toMatch(/Approved/);
    const again = await probe([pairGw.url, "--token-env", TOKEN_VAR], withToken(pairGw.token));
    expect(again.code, JSON.stringify(again.json)).toBe(0);
  });
});

describe("clawlink probe — exit 9 (protocol mismatch / not a gateway)", () => {
  async function listen(server: net.Server | http.Server): Promise<number> {
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    return (server.address() as net.AddressInfo).port;
  }

  it("an HTTP server on the port", async () => {
    const port = await listen(http.createServer((_req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("not here")));
    const r = await probe([`ws://127.0.0.1:${port}`, "--token-env", TOKEN_VAR], withToken("never-sent-to-a-stranger-123"));
    expect(r.code, JSON.stringify(r.json)).toBe(9);
    expect(r.json!.outcome.kind).toBe("not-a-gateway");
    expect(failedStep(r)!.name).toBe("websocket");
    expect(r.json!.outcome.message).toMatch(/Something other than an OpenClaw gateway answers .* HTTP 404/);
  });

  it("a plain TCP echo that never sends connect.challenge; it never receives the token", async () => {
    let received = "";
    const port = await listen(
      net.createServer((s) => {
        s.on("data", (d) => (received += d.toString()));
        s.pipe(s);
        s.on("error", () => {});
      }),
    );
    const token = "distinctive-echo-token-" + randomBytes(6).toString("hex");
    const r = await probe([`ws://127.0.0.1:${port}`, "--token-env", TOKEN_VAR], withToken(token));
    expect(r.code, JSON.stringify(r.json)).toBe(9);
    expect(r.json!.outcome.kind).toBe("not-a-gateway");
    expect(received).toMatch(/^GET \/ HTTP\/1\.1/); // it did get the upgrade request …
    expect(received).not.toContain(token); // … and nothing secret
  });

  it("a WebSocket server that never sends connect.challenge", async () => {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    servers.push(wss);
    await new Promise<void>((r) => wss.once("listening", () => r()));
    const r = await probe([`ws://127.0.0.1:${(wss.address() as net.AddressInfo).port}`]);
    expect(r.code).toBe(9);
    expect(failedStep(r)!.name).toBe("challenge");
    expect(r.json!.outcome.message).toMatch(/sent no connect\.challenge/);
  });

  it("a peer replaying the real gateway's recorded protocol-mismatch answer", async () => {
    type Recorded = { name: string; response: { ok: false; error: unknown }; close: { code: number; reason: string } };
    const recorded = (JSON.parse(fs.readFileSync(path.join(repo, "src-main/core/gateway/fixtures/recorded-frames.json"), "utf8")) as Recorded[]).find((x) => x.name === "protocol-mismatch")!;
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    servers.push(wss);
    wss.on("connection", (ws) => {
      ws.send(JSON.stringify({ type: "event", event: "connect.challenge", payload: { nonce: randomBytes(16).toString("hex"), ts: Date.now() } }));
      ws.on("message", (data) => {
        const req = JSON.parse(data.toString()) as { type: string; id: string; method: string };
        if (req.type === "req" && req.method === "connect") {
          ws.send(JSON.stringify({ type: "res", id: req.id, ...recorded.response }));
          ws.close(recorded.close.code, recorded.close.reason);
        }
      });
    });
    await new Promise<void>((r) => wss.once("listening", () => r()));
    const r = await probe([`ws://127.0.0.1:${(wss.address() as net.AddressInfo).port}`]);
    expect(r.code, JSON.stringify(r.json)).toBe(9);
    expect(r.json!.outcome.reason).toBe("protocol-mismatch");
    expect(failedStep(r)!.name).toBe("auth");
  });
});

describe("clawlink probe — exit 10 (plaintext ws:// to a public host)", () => {
  it("refused at the target step, before any name lookup or socket", async () => {
    const r = await probe(["ws://gateway.example.com", "--token-env", TOKEN_VAR], withToken(gateway.token));
    expect(r.code).toBe(10);
    expect(names(r)).toEqual(["target"]);
    expect(r.json!.outcome.kind).toBe("plaintext-refused");
    expect(r.json!.outcome.fixHint).toMatch(/^Use an ssh:\/\/user@host target \(the gateway stays on loopback/);
    expect(JSON.stringify(r)).not.toContain(gateway.token);
  });
});

describe("diagnostics export from probe --file", () => {
  it("holds versions, the target without secrets and the ladder result; the token appears nowhere", async () => {
    const token = gateway.token;
    const file = path.join(tmpRoot, "diag.json");
    const r = await probe([gateway.url, "--token-env", TOKEN_VAR, "--file", file], withToken(token));
    expect(r.code).toBe(0);
    const text = fs.readFileSync(file, "utf8");
    expect(text).not.toContain(token);
    const doc = JSON.parse(text) as { format: string; versions: { node: string }; profile: Record<string, unknown>; ladder: { ok: boolean; steps: Step[] } };
    expect(doc.format).toBe("clawlink-diagnostics/1");
    expect(doc.versions.node).toBe(process.version);
    expect(doc.profile).toMatchObject({ kind: "direct", tokenSource: `--token-env ${TOKEN_VAR}` });
    expect(doc.ladder.ok).toBe(true);
    expect(doc.ladder.steps).toHaveLength(8);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe("diagnostics export from the built binary (a child process)", () => {
  function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [path.join(repo, "bin/clawlink.mjs"), ...args], { cwd: repo, env: { ...baseEnv(), [TOKEN_VAR]: gateway.token }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    return new Promise((r) => child.once("close", (code) => r({ code, stdout, stderr })));
  }

  it("--file in a folder that does not exist yet: the folders are created, exit 0, the path is printed", async () => {
    const file = path.join(tmpRoot, "new-folder", "nested", "diag.json");
    const r = await runBin(["probe", gateway.url, "--token-env", TOKEN_VAR, "--config-dir", configDir(), "--file", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`clawlink probe: diagnostics written to ${file} (secrets redacted)`);
    expect((JSON.parse(fs.readFileSync(file, "utf8")) as { format: string }).format).toBe("clawlink-diagnostics/1");
    expect(fs.readFileSync(file, "utf8")).not.toContain(gateway.token);
  });

  it("--file where no folder can be made: one sentence with a fix on stderr, exit 2, no stack trace", async () => {
    const blocker = path.join(tmpRoot, "a-file");
    fs.writeFileSync(blocker, "");
    const file = path.join(blocker, "diag.json");
    const r = await runBin(["probe", gateway.url, "--token-env", TOKEN_VAR, "--config-dir", configDir(), "--file", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `clawlink probe: Could not create the folder ${blocker} (part of that path is a file, not a folder). ` +
        `Check that you can write to ${blocker} (its owner, permissions and free space), or choose another place for the export.`,
    );
    expect(r.stdout).toMatch(/connected and healthy/); // the probe itself still ran and said so
  });
});

