// "Export diagnostics" and "Show in folder" as a person uses them on first run, in real Chromium against
// the real `clawlink serve` (fresh config dir: no diagnostics/ folder yet). The export must work the
// first time; the web host cannot open a file manager, so "Show in folder" says which folder to open.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServeRun } from "./harness/clawlink-serve.js";
import { openServedUi } from "./harness/ui-page.js";

let ui: Awaited<ReturnType<typeof openServedUi>>;
let serve: ServeRun;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  ui = await openServedUi();
  ({ serve, page, errors } = ui);
});
afterAll(async () => {
  expect(await ui?.close()).toBe(0);
});

describe("Export diagnostics in the browser UI", () => {
  it("first use: the export is written into a new diagnostics/ folder and its path is shown", async () => {
    const folder = path.join(serve.configDir, "diagnostics");
    expect(fs.existsSync(folder)).toBe(false);
    await page.goto(serve.url);
    await page.getByRole("button", { name: "This machine" }).click();
    await page.getByRole("tab", { name: "Diagnostics" }).click();
    await page.getByRole("button", { name: "Export diagnostics" }).click();
    const shown = (await page.getByTestId("export-path").textContent({ timeout: 15_000 })) ?? "";
    expect(path.dirname(shown)).toBe(folder);
    expect((JSON.parse(fs.readFileSync(shown, "utf8")) as { format: string }).format).toBe("clawlink-diagnostics/1");
    // No error banner (the old first-use failure was a raw "ENOENT … .tmp-<pid>" one).
    expect(await page.locator(".notices .notice.error").allTextContents()).toEqual([]);
  });

  it("Show in folder: the web host names the folder to open", async () => {
    await page.getByRole("button", { name: "Show in folder" }).click();
    const text = (await page.getByTestId("export-folder").textContent({ timeout: 15_000 })) ?? "";
    expect(text).toContain(`open ${path.join(serve.configDir, "diagnostics")} in your file manager`);
    expect(errors).toEqual([]);
  });
});
