// Resolves an SSH target the way OpenSSH would: `user@host[:port]`, `ssh://user@host:port`, `[v6]:port`,
// or a Host alias from ~/.ssh/config. People already have working aliases (bastions, odd ports, a
// particular key); the app should reach the same machine `ssh <alias>` reaches, with no re-typing.
// Parsed with the `ssh-config` package (first match wins per keyword, as in OpenSSH). Include files are
// followed (ssh-config-tree.ts) and Match blocks honoured per host (ssh-config-flatten.ts); `Match exec`
// is never evaluated: computing a config must not run shell commands from a file. A ProxyCommand is
// reported with its ProxyJump replacement (ssh-proxy-command.ts) instead of being ignored.
import os from "node:os";
import path from "node:path";
import type { Attention } from "../../../src-shared/attention.js";
import { flattenForHost } from "./ssh-config-flatten.js";
import { loadConfigTree, type ConfigFile, type ConfigFs } from "./ssh-config-tree.js";
import { proxyCommandAttention, proxyInEffect } from "./ssh-proxy-command.js";

export interface SshHop {
  /** What the person typed (alias or host), used for messages and Host matching. */
  alias: string;
  /** Where to connect: HostName from the config, else the typed host. */
  host: string;
  port: number;
  user: string;
  /** IdentityFile entries, expanded; empty when none was configured (then the OpenSSH defaults are tried). */
  identityFiles: string[];
  identitiesOnly: boolean;
  /** IdentityAgent: a socket path, "none", or undefined for SSH_AUTH_SOCK. */
  identityAgent?: string;
}

export interface SshTarget extends SshHop {
  /** ProxyJump hops in dialling order (first hop first). */
  jumps: SshHop[];
  /** ServerAliveInterval in seconds (0 = off), if the config sets it. */
  serverAliveIntervalS?: number;
  serverAliveCountMax?: number;
  connectTimeoutS?: number;
  /** UserKnownHostsFile from the config, expanded; undefined = OpenSSH's default (see defaultKnownHostsFiles). */
  userKnownHostsFiles?: string[];
}

export interface ResolveOptions {
  /** Text of the ssh_config to use; undefined = no config file. Its Include lines are followed. */
  configText?: string;
  /** Where configText came from, for messages (default ~/.ssh/config). */
  configPath?: string;
  /** How Include files are found and read (default: the real file system). */
  fs?: ConfigFs;
  homeDir?: string;
  localUser?: string;
  env?: NodeJS.ProcessEnv;
}

/** notices: config blocks that were skipped (a Match criterion not evaluated), one sentence each. */
export type ResolveResult = { ok: true; target: SshTarget; notices?: string[] } | { ok: false; attention: Attention };

interface Typed {
  user?: string;
  host: string;
  port?: number;
}

/** Splits `user@host:port`, `[v6]:port`, `ssh://…`; null when it is not a target at all. */
export function parseTargetSyntax(input: string): Typed | null {
  let s = input.trim();
  if (!s || /\s/.test(s)) return null;
  if (s.startsWith("ssh://")) {
    try {
      const u = new URL(s);
      if (!u.hostname || (u.pathname && u.pathname !== "/")) return null;
      return {
        host: u.hostname.replace(/^\[|\]$/g, ""),
        ...(u.username ? { user: decodeURIComponent(u.username) } : {}),
        ...(u.port ? { port: Number(u.port) } : {}),
      };
    } catch {
      return null;
    }
  }
  let user: string | undefined;
  const at = s.lastIndexOf("@");
  if (at >= 0) {
    user = s.slice(0, at);
    s = s.slice(at + 1);
    if (!user) return null;
  }
  let host = s;
  let port: number | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (bracket) {
    host = bracket[1]!;
    if (bracket[2]) port = Number(bracket[2]);
  } else if ((s.match(/:/g) ?? []).length === 1) {
    const [h, p] = s.split(":");
    if (!/^\d+$/.test(p ?? "")) return null;
    host = h!;
    port = Number(p);
  }
  if (!host || (port !== undefined && (port < 1 || port > 65535))) return null;
  return { host, ...(user ? { user } : {}), ...(port ? { port } : {}) };
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function list(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** The subset of OpenSSH's % tokens and ~ that identity paths use in practice. */
function expandPath(p: string, ctx: { home: string; host: string; port: number; user: string; localUser: string; alias: string }, env: NodeJS.ProcessEnv): string {
  let out = p.replace(/^"|"$/g, "");
  out = out.replace(/%([%dhpruLn])/g, (_m, t: string) => {
    switch (t) {
      case "%": return "%";
      case "d": return ctx.home;
      case "h": return ctx.host;
      case "p": return String(ctx.port);
      case "r": return ctx.user;
      case "u": return ctx.localUser;
      case "L": return os.hostname().split(".")[0] ?? "";
      case "n": return ctx.alias;
      default: return "";
    }
  });
  out = out.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, n: string) => env[n] ?? "");
  if (out === "~") return ctx.home;
  if (out.startsWith("~/")) return path.join(ctx.home, out.slice(2));
  return out;
}

