// Replaced at build time by scripts/build.mjs (esbuild define); tests and tsx runs read package.json.
declare const __CLAWLINK_VERSION__: string | undefined;

export const CLAWLINK_VERSION: string = typeof __CLAWLINK_VERSION__ === "string" ? __CLAWLINK_VERSION__ : "0.0.0-dev";
