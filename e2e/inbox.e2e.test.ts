// The operator inbox against real gateways (issue 11): the fake model's [[exec:CMD]] marker makes the
// agent call the gateway's exec tool, the test gateways' policy is ask=always, so the real gateway raises
// exec.approval.requested. Over an SSH tunnel through the real sshd, with the real `clawlink` binary:
// allow once → the command runs and its output is the reply; deny with a reason → the reply shows the
// denial and the agent hears the reason; expiry → the item leaves the inbox. Then two gateways at once in
// one inbox, each request resolved on its own gateway (checked in the gateway's own record), and a
// pairing request from another device approved from the inbox.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ExecApprovalItem, PairingRequestItem } from "../src-shared/inbox.js";
import { GatewaySession } from "../src-main/core/gateway/gateway-session.js";
import { InboxHub } from "../src-main/core/inbox/inbox-hub.js";
import { Orchestrator } from "../src-main/core/orchestrator/orchestrator.js";
import type { ConnectionSpec } from "../src-main/core/orchestrator/connection-spec.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { cleanupCliRuns, runCli, tmp, type Run } from "./harness/cli-run.js";
import { TestGateway } from "./harness/gateway.js";
import { collectingLogger, waitForState } from "./harness/session-helpers.js";

const gwInfo = inject("gateway");
const sshd = inject("sshd");
const env = { CLK_TOKEN: gwInfo.token };
const tag = () => randomBytes(3).toString("hex");
const sshArgs = (configDir: string) => [
  `ssh://${sshd.user}@${sshd.host}:${sshd.port}`, "--identity", sshd.key, "--known-hosts", sshd.knownHosts,
  "--remote-port", String(gwInfo.port), "--local-port", "0", "--token-env", "CLK_TOKEN", "--config-dir", configDir,
];

async function until<T>(probe: () => T | undefined | null | false, ms: number, what: string, detail: () => string = () => ""): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const json = (l: string) => JSON.parse(l) as Record<string, unknown>;
const runLog = (r: Run) => `stdout:\n${r.lines.join("\n")}\nstderr:\n${r.stderr.join("\n")}`;

/** A gateway-side client of our own, to read the gateway's record (approval.get) and raise requests. */
async function recordReader(url: string, token: string): Promise<GatewaySession> {
  const s = new GatewaySession({ url, gatewayKey: `reader-${tag()}`, target: "record reader", token: { value: token, source: "test" }, secrets: new MemorySecretStore() });
  await s.start();
  await waitForState(s, (x) => x.phase === "connected", 60_000, "reader connected");
  return s;
}

let reader: GatewaySession;
beforeAll(async () => {
  reader = await recordReader(gwInfo.url, gwInfo.token);
});
afterAll(async () => {
  cleanupCliRuns();
  await reader?.stop();
});

