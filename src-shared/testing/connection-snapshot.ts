// Why exists: test support, the one builder of ConnectionSnapshot fixtures. The tray, renderer-state and
// desktop-ports tests (and the chat bench) each spelled out every field, so a field added to the snapshot
// meant editing every copy. Tests state only the fields they are about. Lives in src-shared so both
// tsconfigs (renderer tests see only src-renderer and src-shared) can import it; app code never does.
import type { ConnectionSnapshot } from "../connection.js";

/** A field's type across every variant of the snapshot (distributes over the union). */
type AnyVariant<K extends keyof ConnectionSnapshot> = ConnectionSnapshot extends infer S ? (S extends ConnectionSnapshot ? S[K] : never) : never;

/** Any field of any variant: a fixture may pair a state with fields its variant would not allow. */
export type SnapshotFixture = { [K in keyof ConnectionSnapshot]?: AnyVariant<K> };

/** A disconnected (idle) SSH connection "home" with nothing set; `over` replaces any field. */
export function connectionSnapshot(over: SnapshotFixture = {}): ConnectionSnapshot {
  // A cast, on purpose: tests build states the reducer never would (connected without its info) to
  // test what a reader does with them.
  return {
    id: "home",
    name: "Home",
    kind: "ssh",
    state: "idle",
    attention: null,
    layer: null,
    attempt: 0,
    nextAttemptAt: null,
    localPort: null,
    portFallback: false,
    sshAuth: null,
    warning: null,
    url: null,
    tlsChange: null,
    pairing: null,
    connected: null,
    seq: 1,
    updatedAt: 0,
    ...over,
  } as ConnectionSnapshot;
}
