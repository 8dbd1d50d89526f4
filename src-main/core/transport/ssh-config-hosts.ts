// The Host aliases in ~/.ssh/config a person can pick from when adding an SSH gateway: concrete names
// only (no wildcard or negated patterns), each with what OpenSSH would resolve it to.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveSshTarget } from "./ssh-target.js";

export interface SshConfigHost {
  alias: string;
  hostName: string;
  user: string;
  port: number;
}

export function listSshConfigHosts(homeDir = os.homedir(), env: NodeJS.ProcessEnv = process.env): SshConfigHost[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(homeDir, ".ssh", "config"), "utf8");
  } catch {
    return [];
  }
  const aliases = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*Host\s+(.+?)\s*$/i.exec(line);
    if (!m) continue;
    for (const name of m[1]!.split(/\s+/)) if (name && !/[*?!]/.test(name)) aliases.add(name);
  }
  const out: SshConfigHost[] = [];
  for (const alias of aliases) {
    const r = resolveSshTarget(alias, { configText: text, homeDir, env });
    if (r.ok) out.push({ alias, hostName: r.target.host, user: r.target.user, port: r.target.port });
  }
  return out;
}
