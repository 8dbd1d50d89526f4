// Start at login. macOS and Windows have an OS API (Electron's app.setLoginItemSettings, called by the
// shell with loginItemSettings() below); on Linux that API is a no-op, so the app writes and removes an
// XDG autostart entry itself: ${XDG_CONFIG_HOME:-~/.config}/autostart/<appId>.desktop.
//
// Rules this module keeps (each has a unit test):
// - Exec is quoted per the Desktop Entry spec (every argument double-quoted, `"` `` ` `` `$` `\` escaped,
//   `%` doubled, then the string-value escaping of backslashes), so paths with spaces or quotes launch.
// - AppImage: Exec is $APPIMAGE, never process.execPath (that points into a /tmp/.mount_* FUSE mount that
//   is gone after the app exits).
// - A user-set `Hidden=true` (or `X-GNOME-Autostart-enabled=false`, what GNOME's settings write) means
//   the person turned it off outside the app: it reads as off, and a refresh at start never overrides it.
//   Only an explicit "Start at Login" click in the app writes a fresh, enabled entry.
// - The app is started with --hidden (tray only, no window).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "../profiles/atomic-write.js";

export const HIDDEN_ARG = "--hidden";

export interface XdgEnv {
  env: NodeJS.ProcessEnv;
  homeDir?: string;
}

/** `$XDG_CONFIG_HOME/autostart`; the spec says a relative XDG_CONFIG_HOME is invalid and must be ignored. */
export function autostartDir(o: XdgEnv): string {
  const xdg = o.env.XDG_CONFIG_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(o.homeDir ?? os.homedir(), ".config");
  return path.join(base, "autostart");
}

export function autostartFile(appId: string, o: XdgEnv): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(appId)) throw new Error(`not a usable desktop file id: ${appId}`);
  return path.join(autostartDir(o), `${appId}.desktop`);
}

export interface LaunchInfo {
  /** process.execPath of the running app. */
  execPath: string;
  env: NodeJS.ProcessEnv;
  /** Unpackaged (dev) runs start Electron with the app folder as its first argument. */
  isPackaged: boolean;
  appPath?: string;
}

/** The command that starts this app hidden at login: AppImage path when running from one. */
export function launchCommand(l: LaunchInfo): string[] {
  const appImage = l.env.APPIMAGE;
  if (appImage && path.isAbsolute(appImage)) return [appImage, HIDDEN_ARG];
  if (!l.isPackaged && l.appPath) return [l.execPath, l.appPath, HIDDEN_ARG];
  return [l.execPath, HIDDEN_ARG];
}

/** One Exec argument, quoted and escaped for a Desktop Entry `Exec=` value. */
export function quoteExecArg(arg: string): string {
  if (/[\u0000-\u001f\u007f]/.test(arg)) throw new Error("an autostart command argument cannot contain control characters");
  const quoted = `"${arg.replace(/[`"$\\]/g, (c) => `\\${c}`).replace(/%/g, "%%")}"`;
  // The string-value escape rule is applied before the quoting rule on reading, so it goes on last here.
  return quoted.replace(/\\/g, "\\\\");
}

/** Reverses quoteExecArg for a whole Exec line (enough to compare what is installed with what we'd write). */
export function parseExec(value: string): string[] {
  const unescaped = value.replace(/\\\\/g, "\\");
  const args: string[] = [];
  let cur = "";
  let inQuote = false;
  let has = false;
  for (let i = 0; i < unescaped.length; i++) {
    const c = unescaped[i]!;
    if (inQuote) {
      if (c === "\\" && i + 1 < unescaped.length) cur += unescaped[++i];
      else if (c === '"') inQuote = false;
      else cur += c;
    } else if (c === '"') {
      inQuote = has = true;
    } else if (c === " " || c === "\t") {
      if (has) args.push(cur);
      cur = "";
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) args.push(cur);
  return args.map((a) => a.replace(/%%/g, "%"));
}

export interface EntryInfo {
  name: string;
  comment?: string;
  command: string[];
}

export function desktopEntry(e: EntryInfo): string {
  const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, " ");
  return [
    "[Desktop Entry]",
    "Type=Application",
    "Version=1.0",
    `Name=${oneLine(e.name)}`,
    ...(e.comment ? [`Comment=${oneLine(e.comment)}`] : []),
    `Exec=${e.command.map(quoteExecArg).join(" ")}`,
    "Terminal=false",
    "X-GNOME-Autostart-enabled=true",
    "",
  ].join("\n");
}

/** The keys of the [Desktop Entry] group (other groups, comments and blank lines ignored). */
export function parseDesktopEntry(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  let inMain = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    if (line.startsWith("[")) {
      inMain = line === "[Desktop Entry]";
      continue;
    }
    const eq = line.indexOf("=");
    if (inMain && eq > 0) keys.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return keys;
}

export type AutostartState =
  | { state: "absent" }
  | { state: "enabled"; command: string[] }
  /** The entry exists but the person switched it off outside the app. */
  | { state: "disabled-by-user" };

export async function readAutostart(file: string): Promise<AutostartState> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { state: "absent" };
    throw e;
  }
  const keys = parseDesktopEntry(text);
  if (keys.get("Hidden") === "true" || keys.get("X-GNOME-Autostart-enabled") === "false") return { state: "disabled-by-user" };
  return { state: "enabled", command: parseExec(keys.get("Exec") ?? "") };
}

/** The "Start at Login" checkbox: on writes a fresh entry (an explicit choice wins over Hidden=true), off removes it. */
export async function setAutostart(file: string, enabled: boolean, entry: EntryInfo): Promise<void> {
  if (!enabled) {
    await fs.rm(file, { force: true });
    return;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, desktopEntry(entry), { mode: 0o644 });
}

/**
 * At every start: if our entry is on but points at another command (the AppImage was moved or updated),
 * rewrite it. Absent and user-disabled entries are left exactly as they are.
 */
export async function refreshAutostart(file: string, entry: EntryInfo): Promise<"absent" | "disabled-by-user" | "unchanged" | "rewritten"> {
  const cur = await readAutostart(file);
  if (cur.state !== "enabled") return cur.state;
  if (JSON.stringify(cur.command) === JSON.stringify(entry.command)) return "unchanged";
  await setAutostart(file, true, entry);
  return "rewritten";
}

/** macOS/Windows: what the shell passes to app.setLoginItemSettings. */
export function loginItemSettings(enabled: boolean): { openAtLogin: boolean; args: string[] } {
  return { openAtLogin: enabled, args: enabled ? [HIDDEN_ARG] : [] };
}

/** Started by the login item: tray only, no window. (macOS 13+ cannot pass args to a login item.) */
export function startedHidden(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return argv.includes(HIDDEN_ARG) || wasOpenedAtLogin;
}
