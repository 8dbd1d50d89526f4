// The layering rules are real: ESLint (the same config `npm run lint` uses) rejects electron in
// src-main/core, node built-ins in src-renderer, node in src-shared, and an upward import inside core, and
// accepts electron in the shell; and it rejects a source file over 400 lines or a function over 80.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });
async function ruleErrors(ruleId: string, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}
const restrictedImportErrors = (filePath: string, code: string) => ruleErrors("no-restricted-imports", filePath, code);

describe("layering lint", () => {
  it("fails when src-main/core imports electron", async () => {
    const errors = await restrictedImportErrors("src-main/core/lint-fixture.ts", 'import { app } from "electron";\nexport const a = app;\n');
    expect(errors.join("\n")).toMatch(/src-main\/core is plain Node/);
  });
  it("fails when src-main/core imports React", async () => {
    const errors = await restrictedImportErrors("src-main/core/lint-fixture.ts", 'import { useState } from "react";\nexport const s = useState;\n');
    expect(errors).toHaveLength(1);
  });
  it("fails when src-renderer imports a node built-in or a socket library", async () => {
    expect(await restrictedImportErrors("src-renderer/src/lint-fixture.ts", 'import fs from "node:fs";\nexport const f = fs;\n')).toHaveLength(1);
    expect(await restrictedImportErrors("src-renderer/src/lint-fixture.ts", 'import path from "path";\nexport const p = path;\n')).toHaveLength(1);
    expect(await restrictedImportErrors("src-renderer/src/lint-fixture.ts", 'import WebSocket from "ws";\nexport const w = WebSocket;\n')).toHaveLength(1);
  });
  it("fails when src-shared imports node", async () => {
    expect(await restrictedImportErrors("src-shared/lint-fixture.ts", 'import os from "node:os";\nexport const o = os;\n')).toHaveLength(1);
  });
  it("lets only gateway-session.ts import the official gateway client", async () => {
    const code = 'import { GatewayClient } from "@openclaw/gateway-client";\nexport const c = GatewayClient;\n';
    expect((await restrictedImportErrors("src-main/core/transport/lint-fixture.ts", code)).join()).toMatch(/use GatewaySession/);
    expect(await restrictedImportErrors("src-main/shell/lint-fixture.ts", code)).toHaveLength(1);
    expect(await restrictedImportErrors("src-main/core/gateway/gateway-session.ts", code)).toEqual([]);
    // The core's electron rule still applies to that file (one rule entry per file: options don't merge).
    expect(await restrictedImportErrors("src-main/core/gateway/gateway-session.ts", 'import { app } from "electron";\nexport const a = app;\n')).toHaveLength(1);
  });
  it("fails when a core building block (transport, gateway, identity, secrets, log) imports orchestrator, host, cli or desktop", async () => {
    const up = (dir: string) => `import { x } from "../${dir}/lint-target.js";\nexport const y = x;\n`;
    for (const lower of ["transport", "gateway", "identity", "secrets", "log"]) {
      for (const upper of ["orchestrator", "host", "cli", "desktop"]) {
        expect((await restrictedImportErrors(`src-main/core/${lower}/lint-fixture.ts`, up(upper))).join(), `${lower} → ${upper}`).toMatch(/building blocks/);
      }
    }
    // Tests in those folders and gateway-session.ts (each with its own rule entry) are held to it too.
    expect(await restrictedImportErrors("src-main/core/transport/lint-fixture.test.ts", up("orchestrator"))).toHaveLength(1);
    expect(await restrictedImportErrors("src-main/core/gateway/gateway-session.ts", up("host"))).toHaveLength(1);
    // The other direction is allowed: orchestrator composes the blocks, and blocks import each other.
    expect(await restrictedImportErrors("src-main/core/orchestrator/lint-fixture.ts", up("transport"))).toEqual([]);
    expect(await restrictedImportErrors("src-main/core/gateway/lint-fixture.ts", up("identity"))).toEqual([]);
  });
  it("allows electron in the shell outside core", async () => {
    expect(await restrictedImportErrors("src-main/shell/lint-fixture.ts", 'import { app } from "electron";\nexport const a = app;\n')).toEqual([]);
  });
});

describe("size lint", () => {
  // `n` counted lines: each statement is one line of code.
  const statements = (n: number, indent = "") => Array.from({ length: n }, (_, i) => `${indent}total += ${i};`).join("\n");
  // A file of `lines` counted lines (a let, the statements, an export).
  const fileOf = (lines: number) => `let total = 0;\n${statements(lines - 2)}\nexport { total };\n`;
  // A function of `lines` counted lines, braces included.
  const functionOf = (lines: number) => `export function f(): number {\n  let total = 0;\n${statements(lines - 4, "  ")}\n  return total;\n}\n`;
  const comments = (n: number) => Array.from({ length: n }, (_, i) => `// note ${i}\n`).join("");
  const fileErrors = (filePath: string, code: string) => ruleErrors("max-lines", filePath, code);
  const functionErrors = (filePath: string, code: string) => ruleErrors("max-lines-per-function", filePath, code);
  const sources = ["src-main/core/orchestrator/lint-fixture.ts", "src-main/shell/lint-fixture.ts", "src-shared/lint-fixture.ts", "src-renderer/src/lint-fixture.tsx"];

  it("fails when a source file under src-main, src-shared or src-renderer has more than 400 lines", async () => {
    for (const filePath of sources) {
      expect((await fileErrors(filePath, fileOf(401))).join(), filePath).toMatch(/too many lines \(401\)\. Maximum allowed is 400/);
      expect(await fileErrors(filePath, fileOf(400)), filePath).toEqual([]);
    }
  });
  it("fails when a function in such a file has more than 80 lines", async () => {
    for (const filePath of sources) {
      expect((await functionErrors(filePath, functionOf(81))).join(), filePath).toMatch(/'f' has too many lines \(81\)\. Maximum allowed is 80/);
      expect(await functionErrors(filePath, functionOf(80)), filePath).toEqual([]);
    }
    const arrow = `export const g = (): number => {\n  let total = 0;\n${statements(78, "  ")}\n  return total;\n};\n`;
    expect(await functionErrors("src-renderer/src/lint-fixture.tsx", arrow)).toHaveLength(1);
  });
  it("counts code only: blank lines and comments do not count", async () => {
    // 80 counted lines in the function and 400 in the file, with 30 comment and blank lines inside the function and 200 around it.
    const fn = functionOf(80).replace("  let total = 0;\n", `  let total = 0;\n${comments(20)}\n\n\n\n\n\n\n\n\n\n`);
    const padded = `${comments(100)}\n\n${fn}${fileOf(320)}${comments(98)}`;
    expect(await fileErrors("src-main/core/lint-fixture.ts", padded)).toEqual([]);
    expect(await functionErrors("src-main/core/lint-fixture.ts", padded)).toEqual([]);
  });
  it("leaves tests, e2e and bench alone", async () => {
    for (const filePath of ["src-main/core/lint-fixture.test.ts", "src-renderer/src/lint-fixture.test.tsx", "e2e/lint-fixture.e2e.test.ts", "e2e/harness/lint-fixture.ts", "bench/lint-fixture.ts"]) {
      expect(await fileErrors(filePath, fileOf(500)), filePath).toEqual([]);
      expect(await functionErrors(filePath, functionOf(120)), filePath).toEqual([]);
    }
  });
});
