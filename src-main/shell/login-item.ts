// "Start at Login": the OS login item on macOS and Windows, an XDG autostart entry on Linux (Electron's
// setLoginItemSettings does nothing there). The entry's content and rules live in core/desktop/autostart.ts.
import { app } from "electron";
import { autostartFile, HIDDEN_ARG, launchCommand, loginItemSettings, readAutostart, refreshAutostart, setAutostart, type EntryInfo } from "../core/desktop/autostart.js";

export interface LoginItem {
  supported: boolean;
  /** Why it is unsupported (shown in the log). */
  note: string | null;
  get(): Promise<boolean>;
  set(enabled: boolean): Promise<void>;
  /** At start: keep an enabled Linux entry pointing at where the app is now. */
  refresh(): Promise<void>;
}

export function createLoginItem(appId: string, env: NodeJS.ProcessEnv = process.env): LoginItem {
  if (process.platform === "linux") {
    // Sandboxed packages cannot write ~/.config/autostart (they need the XDG Background portal).
    const sandboxed = env.SNAP ? "snap" : env.FLATPAK_ID ? "flatpak" : null;
    if (sandboxed) return unsupported(`start at login is not available in the ${sandboxed} package yet`);
    const file = autostartFile(appId, { env });
    const entry = (): EntryInfo => ({
      name: app.getName() || "Clawlink",
      comment: "Keeps your OpenClaw gateways one click away",
      command: launchCommand({ execPath: process.execPath, env, isPackaged: app.isPackaged, appPath: app.getAppPath() }),
    });
    return {
      supported: true,
      note: null,
      get: async () => (await readAutostart(file)).state === "enabled",
      set: (enabled) => setAutostart(file, enabled, entry()),
      refresh: async () => {
        await refreshAutostart(file, entry());
      },
    };
  }
  if (process.platform === "darwin" || process.platform === "win32") {
    // Windows matches the registry entry by path *and* args, so ask with the same args we set.
    const query = process.platform === "win32" ? { args: [HIDDEN_ARG] } : undefined;
    return {
      supported: true,
      note: null,
      get: async () => app.getLoginItemSettings(query).openAtLogin,
      set: async (enabled) => app.setLoginItemSettings(loginItemSettings(enabled)),
      refresh: async () => undefined,
    };
  }
  return unsupported(`start at login is not supported on ${process.platform}`);
}

function unsupported(note: string): LoginItem {
  return { supported: false, note, get: async () => false, set: async () => undefined, refresh: async () => undefined };
}
