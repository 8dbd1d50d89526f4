// The Host aliases in ~/.ssh/config a person can pick from when adding an SSH gateway: concrete names
// only (no wildcard or negated patterns), each with what OpenSSH would resolve it to. Names in Include
// files count too (issue 12: many configs are split into ~/.ssh/config.d/*).
import os from "node:os";
import path from "node:path";
import { directiveValues, isDirective, isInclude, loadConfigTree, nodeConfigFs, type ConfigFile } from "./ssh-config-tree.js";
import { resolveSshTarget } from "./ssh-target.js";

export interface SshConfigHost {
  alias: string;
  hostName: string;
  user: string;
  port: number;
}

/** Concrete Host names in reading order, through every Include (whether or not it applies to them). */
function collectHostNames(file: ConfigFile, into: Set<string>): void {
  for (const line of file.config) {
    if (!isDirective(line)) continue;
    const section = "config" in line ? line : null;
    if (section && /^host$/i.test(section.param)) {
      for (const name of directiveValues(section)) if (name && !/[*?!]/.test(name)) into.add(name);
    }
    for (const l of section ? section.config : [line]) {
      if (isInclude(l)) for (const f of file.includes.get(l) ?? []) collectHostNames(f, into);
    }
  }
}

export function listSshConfigHosts(homeDir = os.homedir(), env: NodeJS.ProcessEnv = process.env): SshConfigHost[] {
  const text = nodeConfigFs.readFile(path.join(homeDir, ".ssh", "config"));
  if (text === undefined) return [];
  const tree = loadConfigTree(text, { homeDir, env });
  if (!tree.ok) return [];
  const aliases = new Set<string>();
  collectHostNames(tree.file, aliases);
  const out: SshConfigHost[] = [];
  for (const alias of aliases) {
    const r = resolveSshTarget(alias, { configText: text, homeDir, env });
    if (r.ok) out.push({ alias, hostName: r.target.host, user: r.target.user, port: r.target.port });
  }
  return out;
}
