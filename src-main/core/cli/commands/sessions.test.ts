// `clawlink sessions` argument plans and its line format (the gateway calls are chat-sessions.ts's, tested there).
import { describe, expect, it } from "vitest";
import { UsageError } from "../args.js";
import { sessionLine, sessionsPlan } from "./sessions.js";

describe("clawlink sessions plans", () => {
  it("list is the default, with or without a target", () => {
    expect(sessionsPlan([])).toEqual({ target: undefined, action: "list", key: null, value: null });
    expect(sessionsPlan(["home"])).toEqual({ target: "home", action: "list", key: null, value: null });
    expect(sessionsPlan(["home", "list"])).toEqual({ target: "home", action: "list", key: null, value: null });
  });
  it("rename, model and delete take their operands after the action", () => {
    expect(sessionsPlan(["home", "rename", "agent:main:x", "Trip plans"])).toEqual({ target: "home", action: "rename", key: "agent:main:x", value: "Trip plans" });
    expect(sessionsPlan(["model", "agent:main:x", "fake/fake-model-b"])).toMatchObject({ target: undefined, action: "model", value: "fake/fake-model-b" });
    expect(sessionsPlan(["home", "delete", "agent:main:x"])).toMatchObject({ action: "delete", key: "agent:main:x", value: null });
  });
  it("missing or extra operands are usage errors naming what is needed", () => {
    expect(() => sessionsPlan(["home", "rename", "k"])).toThrow(new UsageError("rename needs a session key and the new label"));
    expect(() => sessionsPlan(["home", "delete"])).toThrow(new UsageError("delete needs one session key"));
    expect(() => sessionsPlan(["home", "delete", "k", "extra"])).toThrow(UsageError);
    expect(() => sessionsPlan(["home", "new", "x"])).toThrow(new UsageError("new takes --label and --agent, no operands"));
    expect(() => sessionsPlan(["home", "rm"])).toThrow(/unknown action "rm"/);
  });
  it("a line is label, key and model, tab-separated", () => {
    expect(sessionLine({ key: "agent:main:main", label: "main", updatedAt: null, model: null })).toBe("main\tagent:main:main\t(default model)");
  });
});

describe("clawlink sessions options", () => {
  it("--label and --agent are known options that take a value", async () => {
    const { parseArgs, flag } = await import("../args.js");
    const args = parseArgs(["home", "new", "--label", "Trip plans", "--agent", "ops"]);
    expect(sessionsPlan(args.positionals)).toMatchObject({ target: "home", action: "new" });
    expect([flag(args, "label"), flag(args, "agent")]).toEqual(["Trip plans", "ops"]);
  });
});
