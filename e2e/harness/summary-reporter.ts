// Prints the closing line CI reads ("tests: N passed, N failed, N skipped") and, for every skipped test,
// the reason its suite gave, so nothing is ever skipped silently.
import type { Reporter, TestModule, TestCase } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skipReasons = new Map<string, number>();
    const visit = (t: TestCase, fileFailed: boolean) => {
      const r = t.result();
      if (r.state === "passed") passed++;
      else if (r.state === "failed") failed++;
      else {
        skipped++;
        // Tests of a file whose beforeAll (or import) threw never start: they are the failed file's, not
        // unexplained skips, and the file's error is printed above.
        const why =
          (r.state === "skipped" && r.note) ||
          t.meta().skipReason ||
          (fileFailed ? "their file failed before they ran (its error is above)" : "no reason given (this is a defect)");
        skipReasons.set(String(why), (skipReasons.get(String(why)) ?? 0) + 1);
      }
    };
    for (const m of modules) {
      const fileFailed = m.state() === "failed" && m.errors().length > 0;
      for (const t of m.children.allTests()) visit(t, fileFailed);
      if (fileFailed) failed++;
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
