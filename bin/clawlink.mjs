#!/usr/bin/env node
// The `clawlink` command. Runs the built CLI (npm run build) so it starts fast and needs no TypeScript.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const built = fileURLToPath(new URL("../out/cli/clawlink.mjs", import.meta.url));
if (!existsSync(built)) {
  console.error("clawlink: not built yet; run `npm run build` in the Clawlink folder first");
  process.exit(2);
}
const { main } = await import(pathToFileURL(built).href);
process.exitCode = await main(process.argv.slice(2));
