// "Open the Control UI" from the command palette (issue 12), in real Chromium through the real `clawlink
// serve`, against the run's real gateway: Ctrl+K → "Open the Control UI of <gateway>" opens a new tab on a
// one-shot loopback link that redirects to the gateway's own Control UI with the token in the fragment,
// and the Control UI connects with it. The link the UI is handed never holds the token, and it works once.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { addUrlGateway, tag } from "./harness/ui-flows.js";
import { openServedUi } from "./harness/ui-page.js";

const gw = inject("gateway");
const NAME = `Control UI gateway ${tag()}`;

let ui: Awaited<ReturnType<typeof openServedUi>>;
let page: Page;
let profileId: string;

beforeAll(async () => {
  ui = await openServedUi({ consoleErrors: true });
  page = ui.page;
  await page.goto(ui.serve.url);
  await addUrlGateway(page, { name: NAME, url: gw.url, token: gw.token });
  const state = (await page.evaluate("window.clawlink.getState()")) as { value: { profiles: Array<{ id: string; name: string }> } };
  profileId = state.value.profiles.find((p) => p.name === NAME)!.id;
}, 120_000);
afterAll(async () => {
  expect(ui.errors).toEqual([]);
  expect(await ui?.close()).toBe(0);
});

describe("Open the Control UI (palette, real clawlink serve, real gateway)", () => {
  it("the palette command opens the gateway's Control UI in a new tab, signed in with the token", async () => {
    await page.keyboard.press("Control+k");
    // "open control" picks the one command (the gateway's own name also has "Control" in it).
    await page.keyboard.type(`open control ${NAME.split(" ").pop()}`);
    const popup = ui.browser.context.waitForEvent("page");
    await page.keyboard.press("Enter");
    const tab = await popup;
    await tab.waitForURL((u) => u.origin === `http://127.0.0.1:${gw.port}`, { timeout: 30_000 });
    // Connected with the token: the Control UI's own inbox button only appears once it is signed in.
    await tab.locator(".sidebar-issues-button").first().waitFor({ timeout: 60_000 });
    await tab.close();
  });

  it("the link the UI gets holds no token, redirects once to the Control UI with it, and then answers nothing", async () => {
    const r = (await page.evaluate(`window.clawlink.openControlUi(${JSON.stringify(profileId)})`)) as { ok: boolean; value: { url: string } };
    expect(r).toMatchObject({ ok: true });
    const link = r.value.url;
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{20,}$/);
    expect(link).not.toContain(gw.token);
    const first = await fetch(link, { redirect: "manual" });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`http://127.0.0.1:${gw.port}/#token=${encodeURIComponent(gw.token)}`);
    const again = await fetch(link, { redirect: "manual" }).then((x) => x.status, () => "closed");
    expect(again).toBe("closed");
  });
});
