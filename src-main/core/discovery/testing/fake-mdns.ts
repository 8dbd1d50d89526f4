// Test helper: a fake multicast socket that hands decoded mDNS packets to bonjour-service's real Browser,
// so the browse runner and `clawlink discover` are unit-tested without a network. The e2e test
// (e2e/discovery.e2e.test.ts) does the same over the real socket with a real gateway.
import { EventEmitter } from "node:events";
import { Browser } from "bonjour-service";
import type { BrowserLike, MdnsSocket } from "../mdns-browse.js";

export const SERVICE = "_openclaw-gw._tcp.local";

/** A decoded announcement as multicast-dns hands it to the browser (PTR answer, SRV/TXT/A additionals). */
export function announce(name: string, port: number, txt: Buffer[] = [Buffer.from(`displayName=${name}`)], ttl = 120) {
  const fqdn = `${name}.${SERVICE}`;
  const host = `${name.toLowerCase().replace(/[^a-z0-9-]/g, "")}.local`;
  return {
    type: "response",
    answers: [{ name: SERVICE, type: "PTR", ttl, data: fqdn }],
    additionals: [
      { name: fqdn, type: "SRV", ttl, data: { target: host, port, priority: 0, weight: 0 } },
      { name: fqdn, type: "TXT", ttl, data: txt },
      { name: host, type: "A", ttl, data: "127.0.0.1" },
    ],
  };
}

/** The goodbye a responder sends when it stops: the PTR record with TTL 0. */
export const goodbye = (name: string) => ({ type: "response", answers: [{ name: SERVICE, type: "PTR", ttl: 0, data: `${name}.${SERVICE}` }], additionals: [] });

export class FakeMdns extends EventEmitter {
  queries = 0;
  browsers = 0;
  query(): void {
    this.queries++;
  }
  send(packet: object): void {
    this.emit("response", packet, { address: "127.0.0.1", family: "IPv4", port: 5353, size: 0 });
  }
  /** The `open` option of browseGateways: real Browsers on this fake socket. */
  readonly open = (): MdnsSocket => ({
    find: (type) => (this.browsers++, new Browser(this, { type }) as unknown as BrowserLike),
    destroy: async () => undefined,
  });
}
