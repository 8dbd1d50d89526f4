#!/usr/bin/env node
// The `clawlink` command. Runs the built CLI (npm run build) so it starts fast and needs no TypeScript.
import { existsSync } from "node:fs";
import module from "node:module";
import v8 from "node:v8";
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
const cli = await import(pathToFileURL(built).href);
// The young-generation cap (src-main/core/runtime/v8-memory.ts decides; a build older than this launcher has none).
for (const flag of cli.v8MemoryFlags?.({ execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS }) ?? []) v8.setFlagsFromString(flag);
process.exitCode = await cli.main(process.argv.slice(2));
