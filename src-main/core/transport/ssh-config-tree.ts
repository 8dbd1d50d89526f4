// ~/.ssh/config with its `Include` files, read once per resolution (issue 12). People split their SSH
// config into `~/.ssh/config.d/*` (or a work and a home file); without following Include, an alias
// `ssh <alias>` reaches was unknown to Clawlink. The text is parsed by the `ssh-config` package (never by
// hand); this module only finds the files an Include names, the way OpenSSH's readconf.c does:
// - each argument may hold `~`, `${ENV}` and glob(7) wildcards; a relative path is taken from ~/.ssh;
// - matches are read in sorted order, a pattern that matches nothing (a missing file) is ignored;
// - nesting is bounded (OpenSSH's READCONF_MAX_DEPTH, 16): deeper means an Include loop, reported.
// Which included lines apply to which host (an Include inside a Host or Match block is conditional) is
// decided per query in ssh-config-flatten.ts.
import fs from "node:fs";
import path from "node:path";
import SSHConfig, { LineType, type Directive, type Line } from "ssh-config";

/** The file system as the loader sees it: undefined = not there or not readable (then ignored). */
export interface ConfigFs {
  readFile(file: string): string | undefined;
  readDir(dir: string): string[] | undefined;
}

export const nodeConfigFs: ConfigFs = {
  readFile(file) {
    try {
      return fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  },
  readDir(dir) {
    try {
      return fs.readdirSync(dir);
    } catch {
      return undefined;
    }
  },
};

/** One parsed file and, for each of its Include lines, the files it brought in (in reading order). */
export interface ConfigFile {
  path: string;
  config: SSHConfig;
  includes: Map<Directive, ConfigFile[]>;
}

export type LoadResult = { ok: true; file: ConfigFile } | { ok: false; message: string; fixHint: string };

export interface LoadOptions {
  homeDir: string;
  env: NodeJS.ProcessEnv;
  fs?: ConfigFs;
  /** Where the root text came from, for messages; default ~/.ssh/config. */
  path?: string;
}

/** OpenSSH's READCONF_MAX_DEPTH. */
export const MAX_INCLUDE_DEPTH = 16;

/** The values of a directive as plain strings (ssh-config keeps quoting and separators per value). */
export function directiveValues(d: Directive): string[] {
  return typeof d.value === "string" ? [d.value] : d.value.map((v) => v.val);
}

export const isDirective = (l: Line): l is Directive => l.type === LineType.DIRECTIVE;
export const isInclude = (l: Line): l is Directive => isDirective(l) && /^include$/i.test(l.param);

/**
 * Keywords are case-insensitive in OpenSSH, but ssh-config's `Match host` / `Match user` see a HostName or
 * User line only when it is spelt that way; the parsed lines get the canonical spelling.
 */
const CANONICAL_PARAM: Record<string, string> = { hostname: "HostName", user: "User" };

class IncludeTooDeep extends Error {}

/** Parses the root config text and every file its Include lines name, recursively. */
export function loadConfigTree(text: string, o: LoadOptions): LoadResult {
  const rootPath = o.path ?? path.join(o.homeDir, ".ssh", "config");
  const cfs = o.fs ?? nodeConfigFs;
  const parseFile = (file: string, body: string, depth: number): ConfigFile => {
    if (depth > MAX_INCLUDE_DEPTH) throw new IncludeTooDeep(file);
    let config: SSHConfig;
    try {
      config = SSHConfig.parse(body);
    } catch (e) {
      throw depth === 0 ? e : new Error(`${file}: ${(e as Error).message}`);
    }
    const includes = new Map<Directive, ConfigFile[]>();
    for (const line of config) {
      const lines = "config" in line && line.config ? [line, ...line.config] : [line];
      for (const l of lines) {
        if (isDirective(l)) l.param = CANONICAL_PARAM[l.param.toLowerCase()] ?? l.param;
        if (!isInclude(l)) continue;
        const files: ConfigFile[] = [];
        for (const p of directiveValues(l).flatMap((v) => expandIncludePattern(v, o.homeDir, o.env, cfs))) {
          const t = cfs.readFile(p);
          if (t !== undefined) files.push(parseFile(p, t, depth + 1));
        }
        includes.set(l, files);
      }
    }
    return { path: file, config, includes };
  };
  try {
    return { ok: true, file: parseFile(rootPath, text, 0) };
  } catch (e) {
    if (e instanceof IncludeTooDeep) {
      return {
        ok: false,
        message: `The SSH config includes files more than ${MAX_INCLUDE_DEPTH} levels deep (at ${e.message}): an Include loop?`,
        fixHint: "Check the Include lines in ~/.ssh/config and the files they name (`ssh -G <host>` reports the same loop).",
      };
    }
    return {
      ok: false,
      message: `The SSH config could not be read: ${(e as Error).message}.`,
      fixHint: "Fix the syntax error in ~/.ssh/config (ssh -G <host> shows where), or enter user@host instead of an alias.",
    };
  }
}

/** The files one Include argument names, sorted as glob(3) returns them; none when nothing matches. */
export function expandIncludePattern(pattern: string, homeDir: string, env: NodeJS.ProcessEnv, cfs: ConfigFs = nodeConfigFs): string[] {
  let p = pattern.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, n: string) => env[n] ?? "");
  if (p === "~") p = homeDir;
  else if (p.startsWith("~/")) p = path.join(homeDir, p.slice(2));
  // OpenSSH: "Files without absolute paths are assumed to be in ~/.ssh" (for a user config).
  if (!path.isAbsolute(p)) p = path.join(homeDir, ".ssh", p);
  const root = path.parse(p).root;
  const parts = p.slice(root.length).split(/[\\/]+/).filter(Boolean);
  let found = [root];
  let wild = false;
  for (const part of parts) {
    if (!/[*?[]/.test(part)) {
      found = found.map((dir) => path.join(dir, part));
      continue;
    }
    wild = true;
    const re = segmentRegExp(part);
    found = found.flatMap((dir) => (cfs.readDir(dir) ?? []).filter((name) => re.test(name) && (part.startsWith(".") || !name.startsWith("."))).map((name) => path.join(dir, name)));
  }
  return wild ? found.sort() : found;
}

/** One path segment of a glob(7) pattern: `*`, `?` and `[…]` (with `!` negation); the rest literal. */
function segmentRegExp(part: string): RegExp {
  let re = "";
  for (let i = 0; i < part.length; i++) {
    const ch = part[i]!;
    if (ch === "*") re += ".*";
    else if (ch === "?") re += ".";
    else if (ch === "[") {
      const end = part.indexOf("]", i + 2);
      if (end < 0) {
        re += "\\[";
        continue;
      }
      let body = part.slice(i + 1, end);
      if (body.startsWith("!")) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, "\\\\")}]`;
      i = end;
    } else re += ch.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "s");
}