function bad(message: string, fixHint: string): ResolveResult {
  return { ok: false, attention: { reason: "ssh-target-invalid", message, fixHint } };
}

/** What every hop of one resolution shares: the config tree, the local user's context, the notices. */
interface HopContext {
  tree: ConfigFile | null;
  home: string;
  localUser: string;
  env: NodeJS.ProcessEnv;
  notices: Set<string>;
}

type Computed = Record<string, string | string[]>;

interface ResolvedHop {
  hop: SshHop;
  jumps: SshHop[];
  extras: Computed;
}

/** The config as OpenSSH computes it for one typed host (Include and Match applied). */
function computeFor(ctx: HopContext, typed: Typed): Computed {
  if (!ctx.tree) return {};
  const flat = flattenForHost(ctx.tree, { host: typed.host, localUser: ctx.localUser });
  for (const n of flat.notices) ctx.notices.add(n);
  return flat.config.compute({ Host: typed.host, ...(typed.user ? { User: typed.user } : {}) }, { ignoreCase: true, matchExec: false });
}

function identityAgentOf(c: Computed, ctx: HopContext, pathCtx: Parameters<typeof expandPath>[1]): string | undefined {
  const agentRaw = first(c.identityagent);
  if (agentRaw === undefined) return undefined;
  if (agentRaw.toLowerCase() === "none") return "none";
  if (agentRaw === "SSH_AUTH_SOCK") return undefined;
  if (agentRaw.startsWith("$")) return ctx.env[agentRaw.slice(1)];
  return expandPath(agentRaw, pathCtx, ctx.env);
}

function resolveHop(ctx: HopContext, typedInput: string, depth: number): ResolvedHop | Attention {
  const typed = parseTargetSyntax(typedInput);
  if (!typed) {
    return {
      reason: "ssh-target-invalid",
      message: `"${typedInput}" is not an SSH target.`,
      fixHint: "Enter user@host, user@host:port, or a Host alias from ~/.ssh/config.",
    };
  }
  const c = computeFor(ctx, typed);
  const user = typed.user ?? first(c.user) ?? ctx.localUser;
  const port = typed.port ?? (first(c.port) ? Number(first(c.port)) : 22);
  const hostName = first(c.hostname)?.replace(/%h/g, typed.host) ?? typed.host;
  const pathCtx = { home: ctx.home, host: hostName, port, user, localUser: ctx.localUser, alias: typed.host };
  const identityAgent = identityAgentOf(c, ctx, pathCtx);
  const hop: SshHop = {
    alias: typed.host,
    host: hostName,
    port,
    user,
    identityFiles: list(c.identityfile).map((f) => expandPath(f, pathCtx, ctx.env)),
    identitiesOnly: first(c.identitiesonly)?.toLowerCase() === "yes",
    ...(identityAgent !== undefined ? { identityAgent } : {}),
  };
  const proxy = proxyInEffect(c);
  if (proxy === "command") return proxyCommandAttention(typed.host, first(c.proxycommand) ?? "");
  const jumpSpec = proxy === "jump" ? first(c.proxyjump) : undefined;
  const jumps: SshHop[] = [];
  if (jumpSpec && jumpSpec.toLowerCase() !== "none") {
    if (depth > 8) {
      return { reason: "ssh-target-invalid", message: `ProxyJump for ${typed.host} nests more than 8 hops deep (a loop in ~/.ssh/config?).`, fixHint: "Check the ProxyJump lines in ~/.ssh/config." };
    }
    for (const spec of jumpSpec.split(",")) {
      const r = resolveHop(ctx, spec.trim(), depth + 1);
      if ("reason" in r) return r;
      // A jump host's own ProxyJump is dialled before it, as OpenSSH does.
      jumps.push(...r.jumps, r.hop);
    }
  }
  if (Number.isNaN(port) || port < 1 || port > 65535) {
    return { reason: "ssh-target-invalid", message: `Port "${first(c.port)}" for ${typed.host} is not a TCP port.`, fixHint: "Fix the Port line in ~/.ssh/config." };
  }
  return { hop, jumps, extras: c };
}

