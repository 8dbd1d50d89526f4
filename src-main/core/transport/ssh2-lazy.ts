// ssh2 is loaded on first use, not at import: it is CommonJS spread over many files (~35 ms of a CLI start),
// and a direct ws:// probe or connect never needs it (issue 15 §2). require() is synchronous, so callers
// keep their synchronous shape; type-only imports of "ssh2" stay where they are (they are erased).
// (The default export is the whole CommonJS module: Node's ESM loader would not see `utils` as a named export.)
import { createRequire } from "node:module";
import type * as Ssh2 from "ssh2";

let loaded: typeof Ssh2 | undefined;

export function ssh2(): typeof Ssh2 {
  loaded ??= createRequire(import.meta.url)("ssh2") as typeof Ssh2;
  return loaded;
}
