// The chat following the gateway, in real Chromium through the real `clawlink serve` against the run's
// real gateway (issue 12 "Chat", the two gaps issue-12-chat.md left): a second client of the test's own
// (another device, another WebSocket) creates, renames and deletes sessions and the open chat's session
// list follows without being reopened (sessions.subscribe / sessions.changed); then it sends pictures
// with chat.send's `attachments` into a session the UI has open, and the UI shows the real PNG (decoded:
// naturalWidth) and, for what the gateway stored from an SVG or text sent as "image/png", a placeholder
// saying why — with no request of its own from the page (every request it makes is counted), and the
// markdown still dropping an <img src=http…> written in a message.
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { GatewaySession } from "../src-main/core/gateway/gateway-session.js";
import { screenshotPath } from "./harness/chromium.js";
import { png } from "./harness/png.js";
import { openChatOnUrlGateway, tag, testClient, until, untilDecoded } from "./harness/ui-flows.js";

const gw = inject("gateway");
const NAME = `Live chat ${tag()}`;
let ui: Awaited<ReturnType<typeof openChatOnUrlGateway>>["ui"];
let page: Page;
/** The second client: its own device identity and WebSocket, like the gateway's CLI or another app. */
let other: GatewaySession;
const requests: string[] = [];
const made: string[] = [];

const sessionButton = (label: string) => page.locator(".chat-sessions .session").filter({ hasText: label });

beforeAll(async () => {
  other = await testClient(gw, "ui-live", "second client");
  ({ ui, page } = await openChatOnUrlGateway({ name: NAME, gw, requests }));
}, 150_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") await page?.screenshot({ path: screenshotPath(`ui-chat-live-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, "-")}`) });
});
afterAll(async () => {
  for (const key of made) await other?.request("sessions.delete", { key }).catch(() => undefined);
  await other?.stop();
  expect(ui?.errors ?? []).toEqual([]);
  expect(await ui?.close()).toBe(0);
});

describe("the chat follows the gateway (real Chromium, clawlink serve, the real gateway)", () => {
  const label = `Made elsewhere ${tag()}`;
  const renamed = `Renamed elsewhere ${tag()}`;
  let key = "";

  it("a session another client creates appears in the open chat's list, without reopening the chat", async () => {
    await page.locator(".chat-sessions .session").first().waitFor({ timeout: 15_000 });
    expect(await sessionButton(label).count()).toBe(0);
    key = ((await other.request("sessions.create", { label })) as { key: string }).key;
    made.push(key);
    await sessionButton(label).waitFor({ timeout: 10_000 });
    expect(await sessionButton(label).getAttribute("title")).toBe(`${label} (${key})`);
  });

  it("a rename elsewhere shows the new name; a delete elsewhere removes it from the list", async () => {
    await other.request("sessions.patch", { key, label: renamed });
    await sessionButton(renamed).waitFor({ timeout: 10_000 });
    expect(await sessionButton(label).count()).toBe(0);
    await other.request("sessions.delete", { key });
    await until(async () => (await sessionButton(renamed).count()) === 0, 10_000, "the deleted session to leave the list");
    made.splice(made.indexOf(key), 1);
  });

  it("pictures sent by another client: the PNG is shown from a data: URL, the SVG and the text 'PNG' get a placeholder saying why, and the page requests none of them", async () => {
    const pics = `Pictures ${tag()}`;
    const pkey = ((await other.request("sessions.create", { label: pics })) as { key: string }).key;
    made.push(pkey);
    await sessionButton(pics).click();
    await page.getByTestId("session-title").filter({ hasText: pics }).waitFor({ timeout: 15_000 });
    const before = requests.length;
    const send = (text: string, fileName: string, bytes: Buffer) =>
      other.request("chat.send", { sessionKey: pkey, message: text, idempotencyKey: `pic-${tag()}`, attachments: [{ type: "image", mimeType: "image/png", fileName, content: bytes.toString("base64") }] });
    await send("a red picture", "red.png", png(8, 6, [255, 0, 0]));
    await send("a drawing said to be a PNG", "drawing.png", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'));
    await send(`text said to be a PNG <img src="http://127.0.0.1:9/tracker.png">`, "words.png", Buffer.from("this is not an image at all, just text"));

    const img = page.getByTestId("chat-image");
    await img.first().waitFor({ timeout: 60_000 });
    await untilDecoded(img.first(), "the picture");
    expect(await img.count()).toBe(1);
    expect(await img.first().evaluate((el) => [(el as unknown as { naturalWidth: number }).naturalWidth, (el as unknown as { naturalHeight: number }).naturalHeight])).toEqual([8, 6]);
    expect(await img.first().getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    expect(await img.first().getAttribute("alt")).toBe("red.png");

    const placeholders = page.getByTestId("chat-image-placeholder");
    await until(async () => (await placeholders.count()) === 2 || null, 30_000, "both placeholders");
    expect((await placeholders.allTextContents()).sort()).toEqual([
      "The image drawing.png could not be shown: it is an SVG drawing, which can carry scripts (Clawlink shows PNG, JPEG, GIF and WebP pictures only).",
      "The image words.png could not be shown: its bytes are not a PNG picture.",
    ]);
    // The <img> written in the message text is not rendered, and the page fetched nothing for any picture.
    expect(await page.locator(".message img:not([data-testid=chat-image])").count()).toBe(0);
    const origin = new URL(ui.serve.url).origin;
    expect(requests.slice(before).filter((u) => !u.startsWith(origin) && !u.startsWith("data:"))).toEqual([]);
    expect(requests.filter((u) => /assistant-media|tracker\.png/.test(u))).toEqual([]);
    await page.screenshot({ path: screenshotPath("ui-chat-pictures") });
  });
});
