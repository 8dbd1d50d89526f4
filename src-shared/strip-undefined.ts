// Why exists: one copy of a small helper that orchestrator/profile-spec.ts and the tunnel options each
// had their own of. Spreading `{ ...defaults, ...stripUndefined(opts) }` keeps a default wherever the
// caller left an option undefined. In src-shared because core's lower layers (transport) and upper
// layers (orchestrator) both use it and neither may own it for the other.

/** A shallow copy of `o` without the keys whose value is undefined. */
export function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
