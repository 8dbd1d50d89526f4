// Issue 12 in real Chromium against the real `clawlink serve`, the real sshd and real gateways:
// - first run with no gateway on this machine: "This machine" waits quietly ("No gateway on this
//   machine", no attempt count), and connects by itself when that machine's gateway starts;
// - an SSH profile added with a wrong remote port is fixed in Settings (the port edited in place, the
//   stored token kept): the page says it reconnects, and it connects;
// - a value the core refuses is named by its field and nothing changes on disk;
// - "Forget host key" and a new connect: the first-use host key question is asked again;
// - Duplicate puts a copy right after the profile, without its secrets; Move up reorders the list.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { screenshotPath } from "./harness/chromium.js";
import type { ServeRun } from "./harness/clawlink-serve.js";
import { freePort } from "./harness/free-port.js";
import { TestGateway } from "./harness/gateway.js";
import { openServedUi } from "./harness/ui-page.js";

const gw = inject("gateway");
const sshd = inject("sshd");
const suffix = Date.now().toString(36);
const sshName = `Edit ssh ${suffix}`;

/** "This machine"'s own gateway: its config lays down the port and token the local profile reads. */
let local: TestGateway;
let ui: Awaited<ReturnType<typeof openServedUi>>;
let serve: ServeRun;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  // Start once to write a real config and state, then stop it: the UI starts with nothing listening.
  local = await new TestGateway().start();
  await local.signal("SIGTERM");
  const env = local.cliEnv();
  ui = await openServedUi({
    // No openclaw CLI on PATH; this machine's OpenClaw config and state are the stopped gateway's.
    env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, OPENCLAW_STATE_DIR: env.OPENCLAW_STATE_DIR!, OPENCLAW_CONFIG_PATH: env.OPENCLAW_CONFIG_PATH!, OPENCLAW_HOME: env.OPENCLAW_HOME! },
    consoleErrors: true,
  });
  ({ serve, page, errors } = ui);
  await page.goto(serve.url);
  await page.getByRole("button", { name: "+ Add remote gateway" }).waitFor();
}, 240_000);
afterAll(async () => {
  await ui?.close();
  await local?.stop();
});

const headerState = (p: Page) => p.locator(".profile-header [data-state]").getAttribute("data-state");
const waitHeaderState = (p: Page, state: string, timeoutMs: number) => p.locator(`.profile-header [data-state="${state}"]`).waitFor({ timeout: timeoutMs });
const profilesFile = () => fs.readFileSync(path.join(serve.configDir, "profiles.json"), "utf8");

