// The SSH target of a connection spec, resolved as OpenSSH would (~/.ssh/config applied) with the
// spec's own overrides. Its own module because the connection supervisor and the diagnostics ladder
// both resolve targets this way and must agree (moved out of connection-supervisor.ts, issue 14 §5).
import fs from "node:fs";
import path from "node:path";
import { resolveSshTarget, type ResolveResult } from "../transport/ssh-target.js";
import type { ConnectionSpec } from "./connection-spec.js";

/**
 * The SSH target of a spec as OpenSSH would see it (~/.ssh/config applied), with the spec's own identity
 * file and keepalive settings taking precedence. Shared by the supervisor and the diagnostics ladder.
 */
export function resolveSpecSshTarget(ssh: NonNullable<ConnectionSpec["ssh"]>, o: { homeDir: string; env: NodeJS.ProcessEnv }): ResolveResult {
  const configText = readIfExists(path.join(o.homeDir, ".ssh", "config"));
  const resolved = resolveSshTarget(ssh.target, { ...(configText !== undefined ? { configText } : {}), homeDir: o.homeDir, env: o.env });
  if (!resolved.ok) return resolved;
  const target = resolved.target;
  if (ssh.identityFile) {
    target.identityFiles = [ssh.identityFile];
    target.identitiesOnly = true;
  }
  if (ssh.keepaliveIntervalS !== undefined) target.serverAliveIntervalS = ssh.keepaliveIntervalS;
  if (ssh.keepaliveCountMax !== undefined) target.serverAliveCountMax = ssh.keepaliveCountMax;
  return resolved;
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
