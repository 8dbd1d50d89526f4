// Notifications in the web host (issue 11 item 4), in real Chromium through the real `clawlink serve`,
// against the run's real gateway: an exec approval the real gateway raises (the fake model's [[exec:CMD]]
// marker, exec policy ask=always) is told to the person —
//  - without the browser's notification permission: as the in-page banner, with Allow once / Deny / Open.
//    Deny there resolves it on the gateway (the gateway's own record says denied); Open shows the card in
//    the inbox; a muted profile's request reaches the inbox with no banner.
//  - with the permission granted (context.grantPermissions(['notifications'])): as a browser Notification,
//    and no banner. Headless Chromium draws no notification a test could see, so an init script wraps
//    window.Notification and records each one the page creates (the real constructor still runs). The same
//    approval replayed by the gateway after a reconnect is told once; the notification's click handler
//    (called from the test: headless has nothing to click) opens the inbox on the card.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, screenshotPath } from "./harness/chromium.js";
import { addUrlGateway, ExecRequester, tag } from "./harness/ui-flows.js";
import { openServedUi } from "./harness/ui-page.js";

const gw = inject("gateway");
const NAME = `Notify gateway ${tag()}`;

let ui: Awaited<ReturnType<typeof openServedUi>>;
let page: Page;
let requester: ExecRequester;

beforeAll(async () => {
  ui = await openServedUi({ consoleErrors: true });
  page = ui.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(ui.serve.url);
  await addUrlGateway(page, { name: NAME, url: gw.url, token: gw.token });
  requester = await ExecRequester.start(gw, "ui-notify");
}, 180_000);
afterAll(async () => {
  await requester?.stop();
  expect(await ui?.close()).toBe(0);
});

const bannerFor = (p: Page, command: string) => p.getByTestId("notification-banner").filter({ hasText: command });
const cardFor = (p: Page, command: string) => p.locator('.inbox-list article[data-kind="exec"]').filter({ has: p.getByTestId("exec-command").getByText(command, { exact: true }) });

describe("notifications with the browser's permission granted: a browser Notification", () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let granted: Page;
  const told = () => granted.evaluate("window.__notes.map((n) => ({ title: n.title, body: n.body, tag: n.tag, error: n.error }))") as Promise<Array<{ title: string; body: string; tag: string; error: string | null }>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    context = browser.context;
    await context.grantPermissions(["notifications"], { origin: ui.serve.origin });
    // Each Notification the page creates is recorded (and still created).
    await context.addInitScript(`(() => {
      const Real = window.Notification;
      window.__notes = [];
      class Recorded extends Real {
        constructor(title, options) {
          const rec = { title, body: options && options.body, tag: options && options.tag, error: null, note: null };
          window.__notes.push(rec);
          try {
            super(title, options);
          } catch (e) {
            rec.error = String(e);
            return {};
          }
          rec.note = this;
        }
      }
      window.Notification = Recorded;
    })()`);
    // The first page spent the one-time link: this browser gets the same session cookie.
    await context.addCookies(await ui.browser.context.cookies(ui.serve.origin));
    granted = await context.newPage();
    granted.on("pageerror", (e) => pageErrors.push(String(e)));
    granted.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
    await granted.setViewportSize({ width: 1280, height: 800 });
    await granted.goto(ui.serve.origin);
    await granted.getByRole("button", { name: NAME }).click();
    await granted.locator('.profile-header [data-state="connected"]').waitFor({ timeout: 30_000 });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("a new approval is one browser notification and no banner; replayed after a reconnect it is not told again; its click opens the card", async () => {
    expect(await granted.evaluate("Notification.permission")).toBe("granted");
    const command = `echo granted-${tag()}`;
    requester.request(command, "ui-notify");
    // (A function, not a string: the page's CSP allows no eval.)
    const seen = await granted
      .waitForFunction((c) => (globalThis as unknown as { __notes: Array<{ title: string }> }).__notes.some((n) => n.title.includes(c)), command, { timeout: 60_000 })
      .then(() => true, () => false);
    const first = (await told()).filter((n) => n.title.includes(command));
    const detail = JSON.stringify({ told: await told(), banners: await granted.getByTestId("notification-banner").allTextContents(), pageErrors });
    expect(seen, `a Notification for ${command}: ${detail}`).toBe(true);
    expect(first, detail).toHaveLength(1);
    expect(first[0]!.error, "the real Notification constructor ran").toBeNull();
    expect(first[0]!.body).toContain(NAME);
    expect(await granted.getByTestId("notification-banner").count()).toBe(0);

    // The same approval again: a reconnect makes the gateway replay its pending list (exec.approval.list).
    await granted.getByRole("button", { name: "Disconnect" }).first().click();
    await granted.locator('.profile-header [data-state="connected"]').waitFor({ state: "detached", timeout: 30_000 });
    await granted.getByRole("button", { name: "Connect", exact: true }).first().click();
    await granted.locator('.profile-header [data-state="connected"]').waitFor({ timeout: 60_000 });
    const card = cardFor(granted, command);
    await granted.getByRole("tab", { name: /^Inbox/ }).filter({ hasText: "1" }).waitFor({ timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await told()).filter((n) => n.title.includes(command))).toHaveLength(1);

    // The person clicks it: the page opens the inbox on the card.
    await granted.getByRole("tab", { name: "Status" }).click();
    await granted.evaluate(`window.__notes.find((n) => n.title.includes(${JSON.stringify(command)})).note.onclick()`);
    await card.waitFor({ timeout: 5_000 });
    await granted.screenshot({ path: screenshotPath("ui-notify-granted-open") });
    const id = await requester.pendingId(command);
    await card.getByRole("button", { name: "Deny" }).click();
    await card.waitFor({ state: "detached", timeout: 5_000 });
    expect(await requester.record(id)).toMatchObject({ decision: "deny" });
  });
});

