// The real `clawlink` binary (bin/clawlink.mjs → out/cli, built by npm test) as a user runs it:
// connect --json followed through a gateway restart and a clean SIGTERM, connect over an SSH target
// through the real sshd, chat with a streamed reply, and a distinctive token that appears in no argv,
// no output and no file under the config dir.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { cleanupCliRuns, runCli, tmp } from "./harness/cli-run.js";
import { TestGateway } from "./harness/gateway.js";

const gwInfo = inject("gateway");
const sshd = inject("sshd");
const state = (l: string): string | undefined => {
  try {
    return (JSON.parse(l) as { state?: string }).state;
  } catch {
    return undefined;
  }
};

afterAll(cleanupCliRuns);

describe("clawlink connect", () => {
  it("--json: one object per state change, through a gateway restart, and SIGTERM exits 0 within 2 s", async () => {
    const configDir = tmp("clawlink-cfg-");
    const run = runCli(["connect", gwInfo.url, "--token-env", "CLK_TOKEN", "--json", "--config-dir", configDir], { CLK_TOKEN: gwInfo.token });
    await run.waitLine((l) => state(l) === "connected", 60_000, "connected");
    // The token is not in the process's argv.
    expect(fs.readFileSync(`/proc/${run.child.pid}/cmdline`, "utf8")).not.toContain(gwInfo.token);

    await TestGateway.attach(gwInfo).restart("SIGTERM");
    await run.waitLine((l) => state(l) === "reconnecting", 60_000, "reconnecting after the restart");
    const lateConnected = () => run.lines.filter((l) => state(l) === "connected").length >= 2;
    await run.waitLine(() => lateConnected(), 90_000, "connected again");
    for (const l of run.lines) {
      const o = JSON.parse(l) as { ts?: string; state?: string };
      expect(typeof o.ts).toBe("string");
      expect(typeof o.state).toBe("string");
    }
    run.child.kill("SIGTERM");
    const { code, ms } = await run.exit;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
    const out = run.lines.join("\n") + run.stderr.join("\n");
    expect(out).not.toContain(gwInfo.token);
  });

  it("an ssh:// target through the real sshd: forwarding reports localPort, then connected", async () => {
    const configDir = tmp("clawlink-cfg-");
    const run = runCli(
      [
        "connect", `ssh://${sshd.user}@${sshd.host}:${sshd.port}`, "--identity", sshd.key, "--known-hosts", sshd.knownHosts,
        "--remote-port", String(gwInfo.port), "--local-port", "0", "--token-env", "CLK_TOKEN", "--json", "--config-dir", configDir,
      ],
      { CLK_TOKEN: gwInfo.token },
    );
    const connected = await run.waitLine((l) => state(l) === "connected", 60_000, "connected through ssh");
    const o = JSON.parse(connected) as { localPort?: number; sshAuth?: string };
    expect(o.localPort).toBeGreaterThan(0);
    expect(o.sshAuth).toMatch(/publickey/);
    run.child.kill("SIGINT");
    expect((await run.exit).code).toBe(0);
  });

  it("a wrong token ends with exit 7 and the fix hint (a person must act; no retry loop)", async () => {
    // localhost, not 127.0.0.1: a gateway identity this keychain holds no device token for (with one, the
    // single trusted device-token retry would rightly connect anyway).
    const run = runCli(["connect", gwInfo.url.replace("127.0.0.1", "localhost"), "--token-env", "CLK_TOKEN", "--config-dir", tmp("clawlink-cfg-")], { CLK_TOKEN: "wrong-token-for-the-cli-test" });
    const { code } = await run.exit;
    expect(code).toBe(7);
    const line = run.lines.find((l) => l.includes("needs-attention")) ?? "";
    expect(line).toMatch(/rejected the gateway token\. The token is wrong or was rotated\./);
    // The hint a terminal user can act on, not the app's "paste it into this gateway's settings".
    expect(line).toContain("then give it with --token-env NAME (an environment variable holding it) or --token-stdin");
    expect(line).not.toContain("settings");
  });

  it("refuses a secret given as an argument value (exit 2), before doing anything", async () => {
    const run = runCli(["connect", gwInfo.url, "--token", "abc", "--config-dir", tmp("clawlink-cfg-")]);
    expect((await run.exit).code).toBe(2);
    expect(run.stderr.join("\n")).toMatch(/--token-stdin/);
  });
});

describe("clawlink chat", () => {
  it("streams the reply and exits 0 on the final message; the token from stdin is nowhere afterwards", async () => {
    const configDir = tmp("clawlink-cfg-");
    const run = runCli(["chat", gwInfo.url, "--token-stdin", "--message", "hello from the cli", "--config-dir", configDir], {}, gwInfo.token + "\n");
    const { code } = await run.exit;
    expect(code, run.stderr.join("\n")).toBe(0);
    expect(run.lines.join("\n")).toContain("Hello from fake-llm. You said: hello from the cli");
    // No file under the config dir holds the token (the keychain is the only place secrets go).
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else files.push(p);
      }
    };
    // A probe with a diagnostics export into the same config dir, token from the environment this time.
    const probe = runCli(["probe", gwInfo.url, "--token-env", "CLK_TOKEN", "--file", path.join(configDir, "diagnostics.json"), "--config-dir", configDir], { CLK_TOKEN: gwInfo.token });
    expect((await probe.exit).code).toBe(0);
    expect(fs.existsSync(path.join(configDir, "diagnostics.json"))).toBe(true);
    walk(configDir);
    // The log file and the export are among them: the token is in no line of either.
    expect(files.some((f) => f.endsWith("clawlink.log"))).toBe(true);
    for (const f of files) expect(fs.readFileSync(f, "utf8"), f).not.toContain(gwInfo.token);
    expect(run.lines.join("\n") + run.stderr.join("\n") + probe.lines.join("\n") + probe.stderr.join("\n")).not.toContain(gwInfo.token);
  });
});
