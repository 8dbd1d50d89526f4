// One host's view of ~/.ssh/config and its Include files, as a single flat ssh-config list its
// `compute()` can read (issue 12). ssh-config evaluates Host and Match lines itself but knows nothing of
// Include, and an Include inside a Host or Match block is conditional in OpenSSH: its lines apply only
// when that block applies, and its own Host/Match lines narrow that further. So per query:
// - a Host block that holds an Include is decided here (a Host pattern depends only on the typed host):
//   when it matches, its lines and the included files' lines are spliced in; otherwise they are dropped;
// - lines under a Match block (or an Include inside one) keep that block's criteria, which ssh-config
//   evaluates in order as the values it depends on (HostName, User) are set;
// - Match criteria: `all`, `host`, `originalhost`, `user` and `final` are evaluated by ssh-config,
//   `localuser` here. `exec` is never run (computing a config must not run commands from a file), and
//   every other criterion (canonical, localnetwork, tagged, version, negated ones …) is not evaluated:
//   such a block is skipped and a notice says so, where ssh-config would skip it silently.
import SSHConfig, { glob, LineType, type Directive, type Line, type Match } from "ssh-config";
import { directiveValues, isDirective, isInclude, type ConfigFile } from "./ssh-config-tree.js";

type Criteria = Match["criteria"];

export interface FlattenOptions {
  /** The host as typed (what Host patterns match). */
  host: string;
  localUser: string;
}

export interface Flattened {
  config: SSHConfig;
  /** Blocks that were skipped and why, one sentence each. */
  notices: string[];
}

/** Evaluated by ssh-config's compute(), pass by pass. */
const DYNAMIC_CRITERIA = new Set(["all", "host", "originalhost", "user", "final"]);

const criterionValues = (v: Criteria[string]): string | string[] => (Array.isArray(v) ? v.map((x) => x.val) : v);

function sectionOf(criteria: Criteria, lines: Line[]): Match {
  const config = new SSHConfig();
  config.push(...lines);
  return { type: LineType.DIRECTIVE, param: "Match", separator: " ", value: "", before: "", after: "\n", criteria, config };
}

export function flattenForHost(root: ConfigFile, o: FlattenOptions): Flattened {
  const out: Line[] = [];
  const notices = new Set<string>();
  const matchText = (m: Match): string => `Match ${directiveValues(m).join(" ")}`;

  /** The block's criteria as ssh-config will test them, or null when the block is skipped. */
  const criteriaOf = (file: ConfigFile, m: Match): Criteria | null => {
    const kept: Criteria = {};
    for (const [key, value] of Object.entries(m.criteria)) {
      const k = key.toLowerCase();
      if (k === "localuser") {
        if (!glob(criterionValues(value), o.localUser)) return null;
        continue;
      }
      if (k === "exec") {
        notices.add(`${file.path}: "${matchText(m)}" would run a command; Clawlink never runs commands from the SSH config, so that block is skipped.`);
        return null;
      }
      if (!DYNAMIC_CRITERIA.has(k)) {
        notices.add(`${file.path}: "${matchText(m)}": Clawlink does not evaluate the "${key}" criterion (only host, originalhost, user, localuser, all and final), so that block is skipped.`);
        return null;
      }
      kept[key] = value;
    }
    return Object.keys(kept).length ? kept : { all: [] };
  };

  /** A Match under a conditional Include must hold both conditions; one criterion twice cannot be said. */
  const merge = (file: ConfigFile, m: Match, outer: Criteria | null, inner: Criteria): Criteria | null => {
    if (!outer) return inner;
    const seen = new Set(Object.keys(outer).map((k) => k.toLowerCase()));
    const clash = Object.keys(inner).find((k) => k.toLowerCase() !== "all" && seen.has(k.toLowerCase()));
    if (clash) {
      notices.add(`${file.path}: "${matchText(m)}" is included from a Match block that also tests "${clash}"; Clawlink cannot combine the two, so that block is skipped.`);
      return null;
    }
    return { ...outer, ...inner };
  };

  const emit = (file: ConfigFile, d: Directive, cond: Criteria | null): void => {
    if (isInclude(d)) {
      for (const f of file.includes.get(d) ?? []) walk(f, cond);
    } else out.push(cond ? sectionOf(cond, [d]) : d);
  };

  const walk = (file: ConfigFile, cond: Criteria | null): void => {
    for (const line of file.config) {
      if (!isDirective(line)) continue;
      if (!("config" in line)) {
        emit(file, line, cond);
      } else if (/^host$/i.test(line.param)) {
        const section = line;
        if (cond === null && !section.config.some(isInclude)) {
          out.push(section);
          continue;
        }
        const patterns = Array.isArray(section.value) ? section.value.map((v) => v.val) : section.value;
        if (!glob(patterns, o.host)) continue;
        for (const l of section.config) if (isDirective(l)) emit(file, l, cond);
      } else {
        const m = line as Match;
        const own = criteriaOf(file, m);
        const criteria = own && merge(file, m, cond, own);
        if (!criteria) continue;
        let pending: Line[] = [];
        const flush = (): void => {
          if (pending.length) out.push(sectionOf(criteria, pending));
          pending = [];
        };
        for (const l of m.config) {
          if (!isInclude(l)) pending.push(l);
          else {
            flush();
            for (const f of file.includes.get(l) ?? []) walk(f, criteria);
          }
        }
        flush();
      }
    }
  };

  walk(root, null);
  const config = new SSHConfig();
  config.push(...out);
  return { config, notices: [...notices] };
}
