// Assistant-generated images in the chat (issue 12's last gap), in real Chromium through the real
// `clawlink serve` against the run's real gateway. The picture is the gateway's own: the fake model answers
// `[[media:PATH]]` with a `MEDIA:PATH` line (the directive an agent delivers a file with), the gateway stores
// the file as managed outgoing media and writes an image block with an artifactId into the assistant's
// transcript row (docs/gateway/clients.md "Render generated image artifacts"). Clawlink resolves it with
// artifacts.download, fetches the ticketed link from the gateway and shows it; an artifact whose stored
// file the gateway no longer has gets the placeholder sentence. The page itself requests no picture.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { GatewaySession } from "../src-main/core/gateway/gateway-session.js";
import { screenshotPath } from "./harness/chromium.js";
import { png } from "./harness/png.js";
import { openChatOnUrlGateway, tag, testClient, until, untilDecoded } from "./harness/ui-flows.js";

const gw = inject("gateway");
const NAME = `Generated images ${tag()}`;
let ui: Awaited<ReturnType<typeof openChatOnUrlGateway>>["ui"];
let page: Page;
/** The second client (its own device identity and WebSocket) that runs the turns, as another app would. */
let other: GatewaySession;
const requests: string[] = [];
const made: string[] = [];
const written: string[] = [];

type Block = Record<string, unknown>;
/** The assistant row's image blocks in the gateway's own chat.history, once the turn has finished. */
async function imageBlocksAfter(sessionKey: string, count: number): Promise<Block[]> {
  return until(
    async () => {
      const h = (await other.request("chat.history", { sessionKey, limit: 50 })) as { messages?: Array<{ role?: string; content?: unknown }> };
      const blocks = (h.messages ?? []).filter((m) => m.role === "assistant" && Array.isArray(m.content)).flatMap((m) => (m.content as Block[]).filter((b) => b?.type === "image"));
      return blocks.length >= count ? blocks : null;
    },
    60_000,
    `${count} generated image block(s) in chat.history`,
    250,
  );
}

/** The gateway's stored copies of these exact bytes under its state dir. */
function storedCopies(bytes: Buffer): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && fs.statSync(p).size === bytes.length && fs.readFileSync(p).equals(bytes)) out.push(p);
    }
  };
  walk(path.join(gw.stateRoot, "state", "media"));
  return out;
}

const sessionButton = (label: string) => page.locator(".chat-sessions .session").filter({ hasText: label });

beforeAll(async () => {
  other = await testClient(gw, "ui-gen", "second client");
  ({ ui, page } = await openChatOnUrlGateway({ name: NAME, gw, requests }));
}, 150_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") await page?.screenshot({ path: screenshotPath(`ui-chat-assistant-images-failed`) });
});
afterAll(async () => {
  for (const key of made) await other?.request("sessions.delete", { key }).catch(() => undefined);
  await other?.stop();
  for (const f of written) fs.rmSync(f, { force: true });
  expect(ui?.errors ?? []).toEqual([]);
  expect(await ui?.close()).toBe(0);
});

describe("assistant-generated images (real Chromium, clawlink serve, the real gateway)", () => {
  it("the gateway's generated image is shown from artifacts.download; an artifact it no longer has gets the placeholder; the page requests neither", async () => {
    const label = `Generated ${tag()}`;
    const key = ((await other.request("sessions.create", { label })) as { key: string }).key;
    made.push(key);
    // In the agent's workspace (agents.defaults.workspace), one of the roots the gateway reads reply media from.
    const red = png(12, 9, [220, 30, 30]);
    const blue = png(5, 4, [30, 30, 220]);
    const redPath = path.join(gw.stateRoot, "workspace", `gen-red-${tag()}.png`);
    const bluePath = path.join(gw.stateRoot, "workspace", `gen-blue-${tag()}.png`);
    for (const [p, b] of [[redPath, red], [bluePath, blue]] as const) {
      fs.writeFileSync(p, b);
      written.push(p);
    }
    const turn = (file: string) => other.request("chat.send", { sessionKey: key, message: `[[media:${file}]]`, idempotencyKey: `gen-${tag()}-${path.basename(file)}` });

    await turn(redPath);
    const [redBlock] = await imageBlocksAfter(key, 1);
    // What the real gateway wrote: a managed image block with a stable artifactId and its facts.
    expect(redBlock).toMatchObject({ type: "image", artifactId: expect.stringMatching(/^artifact_managed_image_/), mimeType: "image/png", width: 12, height: 9, sizeBytes: red.length, alt: path.basename(redPath) });
    expect(String(redBlock!.url)).toMatch(/^\/api\/chat\/media\/outgoing\//);
    await turn(bluePath);
    await imageBlocksAfter(key, 2);
    // The blue one becomes a bad artifact: the managed original its record points to is gone, so
    // artifacts.download has nothing to hand out. (The gateway also keeps the reply's staging copy in
    // media/outbound/; the artifact is served from media/outgoing/originals/ only.)
    const managed = (bytes: Buffer) => storedCopies(bytes).filter((p) => p.includes(`${path.sep}outgoing${path.sep}originals${path.sep}`));
    const blueOriginals = managed(blue);
    expect(blueOriginals.length).toBe(1);
    fs.rmSync(blueOriginals[0]!);
    expect(managed(red).length).toBe(1);

    const before = requests.length;
    await sessionButton(label).click();
    await page.getByTestId("session-title").filter({ hasText: label }).waitFor({ timeout: 15_000 });
    const img = page.getByTestId("chat-image");
    await img.first().waitFor({ timeout: 30_000 });
    await untilDecoded(img.first(), "the picture", 250);
    expect(await img.count()).toBe(1);
    expect(await img.first().evaluate((el) => [(el as unknown as { naturalWidth: number }).naturalWidth, (el as unknown as { naturalHeight: number }).naturalHeight])).toEqual([12, 9]);
    expect(await img.first().getAttribute("src")).toBe(`data:image/png;base64,${red.toString("base64")}`);
    expect(await img.first().getAttribute("alt")).toBe(path.basename(redPath));

    const placeholder = page.getByTestId("chat-image-placeholder");
    await placeholder.first().waitFor({ timeout: 30_000 });
    expect(await placeholder.allTextContents()).toEqual([`The image ${path.basename(bluePath)} could not be shown: the gateway no longer has it.`]);
    // The MEDIA: line is the gateway's to turn into the picture; the reply's text is what is left.
    expect(await page.locator(".message").filter({ hasText: "Here is the picture." }).count()).toBe(2);
    expect(await page.locator(".message").filter({ hasText: /MEDIA:/ }).count()).toBe(0);
    const origin = new URL(ui.serve.url).origin;
    expect(requests.slice(before).filter((u) => !u.startsWith(origin) && !u.startsWith("data:"))).toEqual([]);
    expect(requests.filter((u) => /api\/chat\/media|mediaTicket|assistant-media/.test(u))).toEqual([]);
    await page.screenshot({ path: screenshotPath("ui-chat-assistant-images") });
  });
});
