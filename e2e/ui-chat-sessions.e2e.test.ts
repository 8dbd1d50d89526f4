// The chat in real Chromium through the real `clawlink serve`, against the run's real gateway (issue 12
// "Chat"): a profile for the shared test gateway is added in the UI; in its chat a session is created
// (name + agent from agents.list), renamed, given the second model the gateway lists, and a message with
// the fake model's [[exec:CMD]] marker is sent: "the agent is working" shows before the reply, the exec
// call streams in as a tool card (running while the real exec approval waits, answered through the host
// API, then done with the command's output), the reply follows, and the card stays once the transcript
// replaces the live run. A session with 520 injected transcript rows pages back with "Load older messages"
// (chat.history's own offset cursor). Finally the session is deleted. Each step is checked in the
// gateway's own records (sessions.list, chat.history) through a client of the test's own.
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { GatewaySession } from "../src-main/core/gateway/gateway-session.js";
import { screenshotPath } from "./harness/chromium.js";
import { openChatOnUrlGateway, tag, testClient, until } from "./harness/ui-flows.js";

const gw = inject("gateway");
const NAME = `Chat gateway ${tag()}`;

let ui: Awaited<ReturnType<typeof openChatOnUrlGateway>>["ui"];
let page: Page;
let reader: GatewaySession;
let profileId: string;
/** A session with more rows than one page (chat.inject writes transcript rows without a model turn). */
const LONG_LABEL = `Long chat ${tag()}`;
const LONG_ROWS = 520;
let longKey = "";

type Row = { key: string; label?: string; model?: string; modelProvider?: string };
const gatewaySessions = async () => ((await reader.request("sessions.list", { limit: 200 })) as { sessions: Row[] }).sessions;

/** A host API call from the page, as the renderer makes it (window.clawlink answers with a HostReply). */
async function hostCall(method: string, ...args: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: { message: string; fixHint: string | null } }> {
  return page.evaluate(([m, a]) => {
    const api = (globalThis as unknown as { clawlink: Record<string, (...x: unknown[]) => Promise<never>> }).clawlink;
    return api[m as string]!(...(a as unknown[]));
  }, [method, args] as const);
}

beforeAll(async () => {
  reader = await testClient(gw, "ui-chat", "ui chat reader");
  longKey = ((await reader.request("sessions.create", { label: LONG_LABEL })) as { key: string }).key;
  for (let i = 0; i < LONG_ROWS; i++) await reader.request("chat.inject", { sessionKey: longKey, message: `row ${String(i).padStart(3, "0")}` });
  ({ ui, page } = await openChatOnUrlGateway({ name: NAME, gw }));
  const state = (await hostCall("getState")).value as { profiles: { id: string; name: string }[] };
  profileId = state.profiles.find((p) => p.name === NAME)!.id;
}, 150_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") await page?.screenshot({ path: screenshotPath(`ui-chat-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, "-")}`) });
});
afterAll(async () => {
  if (longKey) await reader?.request("sessions.delete", { key: longKey }).catch(() => undefined);
  await reader?.stop();
  expect(ui?.errors ?? []).toEqual([]);
  expect(await ui?.close()).toBe(0);
});

