// Proof the browser half of the harness is real: the built renderer (npm run build) loads in real
// Chromium under its own strict CSP, renders, and a screenshot lands in test-output/.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { screenshotPath } from "./harness/chromium.js";
import { openStaticUi } from "./harness/ui-page.js";

describe("built renderer in real Chromium", () => {
  it("renders under its CSP with no console errors, and a screenshot is written", async () => {
    const ui = await openStaticUi({ consoleErrors: true });
    try {
      const { page, errors } = ui;
      await page.goto(`${ui.base}/index.html`);
      await expect(page.getByRole("heading", { name: "Clawlink" }).textContent()).resolves.toBe("Clawlink");
      // Without a host the page must say so instead of failing silently.
      await expect(page.getByRole("alert").textContent()).resolves.toMatch(/No Clawlink host/);
      const shot = screenshotPath("renderer-no-host");
      await page.screenshot({ path: shot });
      expect(fs.statSync(shot).size).toBeGreaterThan(1000);
      expect(errors).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});
