// Prints the closing line CI reads ("tests: N passed, N failed, N skipped") and, for every skipped test,
// the reason its suite gave, so nothing is ever skipped silently.
import type { Reporter, TestModule, TestCase } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skipReasons = new Map<string, number>();
    const visit = (t: TestCase) => {
      const r = t.result();
      if (r.state === "passed") passed++;
      else if (r.state === "failed") failed++;
      else {
        skipped++;
        const why = (r.state === "skipped" && r.note) || t.meta().skipReason || "no reason given (this is a defect)";
        skipReasons.set(String(why), (skipReasons.get(String(why)) ?? 0) + 1);
      }
    };
    for (const m of modules) {
      for (const t of m.children.allTests()) visit(t);
      if (m.state() === "failed" && m.errors().length > 0) failed++;
    }
    for (const [why, n] of skipReasons) console.log(`not run: ${n} test(s): ${why}`);
    console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}

declare module "vitest" {
  interface TaskMeta {
    skipReason?: string;
  }
}
