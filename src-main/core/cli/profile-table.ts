// The human table of `clawlink profiles list` (issue 12: no header, no names, long ids broke the columns).
// Pure, so the layout is unit-tested without a config dir or a keychain. Columns are as wide as their
// widest cell; the id is never shortened (it is what `profiles show|remove`, `connect` and `secret set`
// take), while a very long name or target is cut with "…" here only — --json always has full values.
// The CLI is not connected to anything, so "state" is what is known offline: whether a secret is saved.

export interface ProfileRow {
  id: string;
  name: string;
  kind: string;
  /** ssh target, URL, or local port, as describeTarget() words it. */
  target: string;
  connectAtStart: boolean;
  authMode: "token" | "password" | "none" | "device-only";
  /** Whether the secret this auth mode needs is saved; null when that cannot be known (no keychain). */
  secretSaved: boolean | null;
}

/** Longest a name or target may be in the table, "…" included. */
export const MAX_CELL = 40;

export function truncate(s: string, max = MAX_CELL): string {
  const chars = [...s]; // code points, so a cut never splits a surrogate pair
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}

/** "token saved", "token not saved", "password unknown (no keychain)", "device-only", "none". */
export function authCell(r: Pick<ProfileRow, "authMode" | "secretSaved">): string {
  if (r.authMode === "none" || r.authMode === "device-only") return r.authMode;
  if (r.secretSaved === null) return `${r.authMode} unknown (no keychain)`;
  return `${r.authMode} ${r.secretSaved ? "saved" : "not saved"}`;
}

// "#" is the stored order (the tray's and the app's order too): what `profiles move --to N` takes.
const HEADER = ["#", "ID", "NAME", "KIND", "TARGET", "AUTH", "CONNECT AT START"];

export function formatProfileTable(rows: ProfileRow[]): string {
  if (rows.length === 0) return "no profiles (add one with `clawlink profiles add <name> <target>` or `clawlink profiles import`)";
  const cells = rows.map((r, i) => [String(i + 1), r.id, truncate(r.name), r.kind, truncate(r.target), authCell(r), r.connectAtStart ? "yes" : "no"]);
  const all = [HEADER, ...cells];
  const widths = HEADER.map((_, c) => Math.max(...all.map((row) => [...row[c]!].length)));
  // Two spaces between columns; the last column is not padded, so no line ends in spaces.
  return all.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell + " ".repeat(widths[c]! - [...cell].length))).join("  ")).join("\n");
}
