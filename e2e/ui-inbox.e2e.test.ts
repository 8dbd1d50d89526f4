// The operator inbox in real Chromium through the real `clawlink serve`, against the run's real gateway
// (issue 11): a profile pointing at the shared test gateway is added in the UI; a chat turn of the test's
// own gateway session carries the fake model's [[exec:CMD]] marker, so the real gateway (exec policy
// ask=always) raises an exec approval. The card shows the command exactly, the count is on the sidebar
// entry and the profile's tab, Allow once → the command's output is the agent's reply; Deny with a
// reason → the card leaves at once, a note says who resolved it, and the agent is told why.
// Each test uses its own chat session key so no other spec's session is disturbed.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GatewaySession } from "../src-main/core/gateway/gateway-session.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { screenshotPath } from "./harness/chromium.js";
import { waitForState } from "./harness/session-helpers.js";
import { openServedUi } from "./harness/ui-page.js";

const gw = inject("gateway");
const tag = () => randomBytes(4).toString("hex");
const NAME = `Inbox gateway ${tag()}`;

let ui: Awaited<ReturnType<typeof openServedUi>>;
let page: Page;
let chat: GatewaySession;

beforeAll(async () => {
  ui = await openServedUi({ consoleErrors: true });
  page = ui.page;
  await page.goto(ui.serve.url);
  await page.getByRole("button", { name: "+ Add remote gateway" }).click();
  await page.getByRole("tab", { name: "URL (ws/wss)" }).click();
  await page.getByLabel("Name").fill(NAME);
  await page.getByLabel("Gateway URL").fill(gw.url);
  await page.getByLabel("Gateway token").fill(gw.token);
  await page.getByRole("button", { name: "Add gateway" }).click();
  await page.locator('.profile-header [data-state="connected"]').waitFor({ timeout: 60_000 });
  // The test's own client of the same gateway: it sends the chat turns that ask for an exec.
  chat = new GatewaySession({ url: gw.url, gatewayKey: `ui-inbox-${tag()}`, target: "ui inbox chat", token: { value: gw.token, source: "test" }, secrets: new MemorySecretStore() });
  await chat.start();
  await waitForState(chat, (x) => x.phase === "connected", 60_000, "the test's chat session connected");
}, 120_000);
afterAll(async () => {
  await chat?.stop();
  expect(await ui?.close()).toBe(0);
});

/** Until the session's transcript holds `text` (the agent's reply), as JSON. */
async function transcriptWith(sessionKey: string, text: string, ms = 90_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const history = JSON.stringify(await chat.history(sessionKey));
    if (history.includes(text)) return history;
    if (Date.now() > end) throw new Error(`no "${text}" in ${sessionKey} within ${ms} ms:\n${history.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Asks for `command` in a fresh session; resolves with the session key and the card that shows it. */
async function requestExec(command: string): Promise<{ sessionKey: string; card: Locator }> {
  const sessionKey = `agent:main:ui-inbox-${tag()}`;
  chat.send(sessionKey, `please [[exec:${command}]]`);
  const card = page.locator('.inbox-list article[data-kind="exec"]').filter({ has: page.getByTestId("exec-command").getByText(command, { exact: true }) });
  await card.waitFor({ timeout: 90_000 });
  return { sessionKey, card };
}

describe("the operator inbox in real Chromium (clawlink serve, the real gateway)", () => {
  it("allow once: the card shows the command exactly with its facts and countdown; the reply is the command's output", async () => {
    const word = `ui-allowed-${tag()}`;
    const command = `echo ${word}`;
    await page.getByTestId("inbox-nav").click();
    const { sessionKey, card } = await requestExec(command);

    expect(await card.getByTestId("exec-command").textContent()).toBe(command);
    const facts = (await card.locator(".inbox-facts").textContent()) ?? "";
    expect(facts).toContain(`Gateway${NAME}`);
    expect(facts).toContain("Agentmain");
    expect(facts).toContain(`Session${sessionKey}`);
    expect(facts).toMatch(/Working directory\S*workspace/);
    expect(facts).toContain("Runs ongateway");
    expect(facts).toContain("Requested viawebchat");
    expect(await card.getByTestId("inbox-countdown").textContent()).toMatch(/^Expires in (\d+:)?\d+:\d\d$/);
    expect(await card.getByTestId("inbox-countdown").getAttribute("aria-live")).toBe("off");
    // The gateway's policy asks every time: Allow always is not offered.
    expect(await card.getByRole("button", { name: "Allow always" }).count()).toBe(0);
    expect(await page.getByTestId("inbox-nav").textContent()).toMatch(/Inbox\s*1/);
    expect(await page.getByRole("list", { name: "Waiting for you" }).getAttribute("data-count")).toBe("1");
    await page.screenshot({ path: screenshotPath("ui-inbox") });
    // The README picture is refreshed on request only, so a test run leaves the tree clean.
    if (process.env.CLAWLINK_DOC_SCREENSHOTS) await page.screenshot({ path: path.resolve("docs/screenshots/inbox.png") });

    // The profile's own Inbox tab shows the same item, with its count on the tab.
    await page.getByRole("button", { name: NAME }).click();
    const tab = page.getByRole("tab", { name: /^Inbox/ });
    expect(await tab.textContent()).toMatch(/Inbox\s*1/);
    await tab.click();
    const here = page.locator('.inbox-list article[data-kind="exec"]').filter({ hasText: command });
    await here.getByRole("button", { name: "Allow once" }).click();
    await here.waitFor({ state: "detached", timeout: 5_000 });
    // Who answered: "you" — also when the gateway's resolved event (naming this client) came first.
    await page.getByTestId("inbox-resolved").getByText(new RegExp(`${command} on ${NAME}: Allowed once by you`)).waitFor({ timeout: 5_000 });
    await transcriptWith(sessionKey, `Exec result: ${word}`);
    expect(await page.getByTestId("inbox-count").count()).toBe(0);
  });

  it("deny with a reason: the card leaves at once, the note says who, and the agent hears why", async () => {
    const command = `echo ui-denied-${tag()}`;
    await page.getByTestId("inbox-nav").click();
    const { sessionKey, card } = await requestExec(command);
    expect(await card.getByText("Sent to the agent in its session when you deny").count()).toBe(1);
    await card.getByLabel("Reason for denying (optional)").fill("not from the UI test");
    await card.getByRole("button", { name: "Deny" }).click();
    await card.waitFor({ state: "detached", timeout: 5_000 });
    await page.getByTestId("inbox-resolved").getByText(new RegExp(`${command} on ${NAME}: Denied by you`)).waitFor({ timeout: 5_000 });
    const history = await transcriptWith(sessionKey, `I denied \`${command}\`: not from the UI test`);
    expect(history).toMatch(/Exec result: (?:[^"\\]|\\.)*denied/);
    expect(await page.getByTestId("inbox-empty").textContent()).toBe("Nothing is waiting for you.");
    expect(ui.errors).toEqual([]);
  });
});
