// The one way the UI specs get a renderer in real Chromium: a browser, one page, and that page's
// uncaught errors (console errors too, when asked) collected in `errors`, over either server —
// - openServedUi: the real `clawlink serve` (clawlink-serve.ts: token, cookie, the host API), or
// - openStaticUi: the built renderer as plain files (static-renderer.ts), for specs with no host or a
//   synthetic one injected into the page.
// It replaces the start/launch/newPage/on("pageerror")/close block each spec used to repeat.
import type { Page } from "playwright-core";
import { launchChromium } from "./chromium.js";
import { startServe, type ServeRun } from "./clawlink-serve.js";
import { serveBuiltRenderer } from "./static-renderer.js";

export type Chromium = Awaited<ReturnType<typeof launchChromium>>;

export interface UiPage {
  browser: Chromium;
  page: Page;
  /** Uncaught page errors, and console errors when `consoleErrors` was set. */
  errors: string[];
}

interface PageOptions {
  colorScheme?: "light" | "dark";
  consoleErrors?: boolean;
}

async function openPage(o: PageOptions): Promise<UiPage> {
  const browser = await launchChromium(o.colorScheme ? { colorScheme: o.colorScheme } : {});
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  if (o.consoleErrors) page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  return { browser, page, errors };
}

/** `clawlink serve` and a page for it (not yet opened: `page.goto(serve.url)` spends the one-time link). */
export async function openServedUi(o: PageOptions & { env?: Record<string, string> } = {}): Promise<UiPage & { serve: ServeRun; close(): Promise<number | null> }> {
  const serve = await startServe(o.env ? { env: o.env } : {});
  const ui = await openPage(o);
  return {
    ...ui,
    serve,
    /** Closes the browser, then stops `clawlink serve`; resolves with its exit code. */
    async close() {
      await ui.browser.close();
      return serve.stop();
    },
  };
}

/** The built renderer as static files and a page for it (`base` + "/index.html"). */
export async function openStaticUi(o: PageOptions = {}): Promise<UiPage & { base: string; close(): Promise<void> }> {
  const site = await serveBuiltRenderer();
  const ui = await openPage(o);
  return {
    ...ui,
    base: site.base,
    async close() {
      await ui.browser.close();
      await site.close();
    },
  };
}
