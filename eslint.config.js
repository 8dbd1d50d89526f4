// Layering is enforced here, not by convention:
// - src-main/core is plain Node: no electron, no React, no DOM libraries.
// - src-renderer talks only to the host API: no node built-ins, no electron, no sockets.
// - src-shared is the contract both sides import: neither node nor electron nor React.
// - inside core, transport/gateway/identity/secrets/log never import orchestrator/host/cli/desktop.
// - no source file over 400 lines, no function over 80 (tests, e2e/ and bench/ exempt).
// e2e/unit/lint-layering.test.ts proves a violation makes `npm run lint` fail.
import { builtinModules } from "node:module";
import tseslint from "typescript-eslint";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronAndUi = ["electron", "electron/*", "react", "react-dom", "react-dom/*", "react/*", "zustand", "zustand/*"];
const socketsAndNativeLibs = ["ws", "ssh2", "@napi-rs/keyring", "@openclaw/gateway-client", "@openclaw/gateway-client/*"];

const rule = (...patterns) => ({ "no-restricted-imports": ["error", { paths: [], patterns }] });
const noUi = { group: electronAndUi, message: "src-main/core is plain Node: it must not import electron or UI libraries." };
const onlySessionWrapsClient = {
  group: ["@openclaw/gateway-client", "@openclaw/gateway-client/*"],
  message: "Only src-main/core/gateway/gateway-session.ts wraps the official gateway client; use GatewaySession.",
};

// Direction inside core: the building blocks never reach up into what composes them. Only cli/ and
// host/ are entry points; orchestrator/ and desktop/ compose the blocks below.
const lowerCore = ["transport", "gateway", "identity", "secrets", "log"];
const upperCore = ["orchestrator", "host", "cli", "desktop"];
const downward = {
  group: upperCore.flatMap((d) => [`**/${d}/*`, `**/${d}/**`, `./${d}/*`]),
  message: `src-main/core/{${lowerCore.join(",")}} are building blocks: they must not import src-main/core/{${upperCore.join(",")}} (those compose them).`,
};
const lowerFiles = lowerCore.map((d) => `src-main/core/${d}/**/*.ts`);
const lowerTests = lowerCore.map((d) => `src-main/core/${d}/**/*.test.ts`);

// Size (issue 14 §5): blank lines and comments are not counted, so explaining a decision never pushes
// code over the limit; what is counted is code. Tests are exempt (a describe block is a list of cases).
const sourceFiles = ["src-main/**/*.ts", "src-shared/**/*.ts", "src-renderer/**/*.{ts,tsx}"];
const testFiles = ["**/*.test.ts", "**/*.test.tsx"];
const counted = { skipBlankLines: true, skipComments: true };
const sizeRules = {
  "max-lines": ["error", { max: 400, ...counted }],
  "max-lines-per-function": ["error", { max: 80, ...counted }],
};

// Flat config replaces (does not merge) a rule's options when several blocks match one file, so each
// block below states the complete restriction for its files.
export default tseslint.config(
  { ignores: ["out/**", "dist/**", "node_modules/**", "test-output/**", "e2e/fixtures/**", "**/*.cjs", "resources/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  { files: ["src-main/**/*.ts"], rules: rule(onlySessionWrapsClient) },
  { files: ["src-main/core/**/*.ts"], rules: rule(noUi, onlySessionWrapsClient) },
  { files: lowerFiles, rules: rule(noUi, onlySessionWrapsClient, downward) },
  { files: ["src-main/core/gateway/gateway-session.ts"], rules: rule(noUi, downward) },
  // Tests may cross-check our behaviour against the library's own helpers.
  { files: ["src-main/core/**/*.test.ts"], rules: rule(noUi) },
  { files: lowerTests, rules: rule(noUi, downward) },
  {
    files: ["src-renderer/**/*.{ts,tsx}"],
    rules: rule({
      group: [...nodeBuiltins, "electron", "electron/*", ...socketsAndNativeLibs],
      message: "src-renderer talks only to the host API (window.clawlink): no node built-ins, electron or sockets.",
    }),
  },
  {
    files: ["src-shared/**/*.ts"],
    rules: rule({
      group: [...nodeBuiltins, ...electronAndUi, ...socketsAndNativeLibs],
      message: "src-shared is the contract both runtimes import: keep it free of node, electron, UI and socket libraries.",
    }),
  },
  { files: sourceFiles, ignores: testFiles, rules: sizeRules },
);
