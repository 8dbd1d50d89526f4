// What an Orchestrator loads at import, read from the bundle esbuild makes of it the way benchmark 7's
// footprint probe does (dependencies left in node_modules): zod costs ~13 MB of a connected idle core's
// RSS (docs/notes/issue-15-idle-rss.md), and the connection path needs it only to check a saved outbox,
// so it has to stay a dynamic import there. A static `import { z } from "zod"` anywhere the Orchestrator
// reaches brings it back at start and fails this test.
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

describe("modules a connected core loads at start", () => {
  it("zod is not among the Orchestrator's static imports; the outbox imports it only when it has a file to check", async () => {
    const r = await build({ entryPoints: ["src-main/core/orchestrator/orchestrator.ts"], bundle: true, platform: "node", format: "esm", target: "node22", packages: "external", write: false, metafile: true, logLevel: "silent" });
    const imports = Object.values(r.metafile.outputs).flatMap((o) => o.imports);
    const zod = imports.filter((i) => i.path === "zod" || i.path.startsWith("zod/"));
    expect(zod.length).toBeGreaterThan(0);
    expect(zod.map((i) => i.kind)).toEqual(zod.map(() => "dynamic-import"));
  });
});
