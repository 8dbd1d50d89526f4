// The one place BrowserWindows are made: sandboxed, isolated, no node, no navigation, no new windows,
// no permissions. The renderer's CSP (index.html) additionally allows no network at all.
import { BrowserWindow, session, shell } from "electron";
import path from "node:path";

export function createMainWindow(outDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    show: false,
    title: "Clawlink",
    webPreferences: {
      preload: path.join(outDir, "preload/preload.cjs"),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  contents.on("will-navigate", (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalHttp(url);
    return { action: "deny" };
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  void win.loadFile(path.join(outDir, "renderer/index.html"));
  win.once("ready-to-show", () => win.show());
  return win;
}

/** Opens only http(s) URLs, after parsing, in the user's browser. */
export function openExternalHttp(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return;
  }
  if (url.protocol === "http:" || url.protocol === "https:") void shell.openExternal(url.toString());
}
