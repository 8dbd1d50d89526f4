// The one place BrowserWindows are made, and the app-wide web security settings:
// - the renderer is served from app://clawlink/ (app-protocol.ts): files only from out/renderer, every
//   response with the CSP header (no network from the renderer, no framing);
// - every webContents: sandboxed, isolated, no node; navigation away from the loaded page denied; new
//   windows denied (http(s) links go to the browser after parsing); <webview> denied;
// - every permission request and check denied.
// The decisions (which navigation is allowed, the main window's locked-down options) are pure functions
// in core/desktop/window-policy.ts with unit tests; this file only applies them to Electron.
import { app, BrowserWindow, protocol, session, shell, type WebContents } from "electron";
import fs from "node:fs/promises";
import { APP_INDEX_URL, APP_SCHEME, externalHttpUrl, resolveAppAsset, responseHeaders } from "../core/desktop/app-protocol.js";
import { mainWindowOptions, navigationAllowed } from "../core/desktop/window-policy.js";

/** Before app ready: app:// is a standard, secure scheme (relative URLs, origin checks) that cannot fetch. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } }]);
}

/** After ready: serves out/renderer on app://clawlink/ with the CSP header; nothing outside that folder. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (req) => {
    const file = resolveAppAsset(rendererDir, req.url);
    if (!file || req.method !== "GET") return new Response("not found", { status: 404 });
    try {
      return new Response(await fs.readFile(file), { status: 200, headers: responseHeaders(file) });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
}

/** Opens only http(s) URLs, after parsing, in the person's browser. */
export function openExternalHttp(raw: string): boolean {
  const url = externalHttpUrl(raw);
  if (url) void shell.openExternal(url);
  return url !== null;
}

/** App-wide: applies to every webContents ever created, including ones we did not make ourselves. */
export function hardenApp(): void {
  const deny = session.defaultSession;
  deny.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  deny.setPermissionCheckHandler(() => false);
  deny.setDevicePermissionHandler(() => false);
  app.on("web-contents-created", (_e, contents: WebContents) => {
    contents.on("will-navigate", (e, url) => {
      // Reloading our own index is fine; anything else would leave the app and is refused (links meant for
      // the browser open through the window-open handler below, after parsing).
      if (!navigationAllowed(url)) e.preventDefault();
    });
    contents.on("will-redirect", (e, url) => {
      if (!navigationAllowed(url)) e.preventDefault();
    });
    contents.on("will-attach-webview", (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalHttp(url);
      return { action: "deny" };
    });
  });
}

export function createMainWindow(outDir: string, opts: { show: boolean }): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(outDir, { isPackaged: app.isPackaged }));
  void win.loadURL(APP_INDEX_URL);
  if (opts.show) win.once("ready-to-show", () => win.show());
  return win;
}
