import { describe, expect, it } from "vitest";
import { resolveConfigDir } from "./config-dir.js";

describe("config dir", () => {
  const home = "/home/ada";
  it("--config-dir beats CLAWLINK_CONFIG_DIR beats the app's userData beats the OS default", () => {
    const env = { CLAWLINK_CONFIG_DIR: "/env/dir" };
    expect(resolveConfigDir({ explicit: "/flag/dir", appDir: "/electron/userData", env, platform: "linux", homeDir: home })).toEqual({ dir: "/flag/dir", source: "--config-dir" });
    expect(resolveConfigDir({ appDir: "/electron/userData", env, platform: "linux", homeDir: home })).toEqual({ dir: "/env/dir", source: "CLAWLINK_CONFIG_DIR" });
    expect(resolveConfigDir({ appDir: "/electron/userData", env: {}, platform: "linux", homeDir: home })).toEqual({ dir: "/electron/userData", source: "app userData" });
    expect(resolveConfigDir({ env: { CLAWLINK_CONFIG_DIR: "  " }, platform: "linux", homeDir: home })).toEqual({ dir: "/home/ada/.config/clawlink", source: "OS default" });
  });

  it("follows each OS's convention", () => {
    expect(resolveConfigDir({ env: { XDG_CONFIG_HOME: "/xdg" }, platform: "linux", homeDir: home }).dir).toBe("/xdg/clawlink");
    // A relative XDG_CONFIG_HOME is invalid per the spec and ignored.
    expect(resolveConfigDir({ env: { XDG_CONFIG_HOME: "rel" }, platform: "linux", homeDir: home }).dir).toBe("/home/ada/.config/clawlink");
    expect(resolveConfigDir({ env: {}, platform: "darwin", homeDir: "/Users/ada" }).dir).toBe("/Users/ada/Library/Application Support/Clawlink");
    expect(resolveConfigDir({ env: { APPDATA: "C:\\Users\\ada\\AppData\\Roaming" }, platform: "win32", homeDir: "C:\\Users\\ada" }).dir).toBe("C:\\Users\\ada\\AppData\\Roaming\\Clawlink");
    expect(resolveConfigDir({ env: {}, platform: "win32", homeDir: "C:\\Users\\ada" }).dir).toBe("C:\\Users\\ada\\AppData\\Roaming\\Clawlink");
  });

  it("makes a relative explicit directory absolute", () => {
    expect(resolveConfigDir({ explicit: "rel/dir", env: {}, platform: "linux", homeDir: home }).dir).toBe(`${process.cwd()}/rel/dir`);
  });
});
