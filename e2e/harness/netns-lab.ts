// A one-namespace network lab for link-failure tests: a named namespace ("the remote box") joined to
// the test's own namespace by a veth pair, with a private /30 between them, and faults applied with
// nftables inside the lab namespace (so nothing outside the lab changes). The kernel here has no
// netem, so a "blackhole" is a silent drop of everything on the lab's veth, the same thing a dead
// Wi-Fi or a NAT that forgot the flow looks like to TCP: no RST, no ICMP, just silence.
// Only the two lab addresses are ever targets. Needs root; runs inside run-tests.sh's `unshare --net`,
// where the host side of the veth lives in a throwaway namespace too.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";

function sh(args: string[], input?: string): string {
  return execFileSync(args[0]!, args.slice(1), { encoding: "utf8", ...(input !== undefined ? { input } : {}), stdio: [input !== undefined ? "pipe" : "ignore", "pipe", "pipe"] });
}

export class NetnsLab {
  readonly ns: string;
  /** veth end in the test's namespace, and the one inside the lab. */
  readonly hostIf: string;
  readonly labIf: string;
  readonly hostAddr: string;
  readonly labAddr: string;
  private procs: ChildProcess[] = [];
  private isUp = false;

  constructor() {
    const id = randomBytes(3).toString("hex");
    this.ns = `clk-${id}`;
    this.hostIf = `clk${id}h`;
    this.labIf = `clk${id}l`;
    // 10.213.<random>.0/30: a private range reserved for these labs (the machine's own uplink is 192.0.2.0/24).
    const octet = randomBytes(1)[0]! & 0xfc;
    this.hostAddr = `10.213.${octet >> 2}.1`;
    this.labAddr = `10.213.${octet >> 2}.2`;
  }

  static assertSandboxed(): void {
    if (process.env.CLAWLINK_TEST_SANDBOX !== "1") {
      throw new Error("the network-namespace lab only runs inside the test sandbox (npm test, or: unshare --net -- bash e2e/harness/sandbox.sh npx vitest …)");
    }
  }

  up(): this {
    NetnsLab.assertSandboxed();
    sh(["ip", "netns", "add", this.ns]);
    this.isUp = true;
    sh(["ip", "link", "add", this.hostIf, "type", "veth", "peer", "name", this.labIf, "netns", this.ns]);
    sh(["ip", "addr", "add", `${this.hostAddr}/30`, "dev", this.hostIf]);
    sh(["ip", "link", "set", this.hostIf, "up"]);
    sh(["ip", "-n", this.ns, "addr", "add", `${this.labAddr}/30`, "dev", this.labIf]);
    sh(["ip", "-n", this.ns, "link", "set", "lo", "up"]);
    sh(["ip", "-n", this.ns, "link", "set", this.labIf, "up"]);
    return this;
  }

  /** Argv prefix that runs a command inside the lab namespace. */
  exec(argv: string[]): string[] {
    return ["ip", "netns", "exec", this.ns, ...argv];
  }

  /** Starts a long-running process inside the lab; it is killed by down(). */
  spawn(argv: string[]): ChildProcess {
    const [cmd, ...rest] = this.exec(argv);
    const p = spawn(cmd!, rest, { stdio: ["ignore", "pipe", "inherit"] });
    this.procs.push(p);
    return p;
  }

  /** Silently drops every packet in and out of the lab's veth. */
  blackhole(): void {
    const rules = [
      "table inet clkfault {",
      `  chain in { type filter hook input priority 0; policy accept; iifname "${this.labIf}" drop; }`,
      `  chain out { type filter hook output priority 0; policy accept; oifname "${this.labIf}" drop; }`,
      "}",
      "",
    ].join("\n");
    sh(this.exec(["nft", "-f", "-"]), rules);
  }

  restore(): void {
    try {
      sh(this.exec(["nft", "delete", "table", "inet", "clkfault"]));
    } catch {
      /* no fault applied */
    }
  }

  /** Kills what runs in the lab (a process keeps a namespace alive), then deletes it and its veth. */
  down(): void {
    if (!this.isUp) return;
    this.isUp = false;
    for (const p of this.procs) if (p.exitCode === null) p.kill("SIGKILL");
    let pids: string[] = [];
    try {
      pids = sh(["ip", "netns", "pids", this.ns]).split(/\s+/).filter(Boolean);
    } catch {
      /* already gone */
    }
    for (const pid of pids) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        /* exited */
      }
    }
    try {
      sh(["ip", "netns", "del", this.ns]);
    } catch {
      /* already gone */
    }
    try {
      sh(["ip", "link", "del", this.hostIf]);
    } catch {
      /* removed with the namespace */
    }
  }
}
