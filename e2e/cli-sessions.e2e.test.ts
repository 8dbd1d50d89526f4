// `clawlink sessions` with the real binary against the run's real gateway (issue 12 "Chat", the CLI on
// the same core as the app's chat): new → list shows it by label with its key → rename → model (the
// second fake model, then an unknown one refused with the gateway's reason and the fix, exit 1) →
// delete (exit 0; again: exit 2, nothing deleted). Each step is checked in the gateway's own sessions.list.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GatewaySession } from "../src-main/core/gateway/gateway-session.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { cleanupCliRuns, runCli, tmp, type Run } from "./harness/cli-run.js";
import { waitForState } from "./harness/session-helpers.js";

const gw = inject("gateway");
const env = { CLK_TOKEN: gw.token };
const tag = () => randomBytes(4).toString("hex");
let reader: GatewaySession;
let configDir: string;

type Row = { key: string; label?: string; model?: string };
const gatewaySessions = async () => ((await reader.request("sessions.list", { limit: 200 })) as { sessions: Row[] }).sessions;
const log = (r: Run) => `stdout:\n${r.lines.join("\n")}\nstderr:\n${r.stderr.join("\n")}`;

async function sessions(...args: string[]): Promise<{ run: Run; code: number | null }> {
  const run = runCli(["sessions", gw.url, ...args, "--token-env", "CLK_TOKEN", "--config-dir", configDir], env);
  const { code } = await run.exit;
  return { run, code };
}

beforeAll(async () => {
  configDir = tmp("clawlink-cfg-");
  reader = new GatewaySession({ url: gw.url, gatewayKey: `cli-sessions-${tag()}`, target: "cli sessions reader", token: { value: gw.token, source: "test" }, secrets: new MemorySecretStore() });
  await reader.start();
  await waitForState(reader, (x) => x.phase === "connected", 60_000, "the test's reader connected");
});
afterAll(async () => {
  cleanupCliRuns();
  await reader?.stop();
});

describe("clawlink sessions against the real gateway", () => {
  const label = `CLI chat ${tag()}`;
  let key = "";

  it("new --label: prints the session (label, key, model) and the gateway has it", async () => {
    const { run, code } = await sessions("new", "--label", label, "--json");
    expect(code, log(run)).toBe(0);
    const row = JSON.parse(run.lines.at(-1)!) as Row;
    expect(row).toMatchObject({ label, model: "fake/fake-model", agentId: "main" });
    key = row.key;
    expect((await gatewaySessions()).find((s) => s.key === key)?.label).toBe(label);
  });

  it("list: one tab-separated line per session, by label (never a message), with its key", async () => {
    const { run, code } = await sessions("list");
    expect(code, log(run)).toBe(0);
    expect(run.lines).toContain(`${label}\t${key}\tfake/fake-model`);
  });

  it("rename and model: the gateway has the new label and the second model", async () => {
    const renamed = `${label} renamed`;
    const r1 = await sessions("rename", key, renamed);
    expect(r1.code, log(r1.run)).toBe(0);
    const r2 = await sessions("model", key, "fake/fake-model-b");
    expect(r2.code, log(r2.run)).toBe(0);
    expect(r2.run.lines).toEqual([`${renamed}\t${key}\tfake/fake-model-b`]);
    expect((await gatewaySessions()).find((s) => s.key === key)).toMatchObject({ label: renamed, model: "fake-model-b" });
  });

  it("an unknown model: exit 1 with the gateway's reason and the fix hint, nothing changed", async () => {
    const { run, code } = await sessions("model", key, "nope/none");
    expect(code).toBe(1);
    expect(run.stderr.join("\n")).toContain(`clawlink sessions: Could not change the session's model: Unknown provider "nope". Use /models to list providers. Pick one of the models this gateway lists`);
    expect((await gatewaySessions()).find((s) => s.key === key)?.model).toBe("fake-model-b");
  });

  it("delete: exit 0 and gone; again: exit 2, nothing deleted", async () => {
    const first = await sessions("delete", key);
    expect(first.code, log(first.run)).toBe(0);
    expect(first.run.stderr.join("\n")).toContain(`deleted ${key}`);
    expect((await gatewaySessions()).some((s) => s.key === key)).toBe(false);
    const again = await sessions("delete", key);
    expect(again.code).toBe(2);
    expect(again.run.stderr.join("\n")).toContain("was not there (nothing deleted)");
  });
});
