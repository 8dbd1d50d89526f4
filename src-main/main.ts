// Electron main process: the thin shell. It opens the core (config dir, log file, keychain, profiles,
// the host service with its orchestrator), binds the host API contract to IPC, and wires windows, the
// tray, notifications, start at login and power events to it. Every decision lives in the core (src-main/core/desktop
// for the desktop-only ones: tray model and its input, tray actions, notifications, window and quit
// policy, IPC sender check, autostart entry, connect at start, app:// assets), unit-tested without
// Electron; this binds them.
import { app, BrowserWindow, clipboard, shell } from "electron";
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { fileURLToPath } from "node:url";
import { startedHidden } from "./core/desktop/autostart.js";
import { corePorts } from "./core/desktop/desktop-ports.js";
import { oneShotRedirect } from "./core/desktop/one-shot-link.js";
import { runTrayAction } from "./core/desktop/tray-actions.js";
import { refreshesTray, trayInput } from "./core/desktop/tray-input.js";
import type { TrayAction } from "./core/desktop/tray-model.js";
import { onBeforeQuit, onShowWindow, onWindowClose, platformShell, QUIT_STOP_DEADLINE_MS, type PlatformShell, type QuitPhase } from "./core/desktop/window-policy.js";
import { HostService } from "./core/host/host-service.js";
import { createFileSink } from "./core/log/file-sink.js";
import { createLogTap } from "./core/log/log-tap.js";
import { createLogger } from "./core/log/logger.js";
import { resolveConfigDir } from "./core/profiles/config-dir.js";
import { openSecretStore } from "./core/profiles/profile-secrets.js";
import { moveLegacyKeychainEntries } from "./core/profiles/keychain-migration.js";
import { ProfileStore } from "./core/profiles/profile-store.js";
import { v8MemoryFlags } from "./core/runtime/v8-memory.js";
import { exposeE2eSeam } from "./shell/e2e-seam.js";
import { bindHostApi, sendHostEvent, TrustedSenders } from "./shell/ipc-bind.js";
import { createLoginItem } from "./shell/login-item.js";
import { bindNotifications } from "./shell/notify-bind.js";
import { bindQuickChat } from "./shell/quick-chat.js";
import { watchPowerAndNetwork } from "./shell/power.js";
import { createMainWindow, hardenApp, openExternalHttp, registerAppScheme, serveRenderer } from "./shell/secure-window.js";
import { TrayController } from "./shell/tray.js";

/** Stable: the Windows AppUserModelID, the Linux autostart file name; electron-builder.yml uses the same. */
export const APP_ID = "ai.clawlink.desktop";
/** Build-time flag (scripts/build.mjs --e2e-seam): true only in the build the _electron specs launch. */
declare const __CLAWLINK_E2E__: boolean;

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// The young-generation cap for this long-lived process (core/runtime/v8-memory.ts decides; this binds).
for (const flag of v8MemoryFlags({ execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS, jsFlags: app.commandLine.getSwitchValue("js-flags") })) v8.setFlagsFromString(flag);
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

/** The one main window: created on first show, hidden instead of closed while the app runs (window-policy.ts). */
function mainWindow(trusted: TrustedSenders, platform: PlatformShell, phase: () => QuitPhase): { show(): void; current(): BrowserWindow | null } {
  let win: BrowserWindow | null = null;
  const show = () => {
    const live = !!win && !win.isDestroyed();
    const plan = onShowWindow({ live, minimized: live && win!.isMinimized() }, platform);
    if (plan.create || !win) {
      win = createMainWindow(outDir, { show: true });
      trusted.add(win.webContents);
      win.on("close", (e) => {
        const close = onWindowClose(phase(), platform);
        if (!close.hide) return;
        e.preventDefault();
        win?.hide();
        if (close.hideDock) app.dock?.hide();
      });
      win.on("closed", () => (win = null));
    } else {
      if (plan.restore) win.restore();
      win.show();
      win.focus();
    }
    if (plan.showDock) void app.dock?.show();
  };
  return { show, current: () => win };
}

/** The core the shell binds: config dir, log file, keychain, profiles (with the keychain migration), the host service. */
async function openCore(trusted: TrustedSenders) {
  const cfg = resolveConfigDir({ appDir: app.getPath("userData") });
  fs.mkdirSync(cfg.dir, { recursive: true, mode: 0o700 });
  // The log tap hears what the file gets, for the Diagnostics live tail.
  const logTap = createLogTap();
  const logger = createLogger([createFileSink(cfg.dir).sink, logTap.sink]);
  const log = logger.child("shell");
  const { store: secrets, warning } = await openSecretStore();
  if (warning) log.warn(warning);
  const profiles = await ProfileStore.open(cfg.dir);
  // The keychain half of the profiles.json v2 migration (entries move from id keys to uid keys).
  const moved = await moveLegacyKeychainEntries(profiles, secrets);
  for (const w of moved.warnings) log.warn(w);
  // "Show in folder" is the one thing the core cannot do itself: the shell only binds the OS call.
  const host = new HostService({ host: "electron", configDir: cfg.dir, profiles, secrets, logger, notices: warning ? [warning] : [], revealInFolder: (f) => shell.showItemInFolder(f), logTap });
  const ports = corePorts({ orchestrator: host.orchestrator, host: host.handlers, profiles, secrets });
  bindHostApi(host.handlers, trusted, logger.child("ipc"));
  return { cfg, logger, log, profiles, host, ports };
}

