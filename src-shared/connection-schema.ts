// Why this file exists (issue 14 §2, §3): the runtime schemas of an Attention and of a connection
// snapshot, which the host API (host-api.ts) validates every payload against. They mirror the closed
// reason list (reasons.ts) and the one-variant-per-state snapshot (connection.ts) and fail to compile
// when either drifts; kept apart from host-api.ts so the contract file stays about methods and events.
import { z } from "zod";
import type { Attention } from "./attention.js";
import type { ConnectionSnapshot } from "./connection.js";
import { REASONS } from "./reasons.js";

const nullableString = z.string().nullable();

export const AttentionSchema = z.object({ reason: z.enum(REASONS), message: z.string(), fixHint: z.string() });

const common = {
  id: z.string(),
  name: z.string(),
  kind: z.enum(["local", "ssh", "direct"]),
  layer: z.enum(["transport", "gateway"]).nullable(),
  attempt: z.number(),
  nextAttemptAt: z.number().nullable(),
  localPort: z.number().nullable(),
  portFallback: z.boolean(),
  sshAuth: nullableString,
  warning: AttentionSchema.nullable(),
  url: nullableString,
  route: z.object({ index: z.number(), count: z.number(), label: z.string() }).optional(),
  aux: z
    .array(
      z.object({
        kind: z.enum(["mcp-apps", "browser-control"]),
        label: z.string(),
        remotePort: z.number(),
        state: z.enum(["starting", "ok", "degraded"]),
        localPort: z.number().nullable(),
        url: nullableString,
        note: nullableString,
      }),
    )
    .optional(),
  seq: z.number(),
  updatedAt: z.number(),
};

const noStateFields = { pairing: z.null(), connected: z.null(), tlsChange: z.null() };

const ConnectedInfoSchema = z.object({
  serverVersion: nullableString,
  protocol: z.number(),
  connId: nullableString,
  authMethod: nullableString,
  authSource: z.string(),
  role: nullableString,
  scopes: z.array(z.string()),
  connectedAt: z.number(),
});

const PairingPendingSchema = z.object({ requestId: nullableString, reason: z.string(), approveCommand: nullableString, since: z.number() });

export const ConnectionSnapshotSchema = z.discriminatedUnion("state", [
  z.object({ ...common, ...noStateFields, state: z.literal("idle"), layer: z.null(), attention: z.null() }),
  z.object({ ...common, ...noStateFields, state: z.enum(["ssh-connecting", "verifying-host", "authenticating", "connecting", "handshaking"]), attention: AttentionSchema.nullable() }),
  z.object({ ...common, ...noStateFields, state: z.literal("connected"), layer: z.literal("gateway"), attention: z.null(), connected: ConnectedInfoSchema }),
  z.object({ ...common, ...noStateFields, state: z.literal("pairing-required"), layer: z.literal("gateway"), attention: AttentionSchema.nullable(), pairing: PairingPendingSchema }),
  z.object({
    ...common,
    ...noStateFields,
    state: z.literal("needs-attention"),
    attention: AttentionSchema,
    tlsChange: z.object({ previous: z.string(), observed: z.string() }).nullable(),
  }),
  z.object({ ...common, ...noStateFields, state: z.literal("reconnecting"), attention: AttentionSchema.nullable() }),
  z.object({ ...common, ...noStateFields, state: z.literal("waiting-for-gateway"), layer: z.null(), attention: AttentionSchema }),
  z.object({ ...common, ...noStateFields, state: z.literal("stopped"), attention: AttentionSchema.nullable() }),
]);

// These fail to compile when the schemas and the domain types drift apart (a field or a reason added on one side only).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape = <T extends true>(_: T) => _;
sameShape<Same<z.infer<typeof AttentionSchema>, Attention>>(true);
sameShape<Same<z.infer<typeof ConnectionSnapshotSchema>, ConnectionSnapshot>>(true);
