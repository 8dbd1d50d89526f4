// The layering rules are real: ESLint (the same config `npm run lint` uses) rejects electron in
// src-main/core, node built-ins in src-renderer, node in src-shared, and an upward import inside core, and
// accepts electron in the shell.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });
async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

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
