// Sending pictures from Clawlink's chat (issue 12 "send pictures"), in real Chromium through the real
// `clawlink serve` against the run's real gateway. The user attaches a PNG with the "Attach picture"
// button's file input (or pastes one into the message box, or drops one on the composer), sees its chip,
// sends it with text; the host checks it against the connection's
// hello-ok policy and calls chat.send with the attachment; the gateway's transcript row then carries it as
// media://inbound, and the page shows it in the user's row from the bytes the host fetched back. A file
// that is not a picture, and one over the gateway's maxImageBytes, are refused with the sentence the user
// reads next to the box, and the gateway gets no turn for them.
import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { GatewaySession } from "../src-main/core/gateway/gateway-session.js";
import { screenshotPath } from "./harness/chromium.js";
import { png } from "./harness/png.js";
import { openChatOnUrlGateway, tag, testClient, until, untilDecoded } from "./harness/ui-flows.js";

const gw = inject("gateway");
const NAME = `Send pictures ${tag()}`;
let ui: Awaited<ReturnType<typeof openChatOnUrlGateway>>["ui"];
let page: Page;
/** The test's own client, to read the gateway's transcript. */
let other: GatewaySession;
const made: string[] = [];

const sessionButton = (label: string) => page.locator(".chat-sessions .session").filter({ hasText: label });
const userRows = async (sessionKey: string) => {
  const h = (await other.request("chat.history", { sessionKey, limit: 50 })) as { messages?: Array<{ role?: string }> };
  return (h.messages ?? []).filter((m) => m.role === "user");
};

async function openNewSession(): Promise<string> {
  const label = `Pictures ${tag()}`;
  const key = ((await other.request("sessions.create", { label })) as { key: string }).key;
  made.push(key);
  await until(async () => (await sessionButton(label).count()) > 0, 15_000, "the new session in the list");
  await sessionButton(label).click();
  await page.getByTestId("session-title").filter({ hasText: label }).waitFor({ timeout: 15_000 });
  return key;
}

/** The picture the user sees in a row: waits until it has decoded, then checks it is the PNG that was
 * sent, as a data: URL (the renderer gets bytes from the host, never a link). */
async function expectShownPng(img: Locator, bytes: Buffer, what: string): Promise<void> {
  await untilDecoded(img, what, 250);
  const src = (await img.getAttribute("src")) ?? "";
  expect(src.startsWith("data:image/png;base64,")).toBe(true);
  expect(Buffer.from(src.slice("data:image/png;base64,".length), "base64").equals(bytes)).toBe(true);
}

/** Delivers one PNG the way the browser does for a paste into the message box or a drop on the composer:
 * a File (built in the page from the bytes) in a DataTransfer on a real ClipboardEvent / DragEvent. For a
 * drop, dragenter and dragover come first, as in a real drag; the result says whether the composer took
 * the dragover (without that, a real browser never delivers the drop). */
async function deliverPng(how: "paste" | "drop", fileName: string, bytes: Buffer): Promise<{ dragoverTaken: boolean }> {
  return page.evaluate(
    ({ how, fileName, b64 }) => {
      type Ctor = new (...args: unknown[]) => unknown;
      type Target = { dispatchEvent(e: unknown): boolean; focus(): void };
      const g = globalThis as unknown as Record<"DataTransfer" | "File" | "ClipboardEvent" | "DragEvent", Ctor> & {
        document: { querySelector(s: string): Target | null };
      };
      const dt = new g.DataTransfer() as { items: { add(f: unknown): unknown } };
      dt.items.add(new g.File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], fileName, { type: "image/png" }));
      if (how === "paste") {
        const box = g.document.querySelector('textarea[aria-label="Message"]');
        if (!box) throw new Error("no message box");
        box.focus();
        box.dispatchEvent(new g.ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
        return { dragoverTaken: false };
      }
      const composer = g.document.querySelector("form.composer");
      if (!composer) throw new Error("no composer");
      const drag = (type: string) => new g.DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true });
      composer.dispatchEvent(drag("dragenter"));
      // dispatchEvent returns false when a listener called preventDefault, i.e. the composer accepts the drop.
      const dragoverTaken = !composer.dispatchEvent(drag("dragover"));
      composer.dispatchEvent(drag("drop"));
      return { dragoverTaken };
    },
    { how, fileName, b64: bytes.toString("base64") },
  );
}

beforeAll(async () => {
  other = await testClient(gw, "ui-sendpic", "second client");
  ({ ui, page } = await openChatOnUrlGateway({ name: NAME, gw }));
}, 150_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") await page?.screenshot({ path: screenshotPath(`ui-chat-send-pictures-failed`) });
});
afterAll(async () => {
  for (const key of made) await other?.request("sessions.delete", { key }).catch(() => undefined);
  await other?.stop();
  expect(ui?.errors ?? []).toEqual([]);
  expect(await ui?.close()).toBe(0);
});

