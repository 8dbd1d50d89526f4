// The `clawlink` CLI entry: parses the command line and dispatches to a command. Returns the exit code.
import { CLAWLINK_VERSION } from "../version.js";

const USAGE = `clawlink ${CLAWLINK_VERSION} — remote-mode operator client for OpenClaw gateways

usage: clawlink <command> [options]
  --version        print the version
  help             this text`;

export async function main(argv: string[]): Promise<number> {
  const [cmd] = argv;
  if (cmd === "--version" || cmd === "-v") {
    console.log(CLAWLINK_VERSION);
    return 0;
  }
  if (!cmd || cmd === "help" || cmd === "--help" || cmd === "-h") {
    console.log(USAGE);
    return cmd ? 0 : 2;
  }
  console.error(`clawlink: unknown command "${cmd}" (see clawlink help)`);
  return 2;
}
