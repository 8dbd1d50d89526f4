// Layering is enforced here, not by convention:
// - src-main/core is plain Node: no electron, no React, no DOM libraries.
// - src-renderer talks only to the host API: no node built-ins, no electron, no sockets.
// - src-shared is the contract both sides import: neither node nor electron nor React.
// e2e/lint-layering.test.ts proves a violation makes `npm run lint` fail.
import { builtinModules } from "node:module";
import tseslint from "typescript-eslint";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronAndUi = ["electron", "electron/*", "react", "react-dom", "react-dom/*", "react/*", "zustand", "zustand/*"];
const socketsAndNativeLibs = ["ws", "ssh2", "@napi-rs/keyring", "@openclaw/gateway-client", "@openclaw/gateway-client/*"];

const restrict = (names, message) => ({
  "no-restricted-imports": ["error", { paths: [], patterns: [{ group: names, message }] }],
});

export default tseslint.config(
  { ignores: ["out/**", "dist/**", "node_modules/**", "test-output/**", "e2e/fixtures/**", "**/*.cjs", "resources/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src-main/core/**/*.ts"],
    rules: restrict(electronAndUi, "src-main/core is plain Node: it must not import electron or UI libraries."),
  },
  {
    files: ["src-renderer/**/*.{ts,tsx}"],
    rules: restrict(
      [...nodeBuiltins, ...electronAndUi.filter((n) => !n.startsWith("react") && !n.startsWith("zustand")), ...socketsAndNativeLibs],
      "src-renderer talks only to the host API (window.clawlink): no node built-ins, electron or sockets.",
    ),
  },
  {
    files: ["src-shared/**/*.ts"],
    rules: restrict(
      [...nodeBuiltins, ...electronAndUi, ...socketsAndNativeLibs],
      "src-shared is the contract both runtimes import: keep it free of node, electron, UI and socket libraries.",
    ),
  },
);