describe("clawlink approvals over an SSH tunnel (real sshd, real gateway, the real binary)", () => {
  let watch: Run;
  beforeAll(async () => {
    watch = runCli(["approvals", ...sshArgs(tmp("clawlink-cfg-")), "--json", "--watch"], env);
    await until(() => watch.stderr.some((l) => l.includes("watching")), 90_000, "the watch to list and start watching", () => runLog(watch));
  });
  afterAll(() => watch?.child.kill("SIGINT"));

  const requestFor = (command: string) =>
    watch.waitLine((l) => json(l).kind === "exec" && json(l).command === command, 90_000, `the approval for ${command}`).then(json);

  it("allow once: the item shows the command exactly, leaves within 1 s of the answer with who answered, and the command's output is the reply", async () => {
    const command = `echo inbox-allowed-${tag()}`;
    const chat = runCli(["chat", ...sshArgs(tmp("clawlink-cfg-")), "--session", `agent:main:inbox-${tag()}`, "--message", `please [[exec:${command}]]`], env);
    const item = await requestFor(command);
    expect(item).toMatchObject({ kind: "exec", command, host: "gateway", agentId: "main", allowedDecisions: ["allow-once", "deny"], requestedVia: "webchat" });
    expect(item.expiresAt as number).toBeGreaterThan(Date.now() + 60_000);
    expect(String(item.cwd)).toMatch(/workspace$/);

    const answer = runCli(["approvals", ...sshArgs(tmp("clawlink-cfg-")), "resolve", String(item.id), "allow-once"], env);
    const { code } = await answer.exit;
    expect(code, runLog(answer)).toBe(0);
    const answeredAt = Date.now();
    const gone = json(await watch.waitLine((l) => json(l).resolved === true && json(l).id === item.id, 5_000, "the resolved line"));
    expect(Date.now() - answeredAt).toBeLessThan(1_000);
    expect(gone).toMatchObject({ decision: "allow-once", by: expect.stringMatching(/^Clawlink on /) });

    const done = await chat.exit;
    expect(done.code, runLog(chat)).toBe(0);
    expect(chat.lines.join("\n")).toBe(`Exec result: ${command.replace(/^echo /, "")}`);
    const record = (await reader.request("approval.get", { id: item.id })) as { approval: { status: string; decision: string } };
    expect(record.approval).toMatchObject({ status: "allowed", decision: "allow-once" });
  });

  it("deny with a reason: the reply shows the denial, the agent is told why, and answering again exits 2 saying it was already resolved", async () => {
    const command = `echo inbox-denied-${tag()}`;
    const session = `agent:main:inbox-${tag()}`;
    const chat = runCli(["chat", ...sshArgs(tmp("clawlink-cfg-")), "--session", session, "--message", `please [[exec:${command}]]`], env);
    const item = await requestFor(command);
    const dir = tmp("clawlink-cfg-");
    const deny = runCli(["approvals", ...sshArgs(dir), "resolve", String(item.id), "deny", "--reason", "not on this machine"], env);
    expect((await deny.exit).code, runLog(deny)).toBe(0);
    expect(deny.stderr.join("\n")).toContain("the reason was sent to the agent");
    expect((await chat.exit).code, runLog(chat)).toBe(0);
    expect(chat.lines.join("\n")).toMatch(/^Exec result: .*denied/s);
    const history = (await reader.history(session)) as { role?: string; content?: unknown }[];
    expect(JSON.stringify(history.filter((m) => m.role === "user"))).toContain(`I denied \`${command}\`: not on this machine`);

    const again = runCli(["approvals", ...sshArgs(dir), "resolve", String(item.id), "deny"], env);
    expect((await again.exit).code).toBe(2);
    expect(again.stderr.join("\n")).toContain(`${item.id} was already resolved`);
    const unknown = runCli(["approvals", ...sshArgs(dir), "resolve", "no-such-approval", "deny"], env);
    expect((await unknown.exit).code).toBe(2);
    expect(unknown.stderr.join("\n")).toContain("The gateway has no pending request no-such-approval");
  });

  it("expiry: an approval the gateway lets lapse leaves the inbox as expired", async () => {
    const command = `ls /tmp; echo inbox-expiring-${tag()}`;
    const made = (await reader.request("exec.approval.request", { command, cwd: "/tmp", host: "gateway", timeoutMs: 4_000, twoPhase: true })) as { id: string; expiresAtMs: number };
    const item = await requestFor(command);
    expect(item.id).toBe(made.id);
    const left = json(await watch.waitLine((l) => json(l).resolved === true && json(l).id === made.id, 10_000, "the expired line"));
    expect(left).toMatchObject({ decision: "expired" });
    expect(Date.now()).toBeGreaterThanOrEqual(made.expiresAtMs);
    expect(await reader.request("exec.approval.list", {})).not.toContainEqual(expect.objectContaining({ id: made.id }));
  });
});

