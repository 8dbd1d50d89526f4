// Where Clawlink keeps its own files (profiles.json, logs/). One function so the CLI, the desktop app
// and the tests agree. Order, most specific first:
//  1. an explicit directory from the command line (`--config-dir DIR`): the person asked for it now;
//  2. CLAWLINK_CONFIG_DIR: lets a script, a test or a second instance point anywhere, even the desktop app;
//  3. the app's own directory (the desktop app passes Electron's userData, which already follows the OS
//     conventions and the app name Electron knows);
//  4. the OS convention: XDG on Linux, Application Support on macOS, %APPDATA% on Windows.
import os from "node:os";
import path from "node:path";

export type ConfigDirSource = "--config-dir" | "CLAWLINK_CONFIG_DIR" | "app userData" | "OS default";

export interface ConfigDirOptions {
  /** From `--config-dir`: wins over everything. */
  explicit?: string;
  /** Electron's userData (desktop app): used instead of the OS default, but CLAWLINK_CONFIG_DIR still wins. */
  appDir?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homeDir?: string;
}

export interface ConfigDir {
  dir: string;
  /** Said in diagnostics so a person knows why that directory was picked. */
  source: ConfigDirSource;
}

export function resolveConfigDir(opts: ConfigDirOptions = {}): ConfigDir {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  // Windows paths are built with win32 semantics even when this runs elsewhere (tests), and vice versa.
  const p = platform === "win32" ? path.win32 : path.posix;
  const nonEmpty = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

  const explicit = nonEmpty(opts.explicit);
  if (explicit) return { dir: p.resolve(explicit), source: "--config-dir" };
  const fromEnv = nonEmpty(env.CLAWLINK_CONFIG_DIR);
  if (fromEnv) return { dir: p.resolve(fromEnv), source: "CLAWLINK_CONFIG_DIR" };
  const appDir = nonEmpty(opts.appDir);
  if (appDir) return { dir: p.resolve(appDir), source: "app userData" };

  const home = opts.homeDir ?? os.homedir();
  if (platform === "darwin") return { dir: p.join(home, "Library", "Application Support", "Clawlink"), source: "OS default" };
  if (platform === "win32") {
    const appData = nonEmpty(env.APPDATA) ?? p.join(home, "AppData", "Roaming");
    return { dir: p.join(appData, "Clawlink"), source: "OS default" };
  }
  // XDG base directory spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  const base = xdg && p.isAbsolute(xdg) ? xdg : p.join(home, ".config");
  return { dir: p.join(base, "clawlink"), source: "OS default" };
}
