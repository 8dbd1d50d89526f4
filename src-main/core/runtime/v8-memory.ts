// V8 settings for Clawlink's own processes (the CLI and the Electron main process), issue 15 §3.
// Measured (benchmark 7b, bench/lib/semi-space.ts; docs/notes/issue-15-scale-and-speed.md): over reconnect
// cycles most of the RSS growth was V8's young generation growing its semi-spaces under the allocation
// rate and keeping them after GC (committed heap +64 MB after 5,000 cycles), not retained objects.
// Growth factor 1 keeps each semi-space at its starting size: RSS growth 42 → 14 MB after 5,000 cycles,
// committed heap +1.8 MB, and no more CPU per cycle (3.1 vs 3.4 ms) — the same as `--max-semi-space-size=1`
// (14.7 MB) but settable from inside the running process (V8 reads the factor at every growth step), so
// neither the `clawlink` launcher nor Electron has to re-exec itself with a flag, and `node
// bin/clawlink.mjs` gets it too. `--max-semi-space-size` only counts at isolate creation, and Electron's
// `app.commandLine.appendSwitch("js-flags", …)` reaches the renderers, not the main process that holds
// the connections (electron-builder#3781).

/** The flag, for v8.setFlagsFromString. */
export const YOUNG_GENERATION_FLAGS: readonly string[] = ["--semi-space-growth-factor=1"];

/** Flags by which a person has already chosen the young generation's size; theirs win. */
const OWN_CHOICE = /--(max-semi-space-size|min-semi-space-size|semi-space-growth-factor|max-heap-size)\b|--(max|min)_semi_space_size\b|--semi_space_growth_factor\b|--max_heap_size\b/;

export interface ProcessFlags {
  /** process.execArgv. */
  execArgv: readonly string[];
  /** process.env.NODE_OPTIONS. */
  nodeOptions?: string | undefined;
  /** Electron's --js-flags switch value, when there is one. */
  jsFlags?: string | undefined;
}

/**
 * The V8 flags to set at start: the young-generation cap, unless the person already set the young
 * generation's size themselves (execArgv, NODE_OPTIONS or Electron's --js-flags), in which case none.
 */
export function v8MemoryFlags(p: ProcessFlags): string[] {
  const given = [...p.execArgv, p.nodeOptions ?? "", p.jsFlags ?? ""].join(" ");
  return OWN_CHOICE.test(given) ? [] : [...YOUNG_GENERATION_FLAGS];
}
