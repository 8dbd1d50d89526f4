// Proof the browser half of the harness is real: the built renderer (npm run build) loads in real
// Chromium under its own strict CSP, renders, and a screenshot lands in test-output/.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshotPath } from "./harness/chromium.js";
import { serveBuiltRenderer } from "./harness/static-renderer.js";

let site: Awaited<ReturnType<typeof serveBuiltRenderer>>;
let base = "";

beforeAll(async () => {
  site = await serveBuiltRenderer();
  base = site.base;
});
afterAll(() => site.close());

describe("built renderer in real Chromium", () => {
  it("renders under its CSP with no console errors, and a screenshot is written", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`${base}/index.html`);
      await expect(page.getByRole("heading", { name: "Clawlink" }).textContent()).resolves.toBe("Clawlink");
      // Without a host the page must say so instead of failing silently.
      await expect(page.getByRole("alert").textContent()).resolves.toMatch(/No Clawlink host/);
      const shot = screenshotPath("renderer-no-host");
      await page.screenshot({ path: shot });
      expect(fs.statSync(shot).size).toBeGreaterThan(1000);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
