import { describe, expect, it } from "vitest";
import { execItem, pairingItem } from "./testing/inbox-items.js";
import { commandShownWhole, glanceNote, glanceTitle, GLANCE_COMMAND_MAX, quickActions } from "./inbox-glance.js";

const ids = (item: Parameters<typeof quickActions>[0]) => quickActions(item).map((a) => a.id);

describe("inbox items at a glance", () => {
  it("offers Allow once and Deny for a short one-line command, Approve and Reject for a pairing request", () => {
    expect(ids(execItem())).toEqual(["allow-once", "deny"]);
    expect(ids(pairingItem())).toEqual(["approve", "reject"]);
    expect(glanceNote(execItem())).toBeNull();
  });

  it.each([
    ["too long to show whole", `echo ${"a".repeat(GLANCE_COMMAND_MAX)}; rm -rf ~`],
    ["a second line", "echo hi\nrm -rf ~"],
    ["a carriage return that overprints", "rm -rf ~\recho hi"],
    ["a bidi override that reorders it", "echo \u202eevil"],
    ["a zero-width character", "ls\u200b -la"],
  ])("never offers Allow once for a command with %s (only Deny, and says why)", (_why, command) => {
    const item = execItem({ command });
    expect(commandShownWhole(command)).toBe(false);
    expect(ids(item)).toEqual(["deny"]);
    expect(glanceNote(item)).toBe(`Open Clawlink to read the whole command (${command.length} characters) before allowing it.`);
  });

  it("offers no Allow once when the gateway does not accept it, and then needs no note", () => {
    const item = execItem({ allowedDecisions: ["deny"] });
    expect(ids(item)).toEqual(["deny"]);
    expect(glanceNote(item)).toBeNull();
  });

  it("makes hidden characters visible and shortens the title to one line", () => {
    expect(glanceTitle(execItem({ command: "echo a\nb" }))).toBe("Run `echo a\ufffdb`?");
    const long = glanceTitle(execItem({ command: "x".repeat(500) }), 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith("…")).toBe(true);
    expect(glanceTitle(pairingItem())).toBe("Pair Pixel 9 (android)?");
  });
});
