// Test support: builds a small TypeScript entry into one ESM file a *separate* Node process can run, so
// tests can do what only a real process allows (be SIGKILLed mid-write, start with another D-Bus address).
// The real modules are bundled, not copies; npm packages stay external and resolve from the repo's
// node_modules, which is why the bundle is written under node_modules/.cache. It lives here, outside
// src-main/core, because it imports esbuild (a build tool, not something the app's core may use).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** `from` is the caller's import.meta.url: the entry's relative imports resolve from the caller's folder. */
export async function bundleChild(entrySource: string, name: string, from: string): Promise<string> {
  const dir = path.join(repoRoot, "node_modules", ".cache", "clawlink-test-children");
  fs.mkdirSync(dir, { recursive: true });
  const id = `${name}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const out = path.join(dir, `${id}.mjs`);
  // The entry is given on stdin, resolved from the caller's directory, so relative imports
  // ("./atomic-write.js") reach the real modules and no stray file appears in the source tree.
  await build({
    stdin: { contents: entrySource, resolveDir: path.dirname(fileURLToPath(from)), sourcefile: `${name}.entry.ts`, loader: "ts" },
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
  return out;
}
