// Device tokens the gateways issue (hello-ok.auth.deviceToken), kept in the keychain per
// (gateway identity, device, role) with the scopes they grant, so a reconnect can authenticate with the
// device token alone and ask for exactly the stored scopes (asking for more would silently shrink or
// fail the grant).
//
// The official client reads and writes tokens through *synchronous* host callbacks, while keychains are
// asynchronous. So a session loads its record before connecting (`load`), the callbacks work on this
// in-memory copy, and writes go through to the keychain in the background (errors are logged, never
// thrown into the protocol client).
import { SECRET_SERVICES, type SecretStore } from "../secrets/secret-store.js";

export interface DeviceTokenRecord {
  token: string;
  scopes: string[];
  updatedAtMs: number;
}

export class DeviceTokenStore {
  private readonly cache = new Map<string, DeviceTokenRecord | null>();
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secrets: SecretStore,
    /** Stable identity of the gateway (profile id + endpoint), not a URL that changes with the local port. */
    private readonly gatewayKey: string,
    private readonly onWriteError: (e: unknown) => void = () => {},
  ) {}

  private account(deviceId: string, role: string): string {
    return `${this.gatewayKey}|${deviceId}|${role}`;
  }

  async load(deviceId: string, role: string): Promise<DeviceTokenRecord | null> {
    const raw = await this.secrets.get({ service: SECRET_SERVICES.deviceToken, account: this.account(deviceId, role) });
    let rec: DeviceTokenRecord | null = null;
    if (raw) {
      try {
        const p = JSON.parse(raw) as Partial<DeviceTokenRecord>;
        if (typeof p.token === "string" && Array.isArray(p.scopes)) rec = { token: p.token, scopes: p.scopes.map(String), updatedAtMs: Number(p.updatedAtMs) || 0 };
      } catch {
        rec = null; // unreadable: treated as absent; the shared token pairs again and a new one is stored
      }
    }
    this.cache.set(this.account(deviceId, role), rec);
    return rec;
  }

  get(deviceId: string, role: string): DeviceTokenRecord | null {
    return this.cache.get(this.account(deviceId, role)) ?? null;
  }

  set(deviceId: string, role: string, token: string, scopes: string[], now = Date.now()): void {
    const rec: DeviceTokenRecord = { token, scopes: [...scopes].sort(), updatedAtMs: now };
    const account = this.account(deviceId, role);
    const prev = this.cache.get(account);
    this.cache.set(account, rec);
    if (prev && prev.token === rec.token && prev.scopes.join() === rec.scopes.join()) return;
    this.enqueue(() => this.secrets.set({ service: SECRET_SERVICES.deviceToken, account }, JSON.stringify(rec)));
  }

  clear(deviceId: string, role: string): void {
    const account = this.account(deviceId, role);
    this.cache.set(account, null);
    this.enqueue(() => this.secrets.delete({ service: SECRET_SERVICES.deviceToken, account }));
  }

  /** Resolves when every background keychain write so far has finished. */
  flush(): Promise<void> {
    return this.pending.then(() => undefined);
  }

  private enqueue(write: () => Promise<unknown>): void {
    this.pending = this.pending.then(write).catch(this.onWriteError);
  }
}