describe("chat sessions, models and tool cards in real Chromium (clawlink serve, the real gateway)", () => {
  let key = "";
  const label = `E2E chat ${tag()}`;
  const renamed = `Renamed ${tag()} with a name long enough to be cut short in the session list`;

  it("new session: named, run by the agent agents.list reports, opened, and on the gateway with that label", async () => {
    await page.getByRole("button", { name: "New session" }).click();
    const form = page.getByRole("form", { name: "New session" });
    await form.getByLabel("Name").fill(label);
    await until(async () => (await form.getByLabel("Agent").locator("option").count()) > 0, 10_000, "the agent list");
    expect(await form.getByLabel("Agent").locator("option").allTextContents()).toEqual(["main · default"]);
    await form.getByRole("button", { name: "Create" }).click();
    await page.getByTestId("session-title").filter({ hasText: label }).waitFor({ timeout: 15_000 });
    const row = await until(async () => (await gatewaySessions()).find((s) => s.label === label), 10_000, "the session on the gateway");
    key = row.key;
    expect(key).toMatch(/^agent:main:/);
    expect(await page.locator(".chat-sessions .session.selected").textContent()).toBe(label);
    expect(await page.getByTestId("session-agent").textContent()).toBe("agent main");
  });

  it("rename: the title and the list show the new label (ellipsised, full name in the tooltip), the gateway has it", async () => {
    await page.getByRole("button", { name: "Rename" }).click();
    await page.getByLabel("Session name").fill(renamed);
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator(".chat-sessions .session.selected").filter({ hasText: renamed }).waitFor({ timeout: 10_000 });
    const button = page.locator(".chat-sessions .session.selected");
    expect(await button.getAttribute("title")).toBe(`${renamed} (${key})`);
    expect(await button.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { textOverflow: string } }).getComputedStyle(el).textOverflow)).toBe("ellipsis");
    expect(await button.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect((await gatewaySessions()).find((s) => s.key === key)?.label).toBe(renamed);
  });

  it("model picker: lists what models.list reports; picking the second model is saved on the gateway's session", async () => {
    const select = page.getByLabel("Model");
    await until(async () => (await select.locator("option").count()) >= 2, 10_000, "the model list");
    expect(await select.locator("option").allTextContents()).toEqual(["Fake Model (fake/fake-model)", "Fake Model B (fake/fake-model-b)"]);
    await select.selectOption("fake/fake-model-b");
    const row = await until(async () => (await gatewaySessions()).find((s) => s.key === key && s.model === "fake-model-b"), 10_000, "the model on the gateway");
    expect(row.modelProvider).toBe("fake");
    await until(async () => (await select.inputValue()) === "fake/fake-model-b", 5_000, "the picker to show the saved model");
  });

  it("a refused model comes back with the gateway's reason and the fix hint", async () => {
    const r = await hostCall("patchChatSession", profileId, key, { model: "nope/none" });
    expect(r.ok).toBe(false);
    expect(r.error!.message).toBe(`Could not change the session's model: Unknown provider "nope". Use /models to list providers.`);
    expect(r.error!.fixHint).toMatch(/^Pick one of the models this gateway lists/);
  });

  it("send with [[exec:…]]: working indicator, a streamed tool card (running → done with output), the reply, the card kept from the transcript", async () => {
    const word = `ui-tool-${tag()}`;
    const command = `echo ${word}`;
    await page.getByRole("textbox", { name: "Message" }).fill(`please [[exec:${command}]]`);
    await page.keyboard.press("Enter");
    await page.getByTestId("agent-working").first().waitFor({ timeout: 15_000 });
    const card = page.getByTestId("tool-card").filter({ hasText: command });
    await card.waitFor({ timeout: 60_000 });
    expect(await card.getAttribute("data-tool")).toBe("exec");
    expect(await card.getAttribute("data-tool-status")).toBe("running");
    await page.screenshot({ path: screenshotPath("ui-chat-tool-running") });

    // The real gateway asks for approval (ask=always): answer it through the host API, as the inbox does.
    const approval = await until(async () => {
      const inbox = (await hostCall("getInbox")).value as { items: { kind: string; id: string; command?: string; connectionId: string }[] };
      return inbox.items.find((i) => i.kind === "exec" && i.command === command);
    }, 30_000, "the exec approval in the inbox");
    expect((await hostCall("answerExecApproval", approval.connectionId, approval.id, "allow-once", null)).ok).toBe(true);

    await page.locator(".message.role-assistant").filter({ hasText: `Exec result: ${word}` }).waitFor({ timeout: 60_000 });
    // Once the transcript replaces the live run, the card comes from the history rows: done, with the output.
    const kept = page.locator('.message[data-role="assistant"]:not(.run) [data-testid="tool-card"]').filter({ hasText: command });
    await kept.waitFor({ timeout: 20_000 });
    expect(await kept.getAttribute("data-tool-status")).toBe("done");
    await kept.locator("summary").click();
    expect((await kept.getByTestId("tool-result").textContent())?.trim()).toBe(word);
    expect(await page.getByTestId("agent-working").count()).toBe(0);
    await page.screenshot({ path: screenshotPath("ui-chat-tool-card") });

    const history = JSON.stringify(await reader.history(key));
    expect(history).toContain(`"model":"fake-model-b"`);
  });

  it("history beyond 500 rows: 'Load older messages' pages back with chat.history's offset cursor", async () => {
    const total = ((await reader.request("chat.history", { sessionKey: longKey, limit: 1 })) as { totalMessages: number }).totalMessages;
    expect(total).toBeGreaterThanOrEqual(LONG_ROWS);
    await page.locator(".chat-sessions .session").filter({ hasText: LONG_LABEL }).click();
    const list = page.getByRole("log", { name: "Messages" });
    await page.getByRole("button", { name: "Load older messages" }).waitFor({ timeout: 15_000 });
    expect(Number(await list.getAttribute("data-count"))).toBe(500);
    await page.getByRole("button", { name: "Load older messages" }).click();
    await until(async () => Number(await list.getAttribute("data-count")) === total, 15_000, `all ${total} rows`);
    expect(await page.getByRole("button", { name: "Load older messages" }).count()).toBe(0);
    await list.evaluate((el) => (el.scrollTop = 0));
    await page.getByText("row 000", { exact: true }).waitFor({ timeout: 5_000 });
  });

  it("delete: confirmed, gone from the gateway and the list, the chat falls back to the main session", async () => {
    await page.locator(".chat-sessions .session").filter({ hasText: renamed }).click();
    await page.getByTestId("session-title").filter({ hasText: renamed }).waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("button", { name: "Delete session" }).click();
    await page.getByTestId("session-title").filter({ hasText: /^main$/ }).waitFor({ timeout: 15_000 });
    expect((await gatewaySessions()).some((s) => s.key === key)).toBe(false);
    await until(async () => (await page.locator(".chat-sessions .session").filter({ hasText: renamed }).count()) === 0, 10_000, "the list without it");
  });
});
