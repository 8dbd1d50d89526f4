#!/usr/bin/env node
// One command builds everything the app and CLI run:
//   out/main/main.mjs        Electron main (ESM; dependencies stay in node_modules, native ones included)
//   out/preload/preload.cjs  preload (CJS, one file: a sandboxed preload cannot load ESM or node_modules)
//   out/cli/clawlink.mjs     the headless CLI / web host, same core as the app (+ one chunk per command; cli-build.mjs)
//   out/renderer/            the React UI (Vite), and clawlink-host.js: window.clawlink for the web host
//                            (the one host client over its WebSocket; written after Vite, which empties the folder)
// `--e2e-seam` (npm test's build only) compiles in the test seam the _electron specs drive (shell/e2e-seam.ts);
// without it __CLAWLINK_E2E__ is false and esbuild drops the seam, so no other build carries it.
// Type checking is separate (`npm run typecheck`): esbuild and Vite only strip types.
import { build } from "esbuild";
import { build as viteBuild } from "vite";
import fs from "node:fs";
import { cliBuildOptions } from "./cli-build.mjs";

fs.rmSync("out", { recursive: true, force: true });
const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
const common = {
  bundle: true,
  platform: "node",
  target: "node22",
  sourcemap: "linked",
  logLevel: "warning",
  define: { __CLAWLINK_VERSION__: JSON.stringify(pkg.version), __CLAWLINK_E2E__: JSON.stringify(process.argv.includes("--e2e-seam")) },
};
await Promise.all([
  build({ ...common, entryPoints: ["src-main/main.ts"], outfile: "out/main/main.mjs", format: "esm", packages: "external" }),
  build({ ...common, entryPoints: ["src-main/preload.ts"], outfile: "out/preload/preload.cjs", format: "cjs", external: ["electron"] }),
  build(cliBuildOptions(common)),
  viteBuild({ configFile: "vite.config.ts", logLevel: "warn" }),
]);
await build({
  entryPoints: ["src-shared/web-host-client-main.ts"],
  outfile: "out/renderer/clawlink-host.js",
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "chrome120",
  minify: true,
  logLevel: "warning",
});
console.log("build: out/main, out/preload, out/cli, out/renderer");
