#!/usr/bin/env node
// `npm start`: builds, then launches the Electron app. Where no Electron binary can be had (it is
// downloaded from GitHub on first use, which some machines cannot reach), says so in one line and
// points at the browser-hosted UI instead of printing a stack trace.
import { spawn, spawnSync } from "node:child_process";
import { findElectronBinary, tryInstallElectron } from "./electron-binary.mjs";

const bin = findElectronBinary() ?? tryInstallElectron();
if (!bin) {
  console.error(
    "npm start: no Electron binary is available on this machine (its download failed); run the same UI in your browser instead: node bin/clawlink.mjs serve",
  );
  process.exit(1);
}
const built = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
if (built.status !== 0) process.exit(built.status ?? 1);
const child = spawn(bin, ["."], { stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
