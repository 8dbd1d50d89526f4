// Accessibility of every screen (issue 12), in real Chromium through the real `clawlink serve`, against
// the run's real gateway and sshd: axe-core (e2e/harness/axe.ts) on the first run, the add-gateway forms,
// the SSH host-key dialog, status, chat, the inbox with a real exec-approval card (and its banner),
// settings, diagnostics, the command palette, the compact 380×640 layout, and a few screens in the dark
// colour scheme — no serious or critical violation on any. Beside axe: modal dialogs keep Tab inside and give focus back, the profile tabs follow
// the ARIA tabs pattern (arrow keys, Home/End, aria-controls naming the shown panel), and the chat's one
// live region says a streamed reply once, when it is final — never a delta.
// Every screen's violations (all impacts) go to test-output/axe-results.json. The 1280×800 and 380×640
// screenshots of the README are written to docs/screenshots/ only with CLAWLINK_DOC_SCREENSHOTS=1.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, blocking, describeViolations, type AxeViolation } from "./harness/axe.js";
import { screenshotPath, TEST_OUTPUT_DIR } from "./harness/chromium.js";
import { freePort } from "./harness/free-port.js";
import { ExecRequester, tag } from "./harness/ui-flows.js";
import { openServedUi } from "./harness/ui-page.js";

const gw = inject("gateway");
const sshd = inject("sshd");
const NAME = `A11y gateway ${tag()}`;
const FULL = { width: 1280, height: 800 };
const COMPACT = { width: 380, height: 640 };

let ui: Awaited<ReturnType<typeof openServedUi>>;
let page: Page;
let requester: ExecRequester;
const results: Record<string, AxeViolation[]> = {};

beforeAll(async () => {
  ui = await openServedUi({ consoleErrors: true });
  page = ui.page;
  await page.setViewportSize(FULL);
  await page.goto(ui.serve.url);
  await page.getByRole("button", { name: "+ Add remote gateway" }).waitFor();
  requester = await ExecRequester.start(gw, "ui-a11y");
}, 120_000);
afterAll(async () => {
  fs.mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(TEST_OUTPUT_DIR, "axe-results.json"), `${JSON.stringify(results, null, 2)}\n`);
  await requester?.stop();
  expect(await ui?.close()).toBe(0);
});

/** axe on the page as it is now, recorded under `screen`; the serious and critical ones must be none. */
async function axeScreen(screen: string): Promise<void> {
  const all = await axeViolations(page);
  results[screen] = all;
  const bad = blocking(all);
  expect.soft(bad, `${screen}:\n${describeViolations(bad)}`).toEqual([]);
}

/** How many focused elements match `selector` (the e2e tsconfig has no DOM lib: CSS :focus instead). */
const focusedIn = (selector: string) => page.locator(`${selector}:focus, ${selector} :focus`).count();
const focusedName = () => page.evaluate("document.activeElement && (document.activeElement.getAttribute('aria-label') || document.activeElement.textContent || document.activeElement.tagName)") as Promise<string>;

async function docShot(name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name) });
  // The README pictures are refreshed on request only, so a test run leaves the tree clean.
  if (process.env.CLAWLINK_DOC_SCREENSHOTS === "1") await page.screenshot({ path: path.resolve(`docs/screenshots/${name}.png`) });
}

