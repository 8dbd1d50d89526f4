// Why this file exists (issue 11): the runtime schemas of the operator inbox (src-shared/inbox.ts) that
// the host API (host-api.ts) validates its inbox methods and the `inbox` event against. They mirror the
// domain types and fail to compile when either side drifts; kept apart from host-api.ts, as
// connection-schema.ts is, so the contract file stays about methods and events.
import { z } from "zod";
import { APPROVAL_DECISIONS, type ApprovalDecision, type InboxAnswerOutcome, type InboxItem, type InboxSnapshot } from "./inbox.js";

const nullableString = z.string().nullable();

export const ApprovalDecisionSchema = z.enum(APPROVAL_DECISIONS as [ApprovalDecision, ...ApprovalDecision[]]);
export const PairingDecisionSchema = z.enum(["approve", "reject"]);

const itemBase = { id: z.string(), connectionId: z.string(), gatewayName: z.string(), createdAt: z.number() };

export const ExecApprovalItemSchema = z.object({
  ...itemBase,
  kind: z.literal("exec"),
  command: z.string(),
  cwd: nullableString,
  host: nullableString,
  nodeId: nullableString,
  agentId: nullableString,
  sessionKey: nullableString,
  resolvedPath: nullableString,
  requestedVia: nullableString,
  warnings: z.array(z.string()),
  allowedDecisions: z.array(ApprovalDecisionSchema),
  expiresAt: z.number(),
});

export const PairingRequestItemSchema = z.object({
  ...itemBase,
  kind: z.literal("pairing"),
  deviceId: z.string(),
  displayName: nullableString,
  platform: nullableString,
  deviceFamily: nullableString,
  clientId: nullableString,
  role: nullableString,
  scopes: z.array(z.string()),
  remoteIp: nullableString,
  isRepair: z.boolean(),
});

export const InboxItemSchema = z.discriminatedUnion("kind", [ExecApprovalItemSchema, PairingRequestItemSchema]);

export const ResolvedItemSchema = z.object({
  id: z.string(),
  kind: z.enum(["exec", "pairing"]),
  connectionId: z.string(),
  gatewayName: z.string(),
  summary: z.string(),
  decision: z.string(),
  by: nullableString,
  at: z.number(),
});

export const GatewayInboxSchema = z.object({
  connectionId: z.string(),
  gatewayName: z.string(),
  live: z.boolean(),
  canApprove: z.boolean(),
  canPair: z.boolean(),
  missingScopes: z.array(z.string()),
  problem: nullableString,
  pending: z.number(),
});

export const InboxSnapshotSchema = z.object({
  items: z.array(InboxItemSchema),
  gateways: z.array(GatewayInboxSchema),
  resolved: z.array(ResolvedItemSchema),
  seq: z.number(),
});

export const InboxAnswerOutcomeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("done"), item: z.string(), reason: z.enum(["sent", "queued", "failed"]).optional() }),
  z.object({ kind: z.literal("unknown-id"), message: z.string() }),
  z.object({ kind: z.literal("already-resolved"), message: z.string() }),
  z.object({ kind: z.literal("scope-missing"), scope: z.string(), message: z.string() }),
  z.object({ kind: z.literal("not-allowed"), message: z.string() }),
  z.object({ kind: z.literal("offline"), message: z.string() }),
  z.object({ kind: z.literal("failed"), message: z.string() }),
]);

// Fail to compile when the schemas and the domain types in inbox.ts drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape = <T extends true>(_: T) => _;
sameShape<Same<z.infer<typeof InboxItemSchema>, InboxItem>>(true);
sameShape<Same<z.infer<typeof InboxSnapshotSchema>, InboxSnapshot>>(true);
sameShape<Same<z.infer<typeof InboxAnswerOutcomeSchema>, InboxAnswerOutcome>>(true);
