// Proof the SSH half of the harness is real: through the run's OpenSSH sshd, a local port forwarded with
// ssh2's forwardOut reaches the real gateway, and the same device-signed handshake succeeds over it.
import fs from "node:fs";
import net from "node:net";
import { createHash } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { Client } from "ssh2";
import { handshake } from "./harness/handshake.js";

describe("ssh2 forward through real OpenSSH", () => {
  it("handshakes with the gateway through a forwarded local port", async () => {
    const gw = inject("gateway");
    const sshd = inject("sshd");
    const ssh = new Client();
    let seenFingerprint = "";
    await new Promise<void>((resolve, reject) => {
      ssh.once("ready", () => resolve());
      ssh.once("error", reject);
      ssh.connect({
        host: sshd.host,
        port: sshd.port,
        username: sshd.user,
        privateKey: fs.readFileSync(sshd.key),
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          seenFingerprint = "SHA256:" + createHash("sha256").update(key).digest("base64").replace(/=+$/, "");
          verify(seenFingerprint === sshd.hostFingerprint);
        },
      });
    });
    expect(seenFingerprint).toBe(sshd.hostFingerprint);
    const local = net.createServer((sock) => {
      ssh.forwardOut("127.0.0.1", 0, "127.0.0.1", gw.port, (err, stream) => {
        if (err) return void sock.destroy();
        sock.pipe(stream).pipe(sock);
      });
    });
    await new Promise<void>((r) => local.listen(0, "127.0.0.1", r));
    const localPort = (local.address() as net.AddressInfo).port;
    try {
      const { hello, client } = await handshake(`ws://127.0.0.1:${localPort}`, gw.token);
      expect(hello.auth?.deviceToken).toBeTruthy();
      const health = await client.request<{ ok?: boolean }>("health", {});
      expect(health.ok).toBe(true);
      client.stop();
    } finally {
      local.close();
      ssh.end();
    }
  });
});
