#!/usr/bin/env node
// The `clawlink` command. Runs the built CLI (npm run build) so it starts fast and needs no TypeScript.
import { existsSync } from "node:fs";
import module from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const built = fileURLToPath(new URL("../out/cli/clawlink.mjs", import.meta.url));
if (!existsSync(built)) {
  console.error("clawlink: not built yet; run `npm run build` in the Clawlink folder first");
  process.exit(2);
}
// V8's compiled code for the CLI's chunks is cached on disk (Node's compile cache, os.tmpdir() unless
// NODE_COMPILE_CACHE says where; NODE_DISABLE_COMPILE_CACHE=1 turns it off): every start after the first
// skips compiling them (issue 15 §2, ~30 ms of a probe).
module.enableCompileCache?.();
const { main } = await import(pathToFileURL(built).href);
process.exitCode = await main(process.argv.slice(2));