describe("notifications without the browser's permission: the in-page banner", () => {
  it("a new approval raises a banner with its actions; Deny there resolves it on the gateway", async () => {
    expect(await page.evaluate("Notification.permission")).toBe("default");
    const command = `echo banner-deny-${tag()}`;
    requester.request(command, "ui-notify");
    const banner = bannerFor(page, command);
    await banner.waitFor({ timeout: 90_000 });
    expect(await banner.textContent()).toContain(NAME);
    expect(await banner.getByRole("button").allTextContents()).toEqual(["Allow once", "Deny", "Open", "×"]);
    await page.screenshot({ path: screenshotPath("ui-notify-banner") });
    const id = await requester.pendingId(command);
    await banner.getByRole("button", { name: "Deny" }).click();
    await banner.waitFor({ state: "detached", timeout: 5_000 });
    expect(await requester.record(id)).toMatchObject({ decision: "deny" });
  });

  it("Open shows the request's card in the inbox", async () => {
    const command = `echo banner-open-${tag()}`;
    requester.request(command, "ui-notify");
    const banner = bannerFor(page, command);
    await banner.waitFor({ timeout: 90_000 });
    await banner.getByRole("button", { name: "Open" }).click();
    const card = cardFor(page, command);
    await card.waitFor({ timeout: 5_000 });
    expect(await page.getByTestId("inbox-nav").getAttribute("aria-current")).toBe("page");
    expect(await banner.count()).toBe(0);
    await card.getByRole("button", { name: "Deny" }).click();
    await card.waitFor({ state: "detached", timeout: 5_000 });
  });

  it("a muted profile's request reaches the inbox with no banner", async () => {
    await page.getByRole("button", { name: NAME }).click();
    await page.getByRole("tab", { name: "Token & settings" }).click();
    const mute = page.getByRole("checkbox", { name: `Mute notifications from ${NAME}` });
    // The box shows what the host saved (a controlled input): poll until the host answered.
    await mute.press("Space");
    await expect.poll(() => mute.isChecked(), { timeout: 5_000 }).toBe(true);
    try {
      await page.getByRole("tab", { name: "Status" }).click();
      const command = `echo muted-${tag()}`;
      requester.request(command, "ui-notify");
      // It is in the inbox (the tab's count says so) …
      await page.getByRole("tab", { name: /^Inbox/ }).filter({ hasText: "1" }).waitFor({ timeout: 90_000 });
      // … and after a moment for a banner to come (they come in the same render), none did.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await bannerFor(page, command).count()).toBe(0);
      expect(await page.getByTestId("notification-banner").count()).toBe(0);
      await page.getByRole("tab", { name: /^Inbox/ }).click();
      const card = cardFor(page, command);
      await card.getByRole("button", { name: "Deny" }).click();
      await card.waitFor({ state: "detached", timeout: 5_000 });
    } finally {
      await page.getByRole("tab", { name: "Token & settings" }).click();
      await mute.press("Space");
      await expect.poll(() => mute.isChecked(), { timeout: 5_000 }).toBe(false);
    }
  });
});
