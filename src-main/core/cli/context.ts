// Everything a CLI command needs, opened once: config dir, profile store, secret store (keychain, or
// memory with a plain warning), and a logger writing redacted records to stderr (with --json: nowhere
// but the log file, so stdout stays machine-readable).
import fs from "node:fs";
import { createFileSink } from "../log/file-sink.js";
import { createLogger, type LogSink, type Logger } from "../log/logger.js";
import { resolveConfigDir } from "../profiles/config-dir.js";
import { openSecretStore, type OpenedSecretStore } from "../profiles/profile-secrets.js";
import { moveLegacyKeychainEntries } from "../profiles/keychain-migration.js";
import { ProfileStore } from "../profiles/profile-store.js";
import type { SecretStore } from "../secrets/secret-store.js";
import { flag, has, type ParsedArgs } from "./args.js";

export interface CliIO {
  stdout: (line: string) => void;
  /** Writes text as it is (streamed chat replies). */
  write: (text: string) => void;
  stderr: (line: string) => void;
  /** Reads all of stdin (for --token-stdin / chat messages). */
  readStdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  /**
   * Seam for in-process tests: the secret store to use instead of the OS keychain (which a test machine
   * may or may not offer, through whichever backend answers). Commands never set it.
   */
  openSecrets?: () => Promise<OpenedSecretStore>;
}

// The real process's streams live in io.ts, so the CLI entry can use them without loading the stores above.
export { processIO } from "./io.js";

export interface CliContext {
  io: CliIO;
  configDir: string;
  profiles: ProfileStore;
  secrets: SecretStore;
  logger: Logger;
  json: boolean;
}

export async function openContext(args: ParsedArgs, io: CliIO, extraSinks: LogSink[] = []): Promise<CliContext> {
  const cfg = resolveConfigDir({ ...(flag(args, "config-dir") ? { explicit: flag(args, "config-dir")! } : {}), env: io.env });
  fs.mkdirSync(cfg.dir, { recursive: true, mode: 0o700 });
  const json = has(args, "json");
  // Every command logs to <config dir>/logs/clawlink.log (rotated; records are redacted before any sink).
  const file = createFileSink(cfg.dir);
  const logger = createLogger([file.sink, ...extraSinks]);
  const { store, warning } = await (io.openSecrets ?? openSecretStore)();
  if (warning) io.stderr(`clawlink: ${warning}`);
  const profiles = await ProfileStore.open(cfg.dir);
  const err = profiles.loadReport.error;
  if (err) io.stderr(`clawlink: ${err.message}${err.movedTo ? ` (kept as ${err.movedTo})` : ""} — ${err.fixHint}`);
  for (const w of profiles.loadReport.warnings) io.stderr(`clawlink: ${w}`);
  // profiles.json v1 → v2 moved the file; the keychain entries follow here (once; retried until done).
  const moved = await moveLegacyKeychainEntries(profiles, store, { env: io.env });
  for (const w of moved.warnings) io.stderr(`clawlink: ${w}`);
  return { io, configDir: cfg.dir, profiles, secrets: store, logger, json };
}
