// esbuild options for the headless CLI (out/cli/clawlink.mjs), shared by scripts/build.mjs and the CLI-speed
// benchmark's experiments. Measured in issue 15 §2: most of a CLI start was Node resolving, reading and
// compiling hundreds of small dependency files (zod, ws, the official client), so the pure-JS dependencies
// are bundled in; each command is its own chunk (splitting), so `probe` loads only what probe needs.
// Kept in node_modules: the keychain binding (native), ssh2 (optional native parts, loaded lazily by
// src-main/core/transport/ssh2-lazy.ts), bonjour-service (discover only), ws's optional native helpers.
// Chunks sit next to clawlink.mjs (no subfolder) so import.meta.url-relative paths (serve.ts → ../renderer)
// stay what they were.
export function cliBuildOptions(common, outdir = "out/cli") {
  return {
    ...common,
    entryPoints: { clawlink: "src-main/core/cli/main.ts" },
    outdir,
    format: "esm",
    splitting: true,
    chunkNames: "[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    external: ["@napi-rs/keyring", "ssh2", "bonjour-service", "bufferutil", "utf-8-validate"],
    // Bundled CommonJS (ws) calls require() for Node built-ins; ESM has none, so each chunk gets one.
    banner: { js: "import { createRequire as __clawlinkCreateRequire } from 'node:module'; const require = __clawlinkCreateRequire(import.meta.url);" },
  };
}