describe("issue 12 in real Chromium: first run, editing a profile, forgetting trust", () => {
  it("no gateway on this machine: an idle 'No gateway on this machine' state, no attempts counted", async () => {
    await page.getByRole("button", { name: "This machine" }).click();
    await waitHeaderState(page, "waiting-for-gateway", 30_000);
    const callout = page.getByRole("status", { name: "No gateway on this machine" });
    expect(await callout.textContent()).toContain(`No gateway is running on this machine (nothing answers at ws://127.0.0.1:${local.port}).`);
    // Quiet: a few seconds later it is still waiting, and no "Reconnecting (attempt …)" is shown anywhere.
    await new Promise((r) => setTimeout(r, 4000));
    expect(await headerState(page)).toBe("waiting-for-gateway");
    expect(await page.locator("body").textContent()).not.toMatch(/attempt \d+/);
    await page.screenshot({ path: screenshotPath("ui-no-local-gateway") });
  });

  it("this machine's gateway starts: connected by itself, without a click", async () => {
    // Resolves once the gateway answers a real handshake; the page was not touched since it was waiting.
    await local.restart();
    await waitHeaderState(page, "connected", 60_000);
    // The wait is in the steps: in the current attempt, or folded into the history when the gateway's
    // start-up answers (UNAVAILABLE while it starts) made another attempt after it.
    const current = (await page.getByRole("list", { name: "Connect steps" }).textContent()) ?? "";
    const history = page.locator('ol[aria-label="Earlier attempts"]');
    const earlier = (await history.count()) ? ((await history.textContent()) ?? "") : "";
    expect({ waited: `${earlier}\n${current}`.includes("No gateway on this machine"), connected: current.includes("Connected") }).toEqual({ waited: true, connected: true });
  }, 240_000);

  it("an SSH profile added with a wrong remote port is fixed by editing that port in Settings: it says it reconnects, and connects", async () => {
    const name = sshName;
    await page.getByRole("button", { name: "+ Add remote gateway" }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("SSH target").fill(`${sshd.user}@${sshd.host}:${sshd.port}`);
    await page.getByLabel("Identity file").fill(sshd.key);
    await page.getByLabel("Remote gateway port").fill(String(await freePort()));
    await page.getByLabel("Local port").fill(String(await freePort()));
    await page.getByLabel("Gateway token").fill(gw.token);
    await page.getByRole("button", { name: "Add gateway" }).click();
    const dialog = page.getByRole("dialog", { name: "Unknown SSH host key" });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole("button", { name: "Accept and remember" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.locator(".profile-header h2", { hasText: name }).waitFor();

    await page.getByRole("tab", { name: "Token & settings" }).click();
    await page.getByTestId("edit-remotePort").fill(String(gw.port));
    await page.getByRole("button", { name: "Save changes" }).click();
    const saved = page.getByTestId("edit-saved");
    await saved.waitFor({ timeout: 15_000 });
    expect(await saved.textContent()).toMatch(new RegExp(`Remote gateway port \\d+ → ${gw.port}\\. Reconnecting ${name} to use it; other gateways are not affected\\.`));
    // The token typed at add time was kept through the edit.
    expect(await page.getByTestId("token-stored").first().textContent()).toMatch(/^set/);
    await page.screenshot({ path: screenshotPath("ui-profile-edited") });
    await waitHeaderState(page, "connected", 60_000);
  });

  it("a refused value is named by its field, marked invalid, and profiles.json is unchanged", async () => {
    const before = profilesFile();
    const field = page.getByTestId("edit-remotePort");
    await field.fill("70000");
    await page.getByRole("button", { name: "Save changes" }).click();
    const error = page.getByTestId("edit-error");
    await error.waitFor({ timeout: 15_000 });
    expect(await error.textContent()).toMatch(/^Remote gateway port: .*\(nothing was changed\)/);
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(profilesFile()).toBe(before);
    await page.screenshot({ path: screenshotPath("ui-profile-edit-refused") });
    await page.getByRole("button", { name: "Undo" }).click();
  });

  it("adding the same SSH gateway again warns and opens the existing profile instead", async () => {
    const name = sshName;
    await page.getByRole("button", { name: "+ Add remote gateway" }).click();
    await page.getByLabel("SSH target").fill(`${sshd.user}@${sshd.host}:${sshd.port}`);
    await page.getByLabel("Remote gateway port").fill(String(gw.port));
    const warning = page.getByTestId("already-a-profile");
    await warning.waitFor({ timeout: 10_000 });
    expect(await warning.textContent()).toContain(`${name} already reaches this gateway.`);
    await page.screenshot({ path: screenshotPath("ui-add-already-a-profile") });
    await warning.getByRole("button", { name: `Open ${name}` }).click();
    await page.locator(".profile-header h2", { hasText: name }).waitFor();
    await page.getByRole("tab", { name: "Token & settings" }).click();
  });

  it("a dashboard link pasted into the URL field: its #token= leaves the field at once, into the masked token field", async () => {
    const fake = `not-a-real-token-${suffix}`;
    await page.getByRole("button", { name: "+ Add remote gateway" }).click();
    await page.getByRole("tab", { name: "URL (ws/wss)" }).click();
    const url = page.getByLabel("Gateway URL");
    await url.fill(`http://127.0.0.1:${gw.port}/#token=${fake}`);
    await page.getByTestId("token-moved").waitFor({ timeout: 10_000 });
    const shown = await url.inputValue();
    const token = page.getByLabel("Gateway token");
    expect({ shown, tokenType: await token.getAttribute("type"), token: await token.inputValue() }).toEqual({ shown: `http://127.0.0.1:${gw.port}/`, tokenType: "password", token: fake });
    await page.screenshot({ path: screenshotPath("ui-add-link-token-masked") });
    // Back to the SSH profile (nothing was added) for the trust test.
    await page.getByRole("button", { name: sshName }).click();
    await page.locator(".profile-header h2", { hasText: sshName }).waitFor();
    await page.getByRole("tab", { name: "Token & settings" }).click();
  });

  it("Forget host key, then connect again: the first-use host key question comes back with the sshd's key", async () => {
    const knownHosts = path.join(serve.configDir, "known_hosts");
    expect(fs.readFileSync(knownHosts, "utf8")).toContain(`[${sshd.host}]:${sshd.port}`);
    await page.getByRole("button", { name: "Forget host key" }).click();
    const result = page.getByTestId("forget-host-key-result");
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toMatch(/^Forgot 1 host key\(s\) of /);
    expect(fs.readFileSync(knownHosts, "utf8")).not.toContain(`[${sshd.host}]:${sshd.port}`);

    await page.getByRole("tab", { name: "Status" }).click();
    await page.getByRole("button", { name: "Disconnect" }).click();
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Unknown SSH host key" });
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.getByTestId("host-key-fingerprint").textContent()).toBe(sshd.hostFingerprint);
    await page.screenshot({ path: screenshotPath("ui-host-key-asked-again") });
    await dialog.getByRole("button", { name: "Accept and remember" }).click();
    await waitHeaderState(page, "connected", 60_000);
  });

  it("Duplicate makes a copy right after it (selected, not connected, no secrets); Move up reorders the list", async () => {
    const names = () => page.locator(".profile-list li").allTextContents();
    await page.getByRole("tab", { name: "Token & settings" }).click();
    await page.getByRole("button", { name: "Duplicate" }).click();
    const copy = `${sshName} (copy)`;
    await page.locator(".profile-header h2", { hasText: copy }).waitFor({ timeout: 15_000 });
    await page.getByRole("tab", { name: "Token & settings" }).click();
    const listed = await names();
    const at = listed.findIndex((n) => n.includes(copy));
    expect({ afterOriginal: listed[at - 1]?.includes(sshName), token: await page.getByTestId("token-stored").first().textContent() }).toEqual({ afterOriginal: true, token: expect.stringMatching(/^not stored/) });
    await page.getByRole("button", { name: "Move up" }).click();
    await expect.poll(async () => (await names()).findIndex((n) => n.includes(copy)), { timeout: 10_000 }).toBe(at - 1);
    expect(errors).toEqual([]);
  });
});
