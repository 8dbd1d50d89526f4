// The real process's stdin/stdout/stderr and environment as a CliIO. Its own module, importing nothing
// but types, so the CLI entry (main.ts) uses it without loading the profile store, keychain or zod that
// context.ts opens: `--version`, `--help` and an unknown command answer before any of that loads.
import type { CliIO } from "./context.js";

export const processIO = (): CliIO => ({
  stdout: (l) => process.stdout.write(l + "\n"),
  write: (t) => process.stdout.write(t),
  stderr: (l) => process.stderr.write(l + "\n"),
  readStdin: async () => {
    if (process.stdin.isTTY) return "";
    let data = "";
    for await (const chunk of process.stdin) data += chunk;
    return data;
  },
  env: process.env,
});
