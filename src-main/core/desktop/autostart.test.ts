import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  autostartDir,
  autostartFile,
  desktopEntry,
  launchCommand,
  loginItemSettings,
  parseDesktopEntry,
  parseExec,
  quoteExecArg,
  readAutostart,
  refreshAutostart,
  setAutostart,
  startedHidden,
} from "./autostart.js";

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-autostart-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("where the entry lives", () => {
  it("uses $XDG_CONFIG_HOME/autostart, else ~/.config/autostart; a relative XDG_CONFIG_HOME is ignored", () => {
    expect(autostartDir({ env: { XDG_CONFIG_HOME: "/x/cfg" }, homeDir: "/home/u" })).toBe("/x/cfg/autostart");
    expect(autostartDir({ env: {}, homeDir: "/home/u" })).toBe("/home/u/.config/autostart");
    expect(autostartDir({ env: { XDG_CONFIG_HOME: "rel/cfg" }, homeDir: "/home/u" })).toBe("/home/u/.config/autostart");
    expect(autostartFile("ai.clawlink.desktop", { env: {}, homeDir: "/home/u" })).toBe("/home/u/.config/autostart/ai.clawlink.desktop.desktop");
    expect(() => autostartFile("../evil", { env: {}, homeDir: "/home/u" })).toThrow(/desktop file id/);
  });
});

describe("the command", () => {
  it("uses $APPIMAGE, not the temporary mount path", () => {
    expect(launchCommand({ execPath: "/tmp/.mount_ClawlAbC/clawlink", env: { APPIMAGE: "/home/u/Apps/Clawlink.AppImage" }, isPackaged: true })).toEqual([
      "/home/u/Apps/Clawlink.AppImage",
      "--hidden",
    ]);
  });
  it("uses the executable when packaged (deb) and electron + app folder in development", () => {
    expect(launchCommand({ execPath: "/opt/Clawlink/clawlink", env: {}, isPackaged: true })).toEqual(["/opt/Clawlink/clawlink", "--hidden"]);
    expect(launchCommand({ execPath: "/n/electron", env: {}, isPackaged: false, appPath: "/src/clawlink" })).toEqual(["/n/electron", "/src/clawlink", "--hidden"]);
    // a relative APPIMAGE (not set by the AppImage runtime) is not trusted
    expect(launchCommand({ execPath: "/opt/c", env: { APPIMAGE: "x.AppImage" }, isPackaged: true })).toEqual(["/opt/c", "--hidden"]);
  });

  it.each([
    ["/opt/Clawlink/clawlink", '"/opt/Clawlink/clawlink"'],
    ["/home/u/My Apps/Claw link.AppImage", '"/home/u/My Apps/Claw link.AppImage"'],
    ['/a "q"/b', '"/a \\\\"q\\\\"/b"'],
    ["/a/$HOME/`x`", '"/a/\\\\$HOME/\\\\`x\\\\`"'],
    ["C:\\odd\\path", '"C:\\\\\\\\odd\\\\\\\\path"'],
    ["/100%/x", '"/100%%/x"'],
  ])("quotes %s for Exec", (arg, want) => {
    expect(quoteExecArg(arg)).toBe(want);
    expect(parseExec(quoteExecArg(arg))).toEqual([arg]);
  });

  it("refuses control characters (a newline would end the Exec line)", () => {
    expect(() => quoteExecArg("/a\nX-Evil=1")).toThrow(/control characters/);
  });
});

describe("the entry", () => {
  const entry = { name: "Clawlink", comment: "Keeps your OpenClaw gateways one click away", command: ["/home/u/My Apps/Clawlink.AppImage", "--hidden"] };

  it("is a valid autostart Desktop Entry", () => {
    const text = desktopEntry(entry);
    const keys = parseDesktopEntry(text);
    expect(text.startsWith("[Desktop Entry]\n")).toBe(true);
    expect(keys.get("Type")).toBe("Application");
    expect(keys.get("Name")).toBe("Clawlink");
    expect(keys.get("Exec")).toBe('"/home/u/My Apps/Clawlink.AppImage" "--hidden"');
    expect(keys.get("X-GNOME-Autostart-enabled")).toBe("true");
    expect(keys.has("Hidden")).toBe(false);
  });

  it("is written when switched on and removed when switched off", async () => {
    const file = autostartFile("ai.clawlink.desktop", { env: { XDG_CONFIG_HOME: tmp } });
    expect(await readAutostart(file)).toEqual({ state: "absent" });
    await setAutostart(file, true, entry);
    expect(fs.statSync(file).mode & 0o777).toBe(0o644);
    expect(await readAutostart(file)).toEqual({ state: "enabled", command: entry.command });
    expect(fs.readdirSync(path.dirname(file))).toEqual(["ai.clawlink.desktop.desktop"]); // no temp litter
    await setAutostart(file, false, entry);
    expect(fs.existsSync(file)).toBe(false);
    await setAutostart(file, false, entry); // already off: no error
    expect(await readAutostart(file)).toEqual({ state: "absent" });
  });

  it("honours a user-set Hidden=true or GNOME's X-GNOME-Autostart-enabled=false: reads as off, never refreshed", async () => {
    const file = path.join(tmp, "autostart", "a.desktop");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const off of ["Hidden=true", "X-GNOME-Autostart-enabled=false"]) {
      const userText = `${desktopEntry({ ...entry, command: ["/old/place", "--hidden"] }).replace("X-GNOME-Autostart-enabled=true\n", "")}${off}\n`;
      fs.writeFileSync(file, userText);
      expect(await readAutostart(file)).toEqual({ state: "disabled-by-user" });
      expect(await refreshAutostart(file, entry)).toBe("disabled-by-user");
      expect(fs.readFileSync(file, "utf8")).toBe(userText);
    }
    // An explicit click on "Start at Login" is the person's choice now: a fresh, enabled entry.
    await setAutostart(file, true, entry);
    expect(await readAutostart(file)).toEqual({ state: "enabled", command: entry.command });
  });

  it("is rewritten at start when the AppImage moved, and left alone when current or absent", async () => {
    const file = path.join(tmp, "autostart", "a.desktop");
    expect(await refreshAutostart(file, entry)).toBe("absent");
    expect(fs.existsSync(file)).toBe(false);
    await setAutostart(file, true, { ...entry, command: ["/old/Clawlink.AppImage", "--hidden"] });
    expect(await refreshAutostart(file, entry)).toBe("rewritten");
    expect(await readAutostart(file)).toEqual({ state: "enabled", command: entry.command });
    const mtime = fs.statSync(file).mtimeMs;
    expect(await refreshAutostart(file, entry)).toBe("unchanged");
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  it("reads only the [Desktop Entry] group", () => {
    const keys = parseDesktopEntry("# c\n[Desktop Entry]\nName=A\n\n[Desktop Action x]\nName=B\nHidden=true\n");
    expect(keys.get("Name")).toBe("A");
    expect(keys.has("Hidden")).toBe(false);
  });
});

describe("macOS/Windows login item", () => {
  it("starts hidden", () => {
    expect(loginItemSettings(true)).toEqual({ openAtLogin: true, args: ["--hidden"] });
    expect(loginItemSettings(false)).toEqual({ openAtLogin: false, args: [] });
    expect(startedHidden(["/app", "--hidden"], false)).toBe(true);
    expect(startedHidden(["/app"], true)).toBe(true);
    expect(startedHidden(["/app"], false)).toBe(false);
  });
});
