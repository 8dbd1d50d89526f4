// Starts the run-wide peers once for all e2e files: one real gateway (15-20 s, ~1 GB, so it is shared)
// and one OpenSSH sshd. Test files read them with inject("gateway") / inject("sshd"); a file that needs a
// gateway with other settings (TLS, manual pairing) starts its own TestGateway.
import type { TestProject } from "vitest/node";
import { TestGateway, type GatewayInfo } from "./gateway.js";
import { TestSshd, type SshdInfo } from "./sshd.js";

declare module "vitest" {
  export interface ProvidedContext {
    gateway: GatewayInfo;
    sshd: SshdInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const gateway = new TestGateway();
  const sshd = new TestSshd();
  const t0 = Date.now();
  await Promise.all([gateway.start(), sshd.start()]);
  console.log(`[harness] gateway ready at ${gateway.url} in ${Date.now() - t0} ms; sshd on ${sshd.host}:${sshd.port}`);
  project.provide("gateway", gateway.info());
  project.provide("sshd", sshd.info());
  return async () => {
    await Promise.all([gateway.stop(), sshd.dispose()]);
  };
}