export function resolveSshTarget(input: string, opts: ResolveOptions = {}): ResolveResult {
  const env = opts.env ?? process.env;
  const home = opts.homeDir ?? os.homedir();
  const localUser = opts.localUser ?? os.userInfo().username;
  let tree: ConfigFile | null = null;
  if (opts.configText !== undefined) {
    const loaded = loadConfigTree(opts.configText, { homeDir: home, env, ...(opts.fs ? { fs: opts.fs } : {}), ...(opts.configPath ? { path: opts.configPath } : {}) });
    if (!loaded.ok) return bad(loaded.message, loaded.fixHint);
    tree = loaded.file;
  }
  const ctx: HopContext = { tree, home, localUser, env, notices: new Set() };
  const r = resolveHop(ctx, input, 0);
  if ("reason" in r) return { ok: false, attention: r };
  const num = (k: string): number | undefined => {
    const v = first(r.extras[k]);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  const serverAliveIntervalS = num("serveraliveinterval");
  const serverAliveCountMax = num("serveralivecountmax");
  const connectTimeoutS = num("connecttimeout");
  // ssh-config returns a multi-file value as an array, a single one as a string.
  const khList = list(r.extras.userknownhostsfile).flatMap((v) => v.split(/\s+/)).filter(Boolean);
  const khRaw = khList.length ? khList.join(" ") : undefined;
  const pathCtx = { home, host: r.hop.host, port: r.hop.port, user: r.hop.user, localUser, alias: r.hop.alias };
  const userKnownHostsFiles = khRaw === undefined ? undefined : khRaw.toLowerCase() === "none" ? [] : khRaw.split(/\s+/).filter(Boolean).map((f) => expandPath(f, pathCtx, env));
  return {
    ok: true,
    target: {
      ...r.hop,
      jumps: r.jumps,
      ...(serverAliveIntervalS !== undefined ? { serverAliveIntervalS } : {}),
      ...(serverAliveCountMax !== undefined ? { serverAliveCountMax } : {}),
      ...(connectTimeoutS !== undefined ? { connectTimeoutS } : {}),
      ...(userKnownHostsFiles !== undefined ? { userKnownHostsFiles } : {}),
    },
    ...(ctx.notices.size ? { notices: [...ctx.notices] } : {}),
  };
}

/** Where OpenSSH looks for keys when no IdentityFile is configured, in its order. */
export function defaultIdentityFiles(homeDir = os.homedir()): string[] {
  return ["id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk"].map((f) => path.join(homeDir, ".ssh", f));
}

/** The user's known_hosts files OpenSSH reads by default (only ever read by Clawlink). */
export function defaultKnownHostsFiles(homeDir = os.homedir()): string[] {
  return [path.join(homeDir, ".ssh", "known_hosts"), path.join(homeDir, ".ssh", "known_hosts2")];
}