describe("axe and keyboard semantics on every screen (real Chromium, clawlink serve, the real gateway)", () => {
  it("first run and the add-gateway forms (SSH, URL, import)", async () => {
    await page.getByRole("button", { name: "This machine" }).waitFor();
    await axeScreen("first run");
    await page.getByRole("button", { name: "+ Add remote gateway" }).click();
    await page.getByLabel("SSH target").waitFor();
    await axeScreen("add gateway: SSH");
    await page.getByRole("tab", { name: "URL (ws/wss)" }).click();
    await page.getByLabel("Gateway URL").waitFor();
    await axeScreen("add gateway: URL");
    await page.getByRole("tab", { name: "Import openclaw.json" }).click();
    await page.getByRole("button", { name: "Import from openclaw.json" }).waitFor();
    await axeScreen("add gateway: import");
    await page.getByRole("tab", { name: "SSH tunnel" }).click();
  });

  it("the SSH host-key dialog: axe, focus starts inside, Tab and Shift+Tab wrap inside, focus comes back to the page", async () => {
    await page.getByLabel("Name").fill(NAME);
    await page.getByLabel("SSH target").fill(`${sshd.user}@${sshd.host}:${sshd.port}`);
    await page.getByLabel("Identity file").fill(sshd.key);
    await page.getByLabel("Remote gateway port").fill(String(gw.port));
    await page.getByLabel("Local port").fill(String(await freePort()));
    await page.getByLabel("Gateway token").fill(gw.token);
    await page.getByRole("button", { name: "Add gateway" }).click();
    const dialog = page.getByRole("dialog", { name: "Unknown SSH host key" });
    await dialog.waitFor({ timeout: 30_000 });
    await axeScreen("SSH host-key dialog");
    expect(await focusedName()).toBe("Accept and remember");
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      expect(await focusedIn('[role="dialog"]'), `focus inside the dialog after Tab ${i + 1}`).toBe(1);
    }
    await page.keyboard.press("Shift+Tab");
    expect(await focusedIn('[role="dialog"]'), "focus inside the dialog after Shift+Tab").toBe(1);
    await dialog.getByRole("button", { name: "Accept and remember" }).focus();
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    // The form that opened it is gone (the view moved to the new profile): focus goes to the main region.
    expect(await focusedIn("main")).toBe(1);
    await page.locator('.profile-header [data-state="connected"]').waitFor({ timeout: 60_000 });
  });

  it("status, settings, diagnostics; the profile tabs follow the ARIA tabs pattern", async () => {
    await page.getByRole("table", { name: "Connection details" }).waitFor();
    await axeScreen("status (connected)");
    await docShot("ui-full-1280x800");
    const tabs = page.getByRole("tablist", { name: "Profile views" }).getByRole("tab");
    expect(await tabs.evaluateAll((els) => els.map((e) => (e as unknown as { tabIndex: number }).tabIndex))).toEqual([0, -1, -1, -1, -1]);
    await page.getByRole("tab", { name: "Status" }).focus();
    const selectedAfter = async (key: string) => {
      await page.keyboard.press(key);
      const tab = page.locator('[role="tab"][aria-selected="true"]');
      const controls = await tab.getAttribute("aria-controls");
      // The selected tab has focus, and the panel it names is the one shown, labelled by it.
      expect(await focusedIn('[role="tab"][aria-selected="true"]'), `focus on the selected tab after ${key}`).toBe(1);
      expect(await page.locator(`[role="tabpanel"]#${controls}`).getAttribute("aria-labelledby")).toBe(await tab.getAttribute("id"));
      return (await tab.textContent())!.trim();
    };
    expect(await selectedAfter("ArrowRight")).toBe("Chat");
    expect(await selectedAfter("End")).toBe("Diagnostics");
    expect(await selectedAfter("ArrowRight")).toBe("Status");
    expect(await selectedAfter("ArrowLeft")).toBe("Diagnostics");
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByTestId("ladder-outcome").waitFor({ timeout: 60_000 });
    await axeScreen("diagnostics (after a test)");
    await page.getByRole("tab", { name: "Token & settings" }).click();
    await axeScreen("settings");
    expect(await selectedAfter("Home")).toBe("Status");
  });

  it("chat: the log is not live; the one live region says the streamed reply once, when it is final", async () => {
    await page.getByRole("tab", { name: "Chat" }).click();
    const box = page.getByRole("textbox", { name: "Message" });
    await box.waitFor({ timeout: 30_000 });
    expect(await page.getByRole("log", { name: "Messages" }).getAttribute("aria-live")).toBe("off");
    // Every change of the live region's text, and every change of the message list, counted in the page
    // while the reply streams slowly (300 ms a word).
    await page.evaluate(`(() => {
      const said = document.querySelector('[data-testid="chat-announcer"]');
      const log = document.querySelector('[role="log"]');
      window.__said = [];
      window.__logChanges = 0;
      new MutationObserver(() => window.__said.push(said.textContent)).observe(said, { childList: true, characterData: true, subtree: true });
      new MutationObserver(() => window.__logChanges++).observe(log, { childList: true, characterData: true, subtree: true });
    })()`);
    const words = `a11y words ${tag()}`;
    await box.fill(`[[slow]] ${words}`);
    await page.keyboard.press("Enter");
    await page.getByTestId("chat-announcer").filter({ hasText: words }).waitFor({ timeout: 60_000 });
    const said = (await page.evaluate("window.__said.filter((t) => t)")) as string[];
    expect(said).toEqual([`Reply from ${NAME}: Hello from fake-llm. You said: ${words}`]);
    // The reply really streamed: the list changed many times while the live region spoke once.
    expect(await page.evaluate("window.__logChanges")).toBeGreaterThan(5);
    await axeScreen("chat (after a streamed reply)");
    await docShot("ui-chat-full-1280x800");
  });

  it("the inbox with a real exec approval: the banner, the card, the resolved note", async () => {
    const command = `echo a11y-${tag()}`;
    requester.request(command, "ui-a11y");
    const banner = page.getByTestId("notification-banner").filter({ hasText: command });
    await banner.waitFor({ timeout: 90_000 });
    await axeScreen("notification banner (over chat)");
    await page.getByTestId("inbox-nav").click();
    const card = page.locator('.inbox-list article[data-kind="exec"]').filter({ has: page.getByTestId("exec-command").getByText(command, { exact: true }) });
    await card.waitFor({ timeout: 30_000 });
    await axeScreen("inbox with an exec approval");
    await card.getByRole("button", { name: "Deny" }).click();
    await card.waitFor({ state: "detached", timeout: 5_000 });
    await page.getByTestId("inbox-resolved").getByText(command).waitFor({ timeout: 5_000 });
    await axeScreen("inbox: resolved note");
  });

  it("the command palette: axe, focus in the combobox and kept there, Esc gives focus back", async () => {
    await page.getByRole("button", { name: NAME }).click();
    await page.getByRole("tab", { name: "Chat" }).focus();
    await page.keyboard.press("Control+k");
    const dialog = page.getByRole("dialog", { name: "Command palette" });
    await dialog.waitFor();
    expect(await focusedIn('[role="dialog"] [role="combobox"]')).toBe(1);
    await axeScreen("command palette");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Shift+Tab");
    expect(await focusedIn('[role="dialog"]')).toBe(1);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await focusedName()).toBe("Chat");
  });

  it("the compact 380×640 layout: chat, status, inbox, add gateway, palette", async () => {
    // More sessions than the compact strip can show (the run's shared gateway may hold any number from
    // other files): the strip must scroll, each button keeping its size. The list follows sessions.changed.
    const more = tag();
    for (let i = 0; i < 30; i++) await requester.session.request("sessions.create", { label: `a11y strip ${more} ${i}` });
    await page.setViewportSize(COMPACT);
    await page.locator('[data-layout="compact"]').waitFor();
    await page.getByRole("tab", { name: "Chat" }).click();
    await page.getByRole("textbox", { name: "Message" }).waitFor({ timeout: 30_000 });
    await page.locator(".chat-sessions .session").filter({ hasText: `a11y strip ${more} 29` }).waitFor({ state: "attached", timeout: 15_000 });
    const narrowest = await page.locator(".chat-sessions .session").evaluateAll((els) => Math.min(...els.map((e) => e.getBoundingClientRect().width)));
    expect(narrowest, "the narrowest session button in the compact strip, px").toBeGreaterThanOrEqual(24);
    await axeScreen("compact: chat");
    await docShot("ui-compact-380x640");
    await page.getByRole("tab", { name: "Status" }).click();
    await axeScreen("compact: status");
    await page.getByTestId("inbox-nav").click();
    await axeScreen("compact: inbox");
    await page.getByRole("button", { name: "+ Add remote gateway" }).click();
    await axeScreen("compact: add gateway");
    await page.getByRole("button", { name: "Commands" }).click();
    await page.getByRole("dialog", { name: "Command palette" }).waitFor();
    await axeScreen("compact: command palette");
    await page.keyboard.press("Escape");
    await page.setViewportSize(FULL);
  });

  it("the dark colour scheme: status, chat, settings, add gateway", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.getByRole("button", { name: NAME }).click();
    await page.getByRole("tab", { name: "Status" }).click();
    await page.getByRole("table", { name: "Connection details" }).waitFor();
    await axeScreen("dark: status");
    await page.getByRole("tab", { name: "Chat" }).click();
    await page.getByRole("textbox", { name: "Message" }).waitFor({ timeout: 30_000 });
    await axeScreen("dark: chat");
    await page.getByRole("tab", { name: "Token & settings" }).click();
    await axeScreen("dark: settings");
    await page.getByRole("button", { name: "+ Add remote gateway" }).click();
    await axeScreen("dark: add gateway");
    await page.emulateMedia({ colorScheme: "light" });
    expect(ui.errors).toEqual([]);
  });
});
