import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The renderer only. base "./" so the same files load from file:// in Electron and from the web host.
export default defineConfig({
  root: "src-renderer",
  base: "./",
  plugins: [react()],
  build: {
    outDir: "../out/renderer",
    emptyOutDir: true,
    sourcemap: false,
    // The CSP forbids inline scripts; keep every module an external file.
    modulePreload: { polyfill: false },
  },
});