async function run(): Promise<void> {
  let phase: QuitPhase = "running";
  const trusted = new TrustedSenders();
  const platform = platformShell(process.platform);
  const win = mainWindow(trusted, platform, () => phase);
  const showWindow = win.show;

  app.on("second-instance", () => {
    if (app.isReady()) showWindow();
  });
  // Windows hide instead of closing; closing the last one must not quit a tray app.
  app.on("window-all-closed", () => undefined);

  if (platform.appUserModelId) app.setAppUserModelId(APP_ID);
  await app.whenReady();
  if (platform.dock) app.dock?.hide();
  hardenApp();
  serveRenderer(path.join(outDir, "renderer"));

  const { cfg, logger, log, profiles, host, ports } = await openCore(trusted);

  const login = createLoginItem(APP_ID);
  if (login.note) log.info(login.note);
  await login.refresh().catch((e: Error) => log.warn(`could not refresh the autostart entry: ${e.message}`));

  const notify = bindNotifications({ host, window: win.current, showWindow, nameOf: (id) => profiles.get(id)?.name ?? null, trusted, log: logger.child("notify") });
  const tray = new TrayController({
    resourcesDir: path.join(app.getAppPath(), "resources"),
    input: () => trayInput({ ...ports, inbox: () => host.inbox.snapshot.items }, login),
    onAction: (a) => void dispatch(a),
    onActivate: showWindow,
  });

  const dispatch = (a: TrayAction): Promise<void> =>
    runTrayAction(a, {
      connect: (id) => ports.connect(id),
      disconnect: (id) => ports.disconnect(id),
      controlUiUrl: (id) => ports.controlUiUrl(id),
      oneShotLink: (url) => oneShotRedirect(url),
      openExternal: openExternalHttp,
      copyText: (text) => clipboard.writeText(text),
      setStartAtLogin: (enabled) => login.set(enabled),
      refreshTray: () => tray.refresh(),
      showWindow,
      answerInbox: notify.answerInbox,
      openInbox: (item) => notify.openTarget(item ? { kind: "inbox-item", ...item } : { kind: "inbox" }),
      tell: notify.tell,
      quit: () => app.quit(),
      warn: (message, fields) => log.warn(message, fields),
    });

  const quickInput = () => ({ profiles: profiles.list(), connections: host.orchestrator.snapshots() });
  const quick = bindQuickChat({ outDir, trusted, input: quickInput, quitting: () => phase !== "running", log: logger.child("quick-chat") });

  host.onEvent((e) => {
    sendHostEvent(e.name, e.payload, BrowserWindow.getAllWindows().map((w) => w.webContents), trusted, log);
    if (refreshesTray(e.name)) void tray.refresh();
    notify.hostEvent(e);
    quick.hostEvent(e);
  });
  tray.start();
  const stopWatching = watchPowerAndNetwork(ports);

  app.on("before-quit", (e) => {
    const q = onBeforeQuit(phase);
    phase = q.next;
    if (q.prevent) e.preventDefault();
    if (!q.stopConnections) return;
    // Stop every supervisor cleanly (tunnels closed, sessions stopped) before the process goes.
    stopWatching();
    const deadline = new Promise((r) => setTimeout(r, QUIT_STOP_DEADLINE_MS));
    void Promise.race([host.stop(), deadline])
      .catch((err: Error) => log.warn(`stopping connections failed: ${err.message}`))
      .finally(() => {
        phase = "stopped";
        notify.dispose();
        quick.dispose();
        tray.destroy();
        app.quit();
      });
  });

  // Only in the build the _electron specs launch (scripts/build.mjs --e2e-seam); false, and dropped, elsewhere.
  if (__CLAWLINK_E2E__) exposeE2eSeam({ tray, dispatch, trustedContents: () => trusted.all(), notifications: notify.shown, quickChat: quick, configDir: cfg.dir });

  const wasOpenedAtLogin = platform.knowsOpenedAtLogin ? app.getLoginItemSettings().wasOpenedAtLogin : false;
  if (!startedHidden(process.argv, wasOpenedAtLogin)) showWindow();

  const plan = await ports.connectAtStart();
  for (const s of plan.skipped) log.info(`connect at start: skipped ${s.id}: ${s.reason}`);
}
