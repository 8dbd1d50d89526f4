// Electron main process: the thin shell. It binds the core to windows, tray, login items and power
// events; it decides nothing itself.
import { app, type WebContents } from "electron";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CLAWLINK_VERSION } from "./core/version.js";
import { bindHostApi } from "./shell/ipc-bind.js";
import { createMainWindow } from "./shell/secure-window.js";

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const trustedContents = new Set<number>();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: ReturnType<typeof createMainWindow> | null = null;
  app.on("second-instance", () => {
    if (win) {
      win.show();
      win.focus();
    }
  });
  void app.whenReady().then(() => {
    bindHostApi(
      { getAppInfo: () => ({ name: "Clawlink", version: CLAWLINK_VERSION, platform: process.platform, host: "electron" }) },
      (sender: WebContents, frameUrl) => trustedContents.has(sender.id) && (frameUrl ?? "").startsWith("file://"),
    );
    win = createMainWindow(outDir);
    trustedContents.add(win.webContents.id);
  });
}
