// The quiet port watch against a real loopback port: it reports once when a listener appears, and
// nothing after stop().
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { somethingListens } from "../local/local-listener-check.js";
import { LocalWait } from "./local-wait.js";

const servers: net.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}
async function listen(port: number): Promise<void> {
  const s = net.createServer((c) => c.destroy());
  servers.push(s);
  await new Promise<void>((r) => s.listen(port, "127.0.0.1", r));
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("LocalWait", () => {
  it("somethingListens is false for a closed port and true once a server listens", async () => {
    const port = await freePort();
    const before = await somethingListens(port);
    await listen(port);
    expect({ before, after: await somethingListens(port) }).toEqual({ before: false, after: true });
  });

  it("reports exactly once, soon after a listener appears", async () => {
    const port = await freePort();
    const w = new LocalWait({ pollMs: 50 });
    let answers = 0;
    w.watch(port, () => answers++);
    await sleep(200);
    const whileClosed = answers;
    await listen(port);
    await sleep(300);
    w.stop();
    expect({ whileClosed, afterListen: answers }).toEqual({ whileClosed: 0, afterListen: 1 });
  });

  it("reports nothing after stop()", async () => {
    const port = await freePort();
    const w = new LocalWait({ pollMs: 50 });
    let answers = 0;
    w.watch(port, () => answers++);
    w.stop();
    await listen(port);
    await sleep(250);
    expect(answers).toBe(0);
  });
});
