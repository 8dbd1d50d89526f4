// Electron main process: the thin shell. It opens the core (config dir, log file, keychain, profiles,
// the host service with its orchestrator), binds the host API contract to IPC, and wires windows, the
// tray, start at login and power events to it. Every decision lives in the core (src-main/core/desktop
// for the desktop-only ones: tray model, autostart entry, connect at start, app:// assets).
import { app, BrowserWindow, clipboard, shell } from "electron";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startedHidden } from "./core/desktop/autostart.js";
import { corePorts } from "./core/desktop/desktop-ports.js";
import { oneShotRedirect } from "./core/desktop/one-shot-link.js";
import { findItem, type TrayAction } from "./core/desktop/tray-model.js";
import { HostService } from "./core/host/host-service.js";
import { createFileSink } from "./core/log/file-sink.js";
import { createLogger } from "./core/log/logger.js";
import { resolveConfigDir } from "./core/profiles/config-dir.js";
import { openSecretStore } from "./core/profiles/profile-secrets.js";
import { moveLegacyKeychainEntries } from "./core/profiles/keychain-migration.js";
import { ProfileStore } from "./core/profiles/profile-store.js";
import { bindHostApi, sendHostEvent, TrustedSenders } from "./shell/ipc-bind.js";
import { createLoginItem } from "./shell/login-item.js";
import { watchPowerAndNetwork } from "./shell/power.js";
import { createMainWindow, hardenApp, openExternalHttp, registerAppScheme, serveRenderer } from "./shell/secure-window.js";
import { TrayController } from "./shell/tray.js";

/** Stable: the Windows AppUserModelID, the Linux autostart file name; electron-builder.yml uses the same. */
export const APP_ID = "ai.clawlink.desktop";
/** Host events that change what the tray shows (chat traffic does not). */
const TRAY_EVENTS = new Set(["connection", "connectionRemoved", "profiles"]);

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  // A second launch: the first instance gets "second-instance" and shows its window.
  app.quit();
} else {
  void run().catch((e: unknown) => {
    console.error(`clawlink: could not start: ${(e as Error).message}`);
    app.exit(1);
  });
}

async function run(): Promise<void> {
  let win: BrowserWindow | null = null;
  let quitting = false;
  let stopped = false;
  const trusted = new TrustedSenders();
  const isMac = process.platform === "darwin";

  const showWindow = () => {
    if (!win || win.isDestroyed()) {
      win = createMainWindow(outDir, { show: true });
      trusted.add(win.webContents);
      win.on("close", (e) => {
        if (quitting) return;
        // The close button hides to the tray; Quit is in the tray menu.
        e.preventDefault();
        win?.hide();
        if (isMac) app.dock?.hide();
      });
      win.on("closed", () => (win = null));
    } else {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
    if (isMac) void app.dock?.show();
  };

  app.on("second-instance", () => {
    if (app.isReady()) showWindow();
  });
  // Windows hide instead of closing; closing the last one must not quit a tray app.
  app.on("window-all-closed", () => undefined);

  if (process.platform === "win32") app.setAppUserModelId(APP_ID);
  await app.whenReady();
  if (isMac) app.dock?.hide();
  hardenApp();
  serveRenderer(path.join(outDir, "renderer"));

  const cfg = resolveConfigDir({ appDir: app.getPath("userData") });
  fs.mkdirSync(cfg.dir, { recursive: true, mode: 0o700 });
  const logger = createLogger([createFileSink(cfg.dir).sink]);
  const log = logger.child("shell");
  const { store: secrets, warning } = await openSecretStore();
  if (warning) log.warn(warning);
  const profiles = await ProfileStore.open(cfg.dir);
  // The keychain half of the profiles.json v2 migration (entries move from id keys to uid keys).
  const moved = await moveLegacyKeychainEntries(profiles, secrets);
  for (const w of moved.warnings) log.warn(w);
  // "Show in folder" is the one thing the core cannot do itself: the shell only binds the OS call.
  const host = new HostService({ host: "electron", configDir: cfg.dir, profiles, secrets, logger, notices: warning ? [warning] : [], revealInFolder: (f) => shell.showItemInFolder(f) });
  const ports = corePorts({ orchestrator: host.orchestrator, host: host.handlers, profiles, secrets });
  bindHostApi(host.handlers, trusted, logger.child("ipc"));

  const login = createLoginItem(APP_ID);
  if (login.note) log.info(login.note);
  await login.refresh().catch((e: Error) => log.warn(`could not refresh the autostart entry: ${e.message}`));

  const tray = new TrayController({
    resourcesDir: path.join(app.getAppPath(), "resources"),
    input: async () => ({
      profiles: ports.profiles(),
      connections: ports.snapshots(),
      startAtLogin: { supported: login.supported, enabled: await login.get().catch(() => false) },
    }),
    onAction: (a) => void dispatch(a),
    onActivate: showWindow,
  });

  async function dispatch(a: TrayAction): Promise<void> {
    try {
      switch (a.type) {
        case "connect":
          return await ports.connect(a.profileId);
        case "disconnect":
          return await ports.disconnect(a.profileId);
        case "open-window":
          return showWindow();
        case "open-control-ui": {
          const url = await ports.controlUiUrl(a.profileId);
          if (!url) return;
          // The browser gets a one-shot loopback link, so the token never sits in a process's arguments.
          const link = await oneShotRedirect(url);
          if (!openExternalHttp(link.url)) link.close();
          return;
        }
        case "copy-text":
          return clipboard.writeText(a.text);
        case "set-start-at-login":
          await login.set(a.enabled);
          return await tray.refresh();
        case "quit":
          return app.quit();
      }
    } catch (e) {
      log.warn(`tray action ${a.type} failed`, { error: (e as Error).message });
    }
  }

  host.onEvent((e) => {
    sendHostEvent(e.name, e.payload, BrowserWindow.getAllWindows().map((w) => w.webContents), trusted, log);
    if (TRAY_EVENTS.has(e.name)) void tray.refresh();
  });
  tray.start();
  const stopWatching = watchPowerAndNetwork(ports);

  app.on("before-quit", (e) => {
    quitting = true;
    if (stopped) return;
    // Stop every supervisor cleanly (tunnels closed, sessions stopped) before the process goes.
    e.preventDefault();
    stopWatching();
    const deadline = new Promise((r) => setTimeout(r, 5_000));
    void Promise.race([host.stop(), deadline])
      .catch((err: Error) => log.warn(`stopping connections failed: ${err.message}`))
      .finally(() => {
        stopped = true;
        tray.destroy();
        app.quit();
      });
  });

  // Test seam for the _electron specs only (never set by the app or its packages).
  if (process.env.CLAWLINK_E2E === "1") {
    (globalThis as Record<string, unknown>).__clawlinkShell = {
      trayModel: async () => (await tray.refresh(), tray.model),
      clickTray: async (id: string) => {
        await tray.refresh();
        const item = tray.model && findItem(tray.model.items, id);
        if (!item || (item.kind !== "action" && item.kind !== "checkbox")) throw new Error(`no tray item ${id}`);
        await dispatch(item.action);
      },
      trustedContents: () => trusted.all(),
      configDir: cfg.dir,
    };
  }

  const wasOpenedAtLogin = isMac ? app.getLoginItemSettings().wasOpenedAtLogin : false;
  if (!startedHidden(process.argv, wasOpenedAtLogin)) showWindow();

  const plan = await ports.connectAtStart();
  for (const s of plan.skipped) log.info(`connect at start: skipped ${s.id}: ${s.reason}`);
}