describe("sending pictures (real Chromium, clawlink serve, the real gateway)", () => {
  it("a PNG attached with the Attach picture button shows as a chip, is sent with the text, and shows in the user's row from the gateway's copy", async () => {
    const key = await openNewSession();
    const green = png(7, 5, [20, 200, 40]);
    const attach = page.getByRole("button", { name: "Attach picture" });
    // Reachable from the keyboard: it is a real button in the tab order.
    await attach.focus();
    expect(await attach.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    await page.getByLabel("Picture file").setInputFiles({ name: "green.png", mimeType: "image/png", buffer: green });
    const chip = page.locator(".picture-chip").filter({ hasText: "green.png" });
    await chip.waitFor({ timeout: 10_000 });
    expect(await chip.getByRole("button", { name: "Remove green.png" }).count()).toBe(1);
    const text = `here is a picture ${tag()}`;
    await page.getByRole("textbox", { name: "Message" }).fill(text);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await until(async () => (await page.locator(".picture-chip").count()) === 0, 10_000, "the chip to go after Send");

    const row = page.locator('.message[data-role="user"]').filter({ hasText: text }).filter({ has: page.getByTestId("chat-image") });
    const img = row.getByTestId("chat-image");
    await img.first().waitFor({ timeout: 60_000 });
    await expectShownPng(img.first(), green, "the picture");
    expect(await img.first().getAttribute("alt")).toBe("green.png");
    // The gateway's own transcript has the one user turn, carrying the picture as managed inbound media.
    const rows = await userRows(key);
    expect(rows.length).toBe(1);
    expect(JSON.stringify(rows[0])).toMatch(/media:\/\/inbound\//);
    await page.screenshot({ path: screenshotPath("ui-chat-send-pictures") });
  });

  it("a PNG pasted into the message box and a second dropped on the composer show as two chips and both show in the user's row", async () => {
    const key = await openNewSession();
    const blue = png(4, 6, [30, 60, 220]);
    const red = png(6, 4, [220, 30, 30]);
    await deliverPng("paste", "pasted-blue.png", blue);
    await page.locator(".picture-chip").filter({ hasText: "pasted-blue.png" }).waitFor({ timeout: 10_000 });
    expect(await page.locator(".picture-chip").count()).toBe(1);
    // The paste of a picture does not also put text in the box.
    expect(await page.getByRole("textbox", { name: "Message" }).inputValue()).toBe("");

    const { dragoverTaken } = await deliverPng("drop", "dropped-red.png", red);
    expect(dragoverTaken).toBe(true);
    await page.locator(".picture-chip").filter({ hasText: "dropped-red.png" }).waitFor({ timeout: 10_000 });
    expect(await page.locator(".picture-chip").count()).toBe(2);
    expect(await page.getByRole("button", { name: "Remove dropped-red.png" }).count()).toBe(1);

    const text = `pasted and dropped ${tag()}`;
    await page.getByRole("textbox", { name: "Message" }).fill(text);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await until(async () => (await page.locator(".picture-chip").count()) === 0, 10_000, "the chips to go after Send");

    const row = page.locator('.message[data-role="user"]').filter({ hasText: text });
    const imgs = row.getByTestId("chat-image");
    await until(async () => (await imgs.count()) === 2 || null, 60_000, "both pictures in the user's row");
    for (const [name, bytes] of [["pasted-blue.png", blue], ["dropped-red.png", red]] as const) {
      await expectShownPng(row.locator(`[data-testid="chat-image"][alt="${name}"]`), bytes, name);
    }
    // The gateway's own transcript has the one user turn, carrying each as managed inbound media (the
    // gateway names its copy after the file: media://inbound/<name>---<id>.png).
    const rows = await userRows(key);
    expect(rows.length).toBe(1);
    expect(JSON.stringify(rows[0])).toMatch(/media:\/\/inbound\/pasted-blue---/);
    expect(JSON.stringify(rows[0])).toMatch(/media:\/\/inbound\/dropped-red---/);
    await page.screenshot({ path: screenshotPath("ui-chat-send-pictures-paste-drop") });
  });

  it("a file that is not a picture and a picture over the gateway's 6 MB are refused with the sentence, the chip stays, nothing is sent", async () => {
    const key = await openNewSession();
    const problem = page.locator(".composer-problem[role=alert]");
    await page.getByLabel("Picture file").setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("just some text, not a picture") });
    await page.locator(".picture-chip").filter({ hasText: "notes.png" }).waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await until(async () => (await problem.count()) > 0, 10_000, "the refusal next to the box");
    expect(await problem.textContent()).toContain("notes.png is not a PNG, JPEG, GIF or WebP picture — only those can be sent.");
    expect(await page.locator(".picture-chip").count()).toBe(1);
    await page.getByRole("button", { name: "Remove notes.png" }).click();
    expect(await page.locator(".picture-chip").count()).toBe(0);

    const big = Buffer.concat([png(2, 2, [0, 0, 0]), Buffer.alloc(7 * 1024 * 1024)]);
    await page.getByLabel("Picture file").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: big });
    await page.locator(".picture-chip").filter({ hasText: "big.png" }).waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await until(async () => ((await problem.textContent()) ?? "").includes("big.png"), 10_000, "the size refusal");
    expect(await problem.textContent()).toContain("big.png is 7 MB; this gateway takes pictures up to 6 MB — make it smaller.");
    expect(await page.locator(".picture-chip").filter({ hasText: "big.png" }).count()).toBe(1);
    // Nothing reached the gateway: no user turn in this session.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await userRows(key)).toEqual([]);
  });
});
