import { describe, expect, it } from "vitest";
import { authCell, formatProfileTable, MAX_CELL, truncate, type ProfileRow } from "./profile-table.js";

const row = (extra: Partial<ProfileRow>): ProfileRow => ({
  id: "home",
  name: "Home",
  kind: "ssh",
  target: "ssh me@home → 127.0.0.1:18789",
  connectAtStart: true,
  authMode: "token",
  secretSaved: true,
  ...extra,
});

describe("formatProfileTable", () => {
  it("prints a header and one row per profile in the stored order (numbered), columns sized to the content", () => {
    const out = formatProfileTable([row({}), row({ id: "lab", name: "Lab", kind: "direct", target: "wss://lab.example.com", connectAtStart: false, secretSaved: false })]);
    expect(out).toBe(
      [
        "#  ID    NAME  KIND    TARGET                         AUTH             CONNECT AT START",
        "1  home  Home  ssh     ssh me@home → 127.0.0.1:18789  token saved      yes",
        "2  lab   Lab   direct  wss://lab.example.com          token not saved  no",
      ].join("\n"),
    );
  });

  it("a long id is printed whole and the next column still starts at the same place on every line", () => {
    const longId = "a-very-long-profile-id-that-used-to-break-the-columns-0123456789";
    const lines = formatProfileTable([row({ id: longId }), row({ id: "x" })]).split("\n");
    expect(lines[1]!.startsWith(`1  ${longId}  Home`)).toBe(true);
    const nameColumn = lines[0]!.indexOf("NAME");
    expect(lines.slice(1).map((l) => l.indexOf("Home"))).toEqual([nameColumn, nameColumn]);
  });

  it("cuts a very long name or target with … in the table", () => {
    const out = formatProfileTable([row({ name: "N".repeat(100), target: `wss://${"t".repeat(100)}` })]);
    expect(out.split("\n")[1]).toContain(`${"N".repeat(MAX_CELL - 1)}…`);
    expect(out.split("\n")[1]).toContain(`wss://${"t".repeat(MAX_CELL - 7)}…`);
  });

  it("no line ends in spaces", () => {
    expect(formatProfileTable([row({}), row({ id: "b", connectAtStart: false })]).split("\n").filter((l) => / $/.test(l))).toEqual([]);
  });

  it("with no profiles, says so and how to add one", () => {
    expect(formatProfileTable([])).toBe("no profiles (add one with `clawlink profiles add <name> <target>` or `clawlink profiles import`)");
  });
});

describe("truncate", () => {
  it("keeps a value of exactly the limit", () => expect(truncate("abcde", 5)).toBe("abcde"));
  it("cuts one over the limit to limit characters, … included", () => expect(truncate("abcdef", 5)).toBe("abcd…"));
  it("counts code points, not UTF-16 units", () => expect(truncate("😀😀😀", 3)).toBe("😀😀😀"));
});

describe("authCell", () => {
  it.each([
    [{ authMode: "token", secretSaved: true }, "token saved"],
    [{ authMode: "password", secretSaved: false }, "password not saved"],
    [{ authMode: "token", secretSaved: null }, "token unknown (no keychain)"],
    [{ authMode: "device-only", secretSaved: false }, "device-only"],
    [{ authMode: "none", secretSaved: null }, "none"],
  ] as const)("%o → %s", (r, want) => expect(authCell(r)).toBe(want));
});
