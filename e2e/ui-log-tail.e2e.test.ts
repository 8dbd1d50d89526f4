// Diagnostics' live log tail (issue 12 "Logs in the app") in real Chromium through the real `clawlink
// serve`, against the run's real gateway: the tail opens with the log file's last lines, a connection's
// records arrive live under its profile, the level and gateway filters narrow it, Pause holds new lines
// (counted) and Resume shows them, Copy puts exactly the shown lines on the clipboard, and the gateway
// token never appears in it (the file and the tail are redacted before any sink).
import { randomBytes } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { addUrlGateway } from "./harness/ui-flows.js";
import { openServedUi } from "./harness/ui-page.js";

const gw = inject("gateway");
const NAME = `Log tail gateway ${randomBytes(3).toString("hex")}`;

let ui: Awaited<ReturnType<typeof openServedUi>>;
let page: Page;
let tail: Locator;
let lines: Locator;
let profileId: string;

async function until(what: string, probe: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}\nlog tail:\n${(await lines.textContent()) ?? ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const hostCall = async (m: "connect" | "disconnect") => expect(await page.evaluate(`window.clawlink.${m}(${JSON.stringify(profileId)})`)).toMatchObject({ ok: true });
const shown = async () => (await lines.textContent()) ?? "";

beforeAll(async () => {
  ui = await openServedUi({ consoleErrors: true });
  page = ui.page;
  await ui.browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(ui.serve.url).origin });
  await page.goto(ui.serve.url);
  await addUrlGateway(page, { name: NAME, url: gw.url, token: gw.token });
  await page.getByRole("tab", { name: "Diagnostics" }).click();
  tail = page.locator("section.log-tail");
  lines = page.getByTestId("log-tail-lines");
  await tail.waitFor();
  profileId = await tail.getByLabel("Gateway", { exact: true }).inputValue();
}, 120_000);
afterAll(async () => {
  expect(ui.errors).toEqual([]);
  expect(await ui?.close()).toBe(0);
});

describe("the live log tail in Diagnostics (real clawlink serve, real gateway)", () => {
  it("starts filtered to this gateway, shows its records from the file and then live, and never the token", async () => {
    expect(profileId).not.toBe("");
    await tail.getByLabel("Level").selectOption("debug");
    await until("this gateway's records", async () => (await shown()).includes(`clawlink.conn.${profileId}`));
    const before = (await shown()).split("\n").length;
    // Disconnect and connect again (through the page's host API: the buttons are on the Status tab, and
    // the tail stays open on this one): new records arrive without reopening anything.
    await hostCall("disconnect");
    await page.locator('.profile-header [data-state]:not([data-state="connected"])').waitFor({ timeout: 30_000 });
    await hostCall("connect");
    await page.locator('.profile-header [data-state="connected"]').waitFor({ timeout: 60_000 });
    await until("live records after reconnecting", async () => (await shown()).split("\n").length > before);
    const text = await shown();
    const records = text.split("\n").filter((l) => /^\d{4}-\d\d-\d\dT/.test(l));
    expect(records.filter((l) => !l.includes(` clawlink.conn.${profileId}`))).toEqual([]);
    expect(text).not.toContain(gw.token);
  });

  it("Pause holds new lines and counts them; Resume shows them", async () => {
    await tail.getByRole("button", { name: "Pause" }).click();
    const frozen = await shown();
    await hostCall("disconnect");
    await until("held lines", async () => /Paused: [1-9]\d* new lines? held/.test((await page.getByTestId("log-tail-status").textContent()) ?? ""));
    expect(await shown()).toBe(frozen);
    await tail.getByRole("button", { name: "Resume" }).click();
    await until("the held lines shown", async () => (await shown()).length > frozen.length);
    expect((await shown()).startsWith(frozen)).toBe(true);
    expect(await page.getByTestId("log-tail-status").textContent()).toBe("");
  });

  it("the level filter narrows the lines; All shows the app's own records too", async () => {
    await tail.getByLabel("Level").selectOption("error");
    expect(await shown()).toBe("(no lines match the filter yet)");
    await tail.getByLabel("Level").selectOption("info");
    await tail.getByLabel("Gateway", { exact: true }).selectOption("");
    await until("the app's own records", async () => (await shown()).split("\n").some((l) => / clawlink\.(?!conn\.)/.test(l)));
  });

  it("Copy puts exactly the shown lines on the clipboard", async () => {
    // Paused, so no live line lands between the copy and the comparison.
    await tail.getByRole("button", { name: "Pause" }).click();
    await tail.getByRole("button", { name: "Copy" }).click();
    await until("the copy confirmation", async () => /Copied \d+ lines?\.$/.test((await page.getByTestId("log-tail-status").textContent()) ?? ""));
    const clip = await page.evaluate("navigator.clipboard.readText()");
    expect(clip).toBe(await shown());
  });
});
