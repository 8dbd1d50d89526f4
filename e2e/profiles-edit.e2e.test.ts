// Issue 12 against real peers: the run's OpenSSH sshd and OpenClaw gateway, and the real Secret Service
// sandbox.sh starts. Every step is a separate `clawlink` command (main() in-process, each opening the
// keychain and profiles.json afresh), as a person would type them:
//   add (with a wrong remote port) → store the token → edit the remote port → the token is still stored
//   → probe trusts the host key (--trust-host-key, saved to Clawlink's known_hosts) and connects → a
//   second probe needs no trust → trust forget --host-key → the next probe under --batch stops at the
//   unknown host key again (it "asks again") → remove deletes the keychain entries.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { CliIO } from "../src-main/core/cli/context.js";
import { main } from "../src-main/core/cli/main.js";

const gateway = inject("gateway");
const sshd = inject("sshd");
const cfg = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-edit-e2e-"));
afterAll(() => fs.rmSync(cfg, { recursive: true, force: true }));

/** The environment a person's shell would give the CLI, minus anything that would pick credentials or keys by itself. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("OPENCLAW_") || k === "SSH_AUTH_SOCK" || k === "CLAWLINK_CONFIG_DIR") delete env[k];
  return env;
}

async function cli(argv: string[], stdin = ""): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (l) => out.push(l), write: (t) => out.push(t), stderr: (l) => err.push(l), readStdin: async () => stdin, env: baseEnv() };
  const code = await main([...argv, "--config-dir", cfg], io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

type ProbeJson = { ok: boolean; outcome: { reason: string; message: string }; steps: Array<{ name: string; ok: boolean }> };
/** No terminal in a test, so nothing can be asked: an unknown key is a failure unless --trust-host-key. */
const probe = async (extra: string[]) => {
  const r = await cli(["probe", "home", "--json", ...(extra.length ? extra : ["--batch"])]);
  expect(r.out, `probe printed no JSON (exit ${r.code}): ${r.err}`).not.toBe("");
  return { ...r, json: JSON.parse(r.out) as ProbeJson };
};

describe("profiles edit and trust forget, real keychain, sshd and gateway", () => {
  it("edit keeps the token; trust forget --host-key makes the next connect ask about the host key again", async () => {
    expect(process.env.CLAWLINK_TEST_SANDBOX, "run inside e2e/harness/sandbox.sh (it provides the Secret Service)").toBe("1");
    const add = await cli(["profiles", "add", "home", `ssh://${sshd.user}@${sshd.host}:${sshd.port}`, "--identity", sshd.key, "--remote-port", "1", "--no-connect-at-start"]);
    expect(add.code, add.err).toBe(0);
    const set = await cli(["secret", "set", "home", "token"], `${gateway.token}\n`);
    expect(set.out).toBe("stored the token of home in the OS keychain");

    const edit = await cli(["profiles", "edit", "home", "--remote-port", String(gateway.port)]);
    expect(edit.code, edit.err).toBe(0);
    expect(edit.out).toContain(`  remotePort: 1 → ${gateway.port}`);
    expect(edit.out).toContain("home's connection settings changed: a running connection of home must reconnect to use them");
    const show = JSON.parse((await cli(["profiles", "show", "home", "--json"])).out) as { ssh: { remotePort: number }; secrets: { token: string } };
    expect(show).toMatchObject({ ssh: { remotePort: gateway.port }, secrets: { token: "set" } });

    const first = await probe(["--trust-host-key"]);
    expect(first.code, first.out).toBe(0);
    const kh = path.join(cfg, "known_hosts");
    expect(fs.readFileSync(kh, "utf8")).toContain(`[${sshd.host}]:${sshd.port} ssh-ed25519 `);
    const again = await probe([]);
    expect(again.code, again.out).toBe(0);

    const forget = await cli(["trust", "forget", "home", "--host-key"]);
    expect(forget.out).toBe(`forgot 1 host key(s) of [${sshd.host}]:${sshd.port} in Clawlink's known_hosts (${kh}); the next connect shows the key and asks again`);
    expect(fs.readFileSync(kh, "utf8")).not.toContain(`[${sshd.host}]:${sshd.port}`);
    const asked = await probe([]);
    expect(asked.code).toBe(5);
    expect(asked.json.outcome.reason).toBe("host-key-unknown");
    expect(asked.json.outcome.message).toContain(sshd.hostFingerprint);

    // The token survived edit and forget; remove takes it (and every other entry of the profile) away.
    expect((JSON.parse((await cli(["profiles", "show", "home", "--json"])).out) as { secrets: { token: string } }).secrets.token).toBe("set");
    expect((await cli(["profiles", "remove", "home"])).out).toMatch(/^removed home and its keychain entries \([1-9]\d*\)$/);
  });
});
