// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core; no browser download exists here.
// Flags: headless, no sandbox (we are root), and no background networking, which would otherwise hammer
// this machine's closed network at every start.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = process.env.CLAWLINK_CHROMIUM ?? "/usr/bin/chromium";
export const TEST_OUTPUT_DIR = path.resolve("test-output");

export async function launchChromium(opts: { colorScheme?: "light" | "dark" } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1100, height: 760 },
    colorScheme: opts.colorScheme ?? "light",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
  return path.join(TEST_OUTPUT_DIR, `${name}.png`);
}
