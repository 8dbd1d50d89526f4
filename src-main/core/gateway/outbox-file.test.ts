import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../../src-shared/gateway-session.js";
import { OutboxFile, outboxFilePath } from "./outbox-file.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-outbox-"));
  dirs.push(d);
  return d;
}
const e = (key: string, state: OutboxEntry["state"]): OutboxEntry => ({ idempotencyKey: key, sessionKey: "s", text: `text ${key}`, state, runId: null, error: null, createdAt: 1, sentAt: null });

describe("OutboxFile", () => {
  it("keeps every unconfirmed message across a restart, mode 0600; a message being sent comes back queued; delivered ones are not kept", async () => {
    const file = outboxFilePath(tmp(), "uid-1");
    const a = new OutboxFile(file);
    a.save([e("q", "queued"), e("x", "sending"), e("s", "sent"), e("f", "failed"), e("d", "delivered")]);
    await a.flush();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const loaded = await new OutboxFile(file).load();
    expect(loaded.problem).toBeNull();
    expect(loaded.entries.map((x) => [x.idempotencyKey, x.state])).toEqual([["q", "queued"], ["x", "queued"], ["s", "sent"], ["f", "failed"]]);
  });
  it("coalesces writes: the newest list wins; an empty outbox removes the file", async () => {
    const file = outboxFilePath(tmp(), "uid-2");
    const a = new OutboxFile(file);
    for (let i = 0; i < 50; i++) a.save([e(`k${i}`, "queued")]);
    await a.flush();
    expect((await new OutboxFile(file).load()).entries.map((x) => x.idempotencyKey)).toEqual(["k49"]);
    a.save([]);
    await a.flush();
    expect(fs.existsSync(file)).toBe(false);
  });
  it("a corrupt file is moved aside (not deleted) with a sentence saying where, and the outbox starts empty", async () => {
    const file = outboxFilePath(tmp(), "uid-3");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "{ not json");
    const r = await new OutboxFile(file).load();
    expect(r.entries).toEqual([]);
    expect(r.problem).toMatch(/^The saved outbox is not valid JSON; it was moved to .*\.corrupt-.* \(nothing was deleted\) and the outbox starts empty\.$/);
    const aside = fs.readdirSync(path.dirname(file)).filter((n) => n.includes(".corrupt-"));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(file), aside[0]!), "utf8")).toBe("{ not json");
  });
  it("a file of the wrong shape is moved aside too", async () => {
    const file = outboxFilePath(tmp(), "uid-4");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ version: 1, entries: [{ idempotencyKey: 3 }] }));
    expect((await new OutboxFile(file).load()).problem).toMatch(/is not an outbox this version understands; it was moved to/);
  });
  it("names the file by the profile uid, made safe for any file system", () => {
    expect(path.basename(outboxFilePath("/c", "a/b:c"))).toBe("a_b_c.json");
  });
});