describe("one inbox across two gateways at once", () => {
  let second: TestGateway;
  let orch: Orchestrator;
  let hub: InboxHub;
  const logs = collectingLogger();
  const spec = (id: string, url: string, token: string): ConnectionSpec => ({ id, name: id === "one" ? "Gateway one" : "Gateway two", kind: "direct", url, token: { value: token, source: "test" }, gatewayKey: `inbox-${id}-${tag()}` });

  beforeAll(async () => {
    second = await new TestGateway({ manualPairing: true }).start();
    const dir = tmp("clawlink-inbox-");
    orch = new Orchestrator({ secrets: new MemorySecretStore(), logger: logs.logger, prompts: {}, configDir: dir, env: {}, homeDir: dir });
    hub = new InboxHub(orch, { logger: logs.logger });
    await orch.connect(spec("one", gwInfo.url, gwInfo.token));
    await orch.connect(spec("two", second.url, second.token));
    // The second gateway pairs devices by hand: approve ours with its own CLI, as its owner would.
    const pairing = await until(() => { const s = orch.get("two")?.snapshot; return s?.state === "pairing-required" ? s : null; }, 60_000, "our pairing request on gateway two");
    await second.cli(["devices", "approve", pairing.pairing.requestId!]);
    await until(() => hub.snapshot.gateways.length === 2 && hub.snapshot.gateways.every((g) => g.live), 90_000, "both inboxes live", () => JSON.stringify(orch.snapshots()));
  }, 240_000);
  afterAll(async () => {
    hub?.dispose();
    await orch?.stopAll();
    await second?.stop();
  });

  it("a request from each gateway: both in the inbox, each resolved on its own gateway", async () => {
    const one = `echo from-one-${tag()}`;
    const two = `echo from-two-${tag()}`;
    orch.get("one")!.session!.send(`agent:main:inbox-${tag()}`, `[[exec:${one}]]`);
    orch.get("two")!.session!.send(`agent:main:inbox-${tag()}`, `[[exec:${two}]]`);
    const [a, b] = await until(() => {
      const x = hub.snapshot.items.filter((i): i is ExecApprovalItem => i.kind === "exec");
      const a = x.find((i) => i.command === one);
      const b = x.find((i) => i.command === two);
      return a && b ? ([a, b] as const) : null;
    }, 90_000, "one request from each gateway", () => JSON.stringify(hub.snapshot));
    expect([a.connectionId, a.gatewayName, b.connectionId, b.gatewayName]).toEqual(["one", "Gateway one", "two", "Gateway two"]);

    // Gateway two does not know gateway one's request.
    expect(await hub.answerExec("two", a.id, "deny")).toMatchObject({ kind: "unknown-id" });
    expect(await hub.answerExec("one", a.id, "allow-once")).toEqual({ kind: "done", item: a.id });
    expect(await hub.answerExec("two", b.id, "deny")).toEqual({ kind: "done", item: b.id });
    const recordOne = (await orch.get("one")!.session!.request("approval.get", { id: a.id })) as { approval: { decision: string } };
    const recordTwo = (await orch.get("two")!.session!.request("approval.get", { id: b.id })) as { approval: { decision: string } };
    expect([recordOne.approval.decision, recordTwo.approval.decision]).toEqual(["allow-once", "deny"]);
    expect(hub.snapshot.items.filter((i) => i.id === a.id || i.id === b.id)).toEqual([]);
  });

  it("a pairing request from another device shows its name, platform, role and scopes, and Approve lets it in", async () => {
    const phone = new GatewaySession({ url: second.url, gatewayKey: `phone-${tag()}`, target: "another device", token: { value: second.token, source: "test" }, secrets: new MemorySecretStore(), policy: { pairingRetryMs: 1_000 } });
    try {
      await phone.start();
      await waitForState(phone, (x) => x.phase === "pairing-required", 30_000, "the other device waiting for pairing");
      const item = await until(() => hub.snapshot.items.find((i): i is PairingRequestItem => i.kind === "pairing" && i.deviceId === phone.deviceId), 30_000, "the pairing request in the inbox", () => JSON.stringify(hub.snapshot));
      expect(item).toMatchObject({ connectionId: "two", platform: "linux", role: "operator", displayName: expect.stringMatching(/^Clawlink on /) });
      expect(item.scopes).toEqual(expect.arrayContaining(["operator.read", "operator.approvals"]));
      expect(await hub.answerPairing("two", item.id, "approve")).toEqual({ kind: "done", item: item.id });
      await waitForState(phone, (x) => x.phase === "connected", 30_000, "the other device connected after approval from the inbox");
      expect(await hub.answerPairing("two", item.id, "approve")).toMatchObject({ kind: "already-resolved" });
    } finally {
      await phone.stop();
    }
  });
});
