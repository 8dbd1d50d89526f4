// The UI as a person uses it, in real Chromium against the real `clawlink serve`, the real sshd and the
// run's real gateway: first run → add an SSH profile → the unknown host key is shown (its fingerprint is
// the sshd's) and accepted → connected with the gateway's facts → a chat round trip whose reply is seen
// streaming → the gateway restarts → "reconnecting" is shown → connected again with the history intact.
// The gateway token is typed into the UI; it never appears in argv, in the page, or in the config dir.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { screenshotPath } from "./harness/chromium.js";
import type { ServeRun } from "./harness/clawlink-serve.js";
import { freePort } from "./harness/free-port.js";
import { TestGateway } from "./harness/gateway.js";
import { openServedUi } from "./harness/ui-page.js";

// Page-side code (run in Chromium by waitForFunction/evaluate); the e2e tsconfig has no DOM lib.
interface PageEl {
  textContent: string | null;
  querySelector(s: string): PageEl | null;
}
declare const document: { querySelectorAll(s: string): ArrayLike<PageEl> & Iterable<PageEl>; body: { innerText: string } | null };

const gw = inject("gateway");
const sshd = inject("sshd");
const REPLY = "Hello from fake-llm. You said: ";

let ui: Awaited<ReturnType<typeof openServedUi>>;
let serve: ServeRun;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  // PATH without an `openclaw` CLI, so the first-run hint is the one for a machine without OpenClaw.
  ui = await openServedUi({ env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` }, consoleErrors: true });
  ({ serve, page, errors } = ui);
});
afterAll(async () => {
  expect(await ui?.close()).toBe(0);
});

const headerState = (p: Page) => p.locator(".profile-header [data-state]").getAttribute("data-state");
async function waitHeaderState(p: Page, state: string, timeoutMs: number): Promise<void> {
  await p.locator(`.profile-header [data-state="${state}"]`).waitFor({ timeout: timeoutMs });
}

describe("clawlink serve in real Chromium: SSH profile end to end", () => {
  const name = `Home ssh ${Date.now().toString(36)}`;

  it("first run: the local profile is tried and the add-gateway flow is offered", async () => {
    await page.goto(serve.url);
    // The token went from the address bar into a cookie.
    await page.waitForURL((u) => !u.search.includes("token="));
    await page.getByRole("heading", { name: "Clawlink" }).waitFor();
    await page.getByRole("button", { name: "This machine" }).waitFor();
    // Nothing listens on this machine's default port in the sandbox: the local profile waits quietly
    // (issue 12: not "Reconnecting (attempt N)" for ever) and says what is wrong and what to do.
    await waitHeaderState(page, "waiting-for-gateway", 30_000);
    const callout = page.getByRole("status", { name: "No gateway on this machine" });
    await callout.getByText("No gateway is running on this machine").waitFor({ timeout: 30_000 });
    expect(await callout.textContent()).toContain("Install OpenClaw on this machine and start `openclaw gateway`, or add a remote gateway (SSH or URL) instead.");
    await page.screenshot({ path: screenshotPath("ui-first-run") });
  });

  it("adds an SSH profile; the unknown host key shows the sshd's fingerprint and is accepted; connected", async () => {
    // A Host alias in ~/.ssh/config is offered as a suggestion for the SSH target.
    fs.mkdirSync(path.join(serve.home, ".ssh"), { recursive: true });
    fs.writeFileSync(path.join(serve.home, ".ssh", "config"), `Host lab-gateway\n  HostName ${sshd.host}\n  User ${sshd.user}\n  Port ${sshd.port}\n`);
    await page.getByRole("button", { name: "+ Add remote gateway" }).click();
    await page.locator('#ssh-config-hosts option[value="lab-gateway"]').waitFor({ state: "attached", timeout: 10_000 });
    expect(await page.locator('#ssh-config-hosts option[value="lab-gateway"]').textContent()).toBe(`${sshd.user}@${sshd.host}:${sshd.port}`);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("SSH target").fill(`${sshd.user}@${sshd.host}:${sshd.port}`);
    await page.getByLabel("Identity file").fill(sshd.key);
    await page.getByLabel("Remote gateway port").fill(String(gw.port));
    await page.getByLabel("Local port").fill(String(await freePort()));
    await page.getByLabel("Gateway token").fill(gw.token);
    await page.screenshot({ path: screenshotPath("ui-add-ssh") });
    await page.getByRole("button", { name: "Add gateway" }).click();

    const dialog = page.getByRole("dialog", { name: "Unknown SSH host key" });
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.getByTestId("host-key-fingerprint").textContent()).toBe(sshd.hostFingerprint);
    await page.screenshot({ path: screenshotPath("ui-host-key-prompt") });
    await dialog.getByRole("button", { name: "Accept and remember" }).click();
    await dialog.waitFor({ state: "detached" });

    await waitHeaderState(page, "connected", 60_000);
    // The accepted key was remembered in Clawlink's own known_hosts.
    expect(fs.readFileSync(path.join(serve.configDir, "known_hosts"), "utf8")).toContain(`[${sshd.host}]:${sshd.port}`);
    const details = page.getByRole("table", { name: "Connection details" });
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table[aria-label="Connection details"] tr')];
      const v = (label: string) => rows.find((r) => r.querySelector("th")?.textContent === label)?.querySelector("td")?.textContent;
      return v("Gateway version") !== "—" && v("Uptime") !== "—" && v("Latency") !== "—";
    }, undefined, { timeout: 60_000 });
    const text = (await details.textContent()) ?? "";
    expect(text).toMatch(/Local forward port127\.0\.0\.1:\d+/);
    expect(text).toMatch(/SSH login.*publickey/);
    expect(text).toMatch(/Auth sourceshared token from keychain/);
    const steps = await page.getByRole("list", { name: "Connect steps" }).textContent();
    for (const step of ["Opening SSH connection", "Checking the SSH host key", "Connected"]) expect(steps).toContain(step);
    // Settings show the token as stored, never its value.
    await page.getByRole("tab", { name: "Token & settings" }).click();
    expect(await page.getByTestId("token-stored").first().textContent()).toMatch(/^set/);
    await page.getByRole("tab", { name: "Status" }).click();
    await page.screenshot({ path: screenshotPath("ui-status-connected") });
  });

  it("chat: the reply is seen streaming, then final; the transcript holds both turns", async () => {
    await page.getByRole("tab", { name: "Chat" }).click();
    const box = page.getByRole("textbox", { name: "Message" });
    await box.waitFor({ timeout: 30_000 });
    await box.fill("[[slow]] streamed through the tunnel");
    await box.press("Enter");
    // Partial text while the run is streaming (300 ms between words), before the final.
    const streaming = page.locator('[data-run-state="delta"]');
    await streaming.waitFor({ timeout: 60_000 });
    const partial = (await streaming.locator(".md").textContent()) ?? "";
    expect(partial.length).toBeGreaterThan(0);
    expect(`${REPLY}streamed through the tunnel`.startsWith(partial.trim())).toBe(true);
    expect(partial.trim()).not.toBe(`${REPLY}streamed through the tunnel`);
    await page.screenshot({ path: screenshotPath("ui-chat-streaming") });
    const log = page.getByRole("log", { name: "Messages" });
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('[role="log"] article[data-role="assistant"]')].some((a) => a.textContent?.includes(want)),
      `${REPLY}streamed through the tunnel`,
      { timeout: 60_000 },
    );
    // After the final the authoritative transcript replaces the live run: no streaming rows remain.
    await page.locator('[data-run-state="delta"]').waitFor({ state: "detached", timeout: 30_000 });
    expect(await log.textContent()).toContain("streamed through the tunnel");
    await page.screenshot({ path: screenshotPath("ui-chat") });
  });

  it("gateway restart: reconnecting is shown, then connected again with the history intact", async () => {
    const gateway = TestGateway.attach(gw);
    const restarting = gateway.restart("SIGTERM");
    await waitHeaderState(page, "reconnecting", 60_000);
    await page.screenshot({ path: screenshotPath("ui-reconnecting") });
    await restarting;
    await waitHeaderState(page, "connected", 90_000);
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('[role="log"] article[data-role="assistant"]')].some((a) => a.textContent?.includes(want)),
      `${REPLY}streamed through the tunnel`,
      { timeout: 30_000 },
    );
    const users = await page.locator('[role="log"] article[data-role="user"]').allTextContents();
    expect(users.filter((u) => u.includes("streamed through the tunnel"))).toHaveLength(1);
    await page.getByRole("tab", { name: "Status" }).click();
    const steps = (await page.getByRole("list", { name: "Connect steps" }).textContent()) ?? "";
    expect(steps).toMatch(/Reconnecting[\s\S]*Connected/);
    await page.screenshot({ path: screenshotPath("ui-recovered") });
    expect(await headerState(page)).toBe("connected");
  });

  it("the gateway token appears nowhere it must not: not in argv, the page, or the config dir", async () => {
    expect(fs.readFileSync(`/proc/${serve.child.pid}/cmdline`, "utf8")).not.toContain(gw.token);
    expect(await page.content()).not.toContain(gw.token);
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const f of walk(serve.configDir)) expect(fs.readFileSync(f, "utf8"), f).not.toContain(gw.token);
    expect(serve.stdout.join("\n") + serve.stderr.join("\n")).not.toContain(gw.token);
    expect(errors).toEqual([]);
  });
});
