// The UI by keyboard alone (issue 12), in real Chromium through the real `clawlink serve` against the
// run's real gateway: no mouse and no element.click() — only page.keyboard. Tab, the arrow keys and
// typing add a URL gateway (Connect now unticked with Space); Ctrl+K's palette connects it; Ctrl+1 and
// Ctrl+2 switch gateways; Enter sends a message and the reply arrives; a message carrying the fake
// model's [[exec:CMD]] marker makes the real gateway ask for approval (its exec policy is ask=always),
// and the palette's "Open the inbox", Tab and Enter allow it once — the command's output is the reply;
// Esc in the message box aborts a slow ([[slow]]) reply mid-stream.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { screenshotPath } from "./harness/chromium.js";
import { tag } from "./harness/ui-flows.js";
import { openServedUi } from "./harness/ui-page.js";

const gw = inject("gateway");
const NAME = `KB gateway ${tag()}`;

let ui: Awaited<ReturnType<typeof openServedUi>>;
let page: Page;

beforeAll(async () => {
  ui = await openServedUi({ consoleErrors: true });
  page = ui.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(ui.serve.url);
  await page.getByRole("button", { name: "+ Add remote gateway" }).waitFor();
}, 120_000);
afterAll(async () => {
  expect(await ui?.close()).toBe(0);
});

/** What a screen reader would call the focused element (its aria-label, its label, or its text). */
const focusedName = () =>
  page.evaluate(`(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return "";
    const label = e.getAttribute("aria-label") || (e.labels && e.labels[0] && e.labels[0].textContent) || e.textContent || "";
    return label.trim();
  })()`) as Promise<string>;

/** Presses Tab until the focused element is called `name` (at most `max` presses); fails naming what was passed. */
async function tabTo(name: string | RegExp, max = 40): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focusedName();
    if (typeof name === "string" ? now === name : name.test(now)) return;
    passed.push(now);
  }
  throw new Error(`Tab never reached "${String(name)}" in ${max} presses; passed: ${passed.join(" | ")}`);
}

/** Ctrl+K, the query typed, Enter: runs the palette's first match. */
async function palette(query: string): Promise<void> {
  await page.keyboard.press("Control+k");
  await page.getByRole("dialog", { name: "Command palette" }).waitFor();
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "Command palette" }).waitFor({ state: "detached" });
}

const heading = () => page.locator(".profile-header h2").textContent();

/** Puts the keyboard in the chat's message box of the selected gateway. */
async function toComposer(): Promise<void> {
  await palette(`chat ${NAME.split(" ")[2]}`);
  await page.getByRole("textbox", { name: "Message" }).waitFor({ timeout: 30_000 });
  await tabTo("Message");
}

describe("keyboard only (real Chromium, clawlink serve, the real gateway)", () => {
  it("adds a URL gateway with Tab, the arrow keys and typing; Ctrl+K connects it; Ctrl+1 / Ctrl+2 switch gateways", async () => {
    await tabTo("+ Add remote gateway");
    await page.keyboard.press("Enter");
    await tabTo("SSH tunnel");
    await page.keyboard.press("ArrowRight");
    expect(await page.getByRole("tab", { name: "URL (ws/wss)" }).getAttribute("aria-selected")).toBe("true");
    await tabTo("Name");
    await page.keyboard.type(NAME);
    await tabTo("Gateway URL");
    await page.keyboard.type(gw.url);
    await tabTo("Gateway token");
    await page.keyboard.type(gw.token);
    await tabTo("Connect now");
    await page.keyboard.press("Space");
    expect(await page.getByRole("checkbox", { name: "Connect now" }).isChecked()).toBe(false);
    await tabTo("Add gateway");
    await page.keyboard.press("Enter");
    await page.locator(".profile-header h2", { hasText: NAME }).waitFor();
    await page.screenshot({ path: screenshotPath("ui-keyboard-added") });
    expect(await page.locator('.profile-header [data-state="connected"]').count()).toBe(0);

    await palette(`connect ${NAME.split(" ")[2]}`);
    await page.locator('.profile-header [data-state="connected"]').waitFor({ timeout: 60_000 });

    await page.keyboard.press("Control+1");
    await page.locator(".profile-header h2", { hasText: "This machine" }).waitFor({ timeout: 5_000 });
    await page.keyboard.press("Control+2");
    await page.locator(".profile-header h2", { hasText: NAME }).waitFor({ timeout: 5_000 });
    expect(await heading()).toBe(NAME);
  });

  it("sends a message with Enter; the reply arrives", async () => {
    await toComposer();
    const words = `keyboard hello ${tag()}`;
    await page.keyboard.type(words);
    await page.keyboard.press("Enter");
    await page.getByRole("log", { name: "Messages" }).getByText(`Hello from fake-llm. You said: ${words}`).waitFor({ timeout: 60_000 });
    expect(await page.getByRole("textbox", { name: "Message" }).inputValue()).toBe("");
  });

  it("answers an exec approval from the inbox by keyboard: Allow once, and the command's output is the reply", async () => {
    const word = `kb-${tag()}`;
    await toComposer();
    await page.keyboard.type(`please [[exec:echo ${word}]]`);
    await page.keyboard.press("Enter");
    const card = page.locator('.inbox-list article[data-kind="exec"]').filter({ has: page.getByTestId("exec-command").getByText(`echo ${word}`, { exact: true }) });
    // The request is announced by the page's banner while the chat is shown.
    await page.getByTestId("notification-banner").filter({ hasText: word }).waitFor({ timeout: 90_000 });
    await palette("open the inbox");
    await card.waitFor({ timeout: 10_000 });
    await tabTo("Allow once");
    expect(await card.locator(":focus").count(), "the focused Allow once is this card's").toBe(1);
    await page.keyboard.press("Enter");
    await card.waitFor({ state: "detached", timeout: 5_000 });
    await page.getByTestId("inbox-resolved").getByText(new RegExp(`echo ${word} on ${NAME}: Allowed once by you`)).waitFor({ timeout: 5_000 });
    await toComposer();
    await page.getByRole("log", { name: "Messages" }).getByText(`Exec result: ${word}`).waitFor({ timeout: 90_000 });
  });

  it("Esc in the message box aborts a slow reply mid-stream", async () => {
    await toComposer();
    const words = `keyboard slow ${tag()} ${"one two three four five six seven eight nine ten ".repeat(3)}end`;
    // Every run state the list shows is recorded in the page: an aborted run may leave the list as soon
    // as the transcript has it, so its state is caught as it passes.
    await page.evaluate(`(() => {
      window.__runStates = new Set();
      const seen = () => document.querySelectorAll("[data-run-state]").forEach((e) => window.__runStates.add(e.getAttribute("data-run-state")));
      new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-run-state"] });
    })()`);
    await page.keyboard.type(`[[slow]] ${words}`);
    await page.keyboard.press("Enter");
    await page.locator('[data-run-state="delta"]').filter({ hasText: "Hello from" }).waitFor({ timeout: 60_000 });
    expect(await focusedName()).toBe("Message");
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => (globalThis as unknown as { __runStates: Set<string> }).__runStates.has("aborted"), undefined, { timeout: 10_000 });
    // The reply never finishes: ~40 words at 300 ms would take 12 s; its last word never arrives.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await page.getByRole("log", { name: "Messages" }).getByText(`${words}`, { exact: false }).count()).toBe(1);
    expect(ui.errors).toEqual([]);
  });
});
