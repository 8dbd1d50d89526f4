// The one host API contract between the UI and whatever hosts it: Electron's preload (contextBridge +
// IPC) or the web host (`clawlink serve`, a WebSocket on the same origin). Every method and event is
// declared once here with a schema; both hosts validate payloads against it and derive their channel
// names from it, so no call site ever spells a channel string.
//
// Secrets only ever travel UI → host (a token the person typed, a key passphrase). Nothing the host sends
// carries one: profiles say whether a token is stored and which source is in use, never its value.
import { DiscoveryViewSchema } from "./discovery-schema.js";
import { z } from "zod";
import { AttentionSchema, ConnectionSnapshotSchema } from "./connection-schema.js";
import type { ConnectionSnapshot } from "./connection.js";
import type { ChatStreamEvent, GatewayStatus, OutboxEntry } from "./gateway-session.js";
import type { HostEventNameListed, HostMethodNameListed } from "./host-api-names.js";
import { AgentListSchema, ChatMediaResultSchema, ChatPictureSchema, ChatMessageSchema, ChatSessionInfoSchema, ChatSessionPatchSchema, ChatToolEventSchema, ModelInfoSchema, NewChatSessionSchema } from "./chat-schema.js";
import { NavigateSchema, NotificationSettingsPatchSchema, NotificationSettingsSchema } from "./notification-schema.js";
import { ApprovalDecisionSchema, InboxAnswerOutcomeSchema, InboxSnapshotSchema, PairingDecisionSchema } from "./inbox-schema.js";
import { LogLineSchema } from "./log-view.js";
import { PICTURES_PER_MESSAGE } from "./chat-pictures.js";
import { EditableValuesSchema, EditResultSchema, ForgetTrustResultSchema, IdentityResetResultSchema, ProfileEditPatchSchema, SshPasswordResultSchema, TrustKindSchema } from "./profile-edit-schema.js";
import { DuplicateOptionsSchema, DuplicateResultSchema, MoveResultSchema, MoveToSchema } from "./profile-edit-schema.js";
import { RouteEditResultSchema, RouteEditSchema } from "./route-edit-schema.js";
import { WideAreaEditResultSchema, WideAreaEditSchema, WideAreaSettingsSchema } from "./wide-area-settings.js";
export { HOST_API_GLOBAL, WEB_HOST_API_PATH, WEB_HOST_SCRIPT, ipcChannel, isHostEventName, isHostMethodName } from "./host-api-names.js";

export const AppInfoSchema = z.object({
  name: z.literal("Clawlink"),
  version: z.string(),
  platform: z.string(),
  host: z.enum(["electron", "web"]),
  /** Where secrets go: "memory" when no keychain is available, so the UI never claims the keychain. */
  secretStore: z.enum(["keychain", "memory"]),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

// ---- domain payloads ---------------------------------------------------------------------------------

const nullableString = z.string().nullable();

// AttentionSchema and ConnectionSnapshotSchema (one variant per state) live in connection-schema.ts.

export const GatewayStatusSchema = z.object({
  serverVersion: nullableString,
  uptimeMs: z.number().nullable(),
  health: z.unknown(),
  status: z.unknown(),
  presence: z.array(z.unknown()),
  authMethod: nullableString,
  authSource: nullableString,
  latencyMs: z.number().nullable(),
  updatedAt: z.number(),
});

export const ChatStreamEventSchema = z.object({
  sessionKey: z.string(),
  runId: z.string(),
  state: z.enum(["status", "delta", "final", "aborted", "error"]),
  text: z.string(),
  phase: z.string().optional(),
  stopReason: z.string().optional(),
  errorMessage: z.string().optional(),
  errorKind: z.string().optional(),
});

export const OutboxEntrySchema = z.object({
  idempotencyKey: z.string(),
  sessionKey: z.string(),
  text: z.string(),
  state: z.enum(["queued", "sending", "sent", "delivered", "failed"]),
  runId: nullableString,
  error: nullableString,
  createdAt: z.number(),
  sentAt: z.number().nullable(),
});

// The schemas above mirror the domain types in connection.ts / gateway-session.ts; these fail to compile
// when the two drift apart (a field added on one side only).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape = <T extends true>(_: T) => _;
sameShape<Same<z.infer<typeof ConnectionSnapshotSchema>, ConnectionSnapshot>>(true);
sameShape<Same<z.infer<typeof GatewayStatusSchema>, GatewayStatus>>(true);
sameShape<Same<z.infer<typeof ChatStreamEventSchema>, ChatStreamEvent>>(true);
sameShape<Same<z.infer<typeof OutboxEntrySchema>, OutboxEntry>>(true);

// A chat row as the UI shows it and a session of the picker live in chat-schema.ts with the chat's other payloads.
export { ChatMessageSchema, ChatSessionInfoSchema, type ChatMessage, type ChatSessionInfo } from "./chat-schema.js";

/** A profile as the UI sees it: settings, and for secrets only whether they are stored and which source is used. */
export const ProfileViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["local", "ssh", "direct"]),
  connectAtStart: z.boolean(),
  authMode: z.enum(["token", "password", "none", "device-only"]),
  importedFrom: nullableString,
  ssh: z.object({ target: z.string(), identityFile: nullableString, remotePort: z.number(), localPort: z.number().nullable() }).nullable(),
  direct: z.object({ url: z.string(), tlsPinned: z.boolean() }).nullable(),
  local: z.object({ port: z.number().nullable() }).nullable(),
  /** Stored in the keychain for this profile (never the value). */
  stored: z.object({ token: z.boolean(), password: z.boolean() }),
  /** Which source the next connect will use, per OpenClaw's precedence (labels only). */
  credential: z.object({ token: nullableString, password: nullableString, missing: nullableString }),
  /** Each editable field's current value (issue 12's edit form starts from these); every host fills it. */
  editable: EditableValuesSchema.optional(),
  /** Issue 13 §3: every route in order as people read them (route 1 is the profile's own endpoint); absent for a local profile. returnCheckS: as stored (absent: the default 30 s). */
  routes: z.array(z.string()).optional(),
  returnCheckS: z.number().optional(),
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

const secretField = z.string().max(4096).optional();
const port = z.int().min(1).max(65535);

export const NewProfileSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ssh"),
    name: z.string().min(1).max(80),
    target: z.string().min(1).max(512),
    identityFile: z.string().max(4096).optional(),
    remotePort: port.optional(),
    localPort: port.optional(),
    connectAtStart: z.boolean().optional(),
    token: secretField,
  }),
  z.object({
    kind: z.literal("direct"),
    name: z.string().max(80).optional(),
    /** ws://, wss://, http(s):// — a pasted dashboard link with #token= is fine: the token goes to the keychain. */
    url: z.string().min(1).max(4096),
    /** Expected SHA-256 of the gateway's certificate; stored as the pin for that wss address. */
    tlsFingerprint: z.string().max(200).optional(),
    connectAtStart: z.boolean().optional(),
    token: secretField,
  }),
  z.object({ kind: z.literal("local"), name: z.string().min(1).max(80), port: port.optional(), connectAtStart: z.boolean().optional() }),
]);
export type NewProfile = z.infer<typeof NewProfileSchema>;

export const ProfilePatchSchema = z.object({
  name: z.string().min(1).max(80).optional(),
  connectAtStart: z.boolean().optional(),
  authMode: z.enum(["token", "password", "none", "device-only"]).optional(),
});

export const SecretKindSchema = z.enum(["token", "password"]);

/** A question only a person can answer; the connection waits until it is answered. */
export const PromptSchema = z.discriminatedUnion("kind", [
  z.object({
    id: z.string(),
    kind: z.literal("host-key"),
    /** The connection that asked, when known. */
    profileId: nullableString,
    host: z.string(),
    port: z.number(),
    keyType: z.string(),
    /** SHA256:<base64>, as OpenSSH prints it. */
    fingerprint: z.string(),
    hop: z.string(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal("tls"),
    profileId: nullableString,
    trust: z.enum(["first-use", "re-trust"]),
    authority: z.string(),
    fingerprint: z.string(),
    previousFingerprint: nullableString,
    systemTrusted: z.boolean(),
    trustProblem: nullableString,
    subject: z.string(),
    issuer: z.string(),
    validTo: z.string(),
  }),
  z.object({ id: z.string(), kind: z.literal("passphrase"), profileId: nullableString, keyFile: z.string(), attempt: z.number() }),
]);
export type Prompt = z.infer<typeof PromptSchema>;

export const PromptAnswerSchema = z.object({
  id: z.string(),
  accept: z.boolean(),
  passphrase: z.string().max(4096).optional(),
  remember: z.boolean().optional(),
  /** TLS prompts: the fingerprint the person was shown and accepts; trust is refused unless it is the one asked about. */
  fingerprint: z.string().max(200).optional(),
});

export const LadderStepSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  ms: z.number(),
  detail: z.string(),
  attention: AttentionSchema.optional(),
});
export const LadderViewSchema = z.object({
  ok: z.boolean(),
  totalMs: z.number(),
  outcome: z.object({ kind: z.string(), reason: z.string(), step: nullableString, message: z.string(), fixHint: nullableString }),
  steps: z.array(LadderStepSchema),
  /** Issue 13 §3: a profile with several routes is tested per route; `steps` are those of the route that decided. */
  routes: z.array(z.object({ index: z.number(), label: z.string(), ok: z.boolean(), step: nullableString, message: z.string() })).optional(),
});
export type LadderView = z.infer<typeof LadderViewSchema>;

export const ProfileStatusSchema = z.object({ profileId: z.string(), status: GatewayStatusSchema });

export const HostStateSchema = z.object({
  app: AppInfoSchema,
  profiles: z.array(ProfileViewSchema),
  connections: z.array(ConnectionSnapshotSchema),
  statuses: z.array(ProfileStatusSchema),
  prompts: z.array(PromptSchema),
  /** Things a person should know about the host itself (no keychain, profiles file moved aside). */
  notices: z.array(z.string()),
});
export type HostState = z.infer<typeof HostStateSchema>;

/** nextOffset: pass to loadOlderChat for the page before these rows (chat.history's own offset cursor); null at the start. */
const OpenChatSchema = z.object({ sessionKey: z.string(), messages: z.array(ChatMessageSchema), outbox: z.array(OutboxEntrySchema), nextOffset: z.number().nullable().optional() });
const OlderChatSchema = z.object({ messages: z.array(ChatMessageSchema), nextOffset: z.number().nullable() });

const id = z.string().min(1).max(128);
const ok = z.object({ ok: z.literal(true) });

// ---- the contract ------------------------------------------------------------------------------------

/** Methods: name → argument tuple schema and result schema. */
export const hostMethods = {
  getAppInfo: { args: z.tuple([]), result: AppInfoSchema },
  /** Everything the UI needs at start (and after the host connection comes back). */
  getState: { args: z.tuple([]), result: HostStateSchema },

  addProfile: { args: z.tuple([NewProfileSchema]), result: z.object({ profile: ProfileViewSchema, notes: z.array(z.string()) }) },
  updateProfile: { args: z.tuple([id, ProfilePatchSchema]), result: ProfileViewSchema },
  removeProfile: { args: z.tuple([id]), result: ok },
  /** Imports gateway.remote.* from this machine's openclaw.json as a new profile (secrets to the keychain). */
  importOpenClawConfig: { args: z.tuple([]), result: z.object({ profile: ProfileViewSchema, notes: z.array(z.string()) }) },
  /** Stores a token/password in the keychain; a live connection uses it at once. */
  setSecret: { args: z.tuple([id, SecretKindSchema, z.string().min(1).max(4096)]), result: ProfileViewSchema },
  deleteSecret: { args: z.tuple([id, SecretKindSchema]), result: ProfileViewSchema },
  /** Edits any field "add" set (profile-edit.ts, the same core as `clawlink profiles edit`): checked whole,
   *  a refusal names the field by its form label and changes nothing; a connection change restarts only
   *  this profile's live connection. */
  editProfile: { args: z.tuple([id, ProfileEditPatchSchema]), result: EditResultSchema.extend({ profile: ProfileViewSchema }) },
  /** Forgets the remembered SSH host keys (Clawlink's known_hosts) or TLS pins of a profile: the next connect asks again. */
  forgetTrust: { args: z.tuple([id, TrustKindSchema]), result: ForgetTrustResultSchema },
  /** A new device identity; every profile's device tokens go with it, so every gateway must approve this device again. */
  resetIdentity: { args: z.tuple([]), result: IdentityResetResultSchema },
  /** Stores (or, with null, deletes) the SSH password of an SSH profile's gateway host. */
  setSshPassword: { args: z.tuple([id, z.string().min(1).max(4096).nullable()]), result: SshPasswordResultSchema },
  /** A copy of a profile after the original, not connected at start; secrets only with withSecrets (token and password, never pins or pairing). */
  duplicateProfile: { args: z.tuple([id, DuplicateOptionsSchema]), result: DuplicateResultSchema.extend({ profile: ProfileViewSchema }) },
  /** Reorders the profiles (the order the window and the tray list them in). */
  moveProfile: { args: z.tuple([id, MoveToSchema]), result: MoveResultSchema },
  /** Adds, removes or moves one fallback route, or sets the return check (profile-routes.ts, the core of `clawlink profiles edit --add-route …`); restarts only this profile's live connection. */
  editRoutes: { args: z.tuple([id, RouteEditSchema]), result: RouteEditResultSchema.extend({ profile: ProfileViewSchema }) },

  connect: { args: z.tuple([id]), result: ok },
  disconnect: { args: z.tuple([id]), result: ok },
  /** A person fixed something: try again from the top. */
  retry: { args: z.tuple([id]), result: ok },
  /** After "certificate changed": probe again, show the new certificate, replace the pin only if accepted. */
  /** The second argument is the observed fingerprint the UI showed (tlsChange.observed): re-trust applies only to that certificate. */
  retrustTls: { args: z.tuple([id, z.string().max(200)]), result: ok },
  answerPrompt: { args: z.tuple([PromptAnswerSchema]), result: ok },

  listChatSessions: { args: z.tuple([id]), result: z.array(ChatSessionInfoSchema) },
  /** Starts following a chat session (null = the gateway's main session) and returns its history. */
  openChat: { args: z.tuple([id, z.string().max(512).nullable()]), result: OpenChatSchema },
  /** Text and optional pictures (chat-pictures.ts); the host checks them against the gateway's policy, and sends pictures only while connected. */
  sendChat: { args: z.tuple([id, z.string().min(1).max(512), z.string().max(100_000), z.array(ChatPictureSchema).max(PICTURES_PER_MESSAGE).optional()]), result: OutboxEntrySchema },
  /** Resend a failed message as a new submission; null when it is no longer a failed message. */
  resendChat: { args: z.tuple([id, z.string().min(1).max(200)]), result: OutboxEntrySchema.nullable() },
  /** Drop a failed message from the outbox. */
  discardChat: { args: z.tuple([id, z.string().min(1).max(200)]), result: z.object({ discarded: z.boolean() }) },
  abortChat: { args: z.tuple([id, z.string().min(1).max(512), z.string().max(512).nullable()]), result: z.object({ aborted: z.boolean() }) },
  /** Issue 12 chat: older transcript rows (offset from openChat/loadOlderChat's nextOffset), new/rename/model/delete a session, agents and models. */
  loadOlderChat: { args: z.tuple([id, z.string().min(1).max(512), z.int().min(0)]), result: OlderChatSchema },
  createChatSession: { args: z.tuple([id, NewChatSessionSchema]), result: ChatSessionInfoSchema },
  patchChatSession: { args: z.tuple([id, z.string().min(1).max(512), ChatSessionPatchSchema]), result: ChatSessionInfoSchema },
  deleteChatSession: { args: z.tuple([id, z.string().min(1).max(512)]), result: z.object({ deleted: z.boolean() }) },
  listChatAgents: { args: z.tuple([id]), result: AgentListSchema },
  /** The models a session of this agent (null: the default agent) can use, as the gateway lists them. */
  listChatModels: { args: z.tuple([id, z.string().min(1).max(128).nullable()]), result: z.array(ModelInfoSchema) },
  /** A picture of a row (session key, ChatMessage.media[].source) as a checked data: URL, or the reason it is not shown. */
  chatMedia: { args: z.tuple([id, z.string().min(1).max(512), z.string().min(1).max(1024)]), result: ChatMediaResultSchema },

  testConnection: { args: z.tuple([id]), result: LadderViewSchema },
  /** Writes <config dir>/diagnostics/…json (the folder is created on first use); returns the file and its folder. */
  exportDiagnostics: { args: z.tuple([id]), result: z.object({ path: z.string(), folder: z.string() }) },
  /** "Show in folder" for a file exportDiagnostics wrote: the desktop opens its file manager; the web host cannot (revealed: false, show the folder). */
  revealExport: { args: z.tuple([z.string().min(1).max(4096)]), result: z.object({ revealed: z.boolean(), path: z.string(), folder: z.string() }) },
  recentLogs: { args: z.tuple([z.int().min(1).max(2000)]), result: z.array(z.string()) },
  /** A one-shot loopback link (one use, 60 s) that redirects to the gateway's Control UI with its token; the token itself never reaches the UI. */
  openControlUi: { args: z.tuple([id]), result: z.object({ url: z.string() }) },
  /** Issue 13 §2: the canvas or a forwarded surface of a connected SSH profile, as a URL through the tunnel's local ports (no secret in it). */
  openGatewaySurface: { args: z.tuple([id, z.enum(["canvas", "mcp-apps", "browser-control"])]), result: z.object({ url: z.string() }) },
  /** The last N records of the log file, structured, for the live tail (new ones follow as `log` events). */
  logTail: { args: z.tuple([z.int().min(1).max(2000)]), result: z.array(LogLineSchema) },
  /** Host aliases from ~/.ssh/config, suggested in the add-gateway form. */
  listSshHosts: { args: z.tuple([]), result: z.array(z.object({ alias: z.string(), hostName: z.string(), user: z.string(), port: z.number() })) },
  /** Notification settings (issue 11): the per-profile mute and the chat-reply opt-in, kept in <config dir>/notifications.json. */
  getNotificationSettings: { args: z.tuple([]), result: NotificationSettingsSchema },
  updateNotificationSettings: { args: z.tuple([NotificationSettingsPatchSchema]), result: NotificationSettingsSchema },

  /** The operator inbox across every live connection (exec approvals, pairing requests from other devices). */
  getInbox: { args: z.tuple([]), result: InboxSnapshotSchema },
  /** Answers an exec approval on its gateway: (connection id, approval id, decision, deny reason told to the
   *  agent in its session). What happened comes back as a value (already resolved, unknown id, ...), never a throw. */
  answerExecApproval: { args: z.tuple([id, z.string().min(1).max(256), ApprovalDecisionSchema, z.string().max(2000).nullish()]), result: InboxAnswerOutcomeSchema },
  /** Approves or rejects another device's pairing request on its gateway: (connection id, request id, decision). */
  answerPairingRequest: { args: z.tuple([id, z.string().min(1).max(256), PairingDecisionSchema]), result: InboxAnswerOutcomeSchema },
  /** Gateways found by themselves (mDNS beacons, Tailscale peers) for the Add form; keeps the browse
   *  running while asked (changes arrive as `discovery` events). Issue 13 §1. */
  discoverGateways: { args: z.tuple([]), result: DiscoveryViewSchema },
  /** The wide-area DNS-SD domains looked up (<config dir>/discovery.json, then OPENCLAW_WIDE_AREA_DOMAIN's, which the form cannot remove). */
  wideAreaSettings: { args: z.tuple([]), result: WideAreaSettingsSchema },
  /** Adds (with its DNS server, optionally) or removes one domain in discovery.json (wide-area-settings.ts checks it;
   *  a refusal names the field and writes nothing); the discovered list is looked up again at once. */
  editWideAreaDomains: { args: z.tuple([WideAreaEditSchema]), result: WideAreaEditResultSchema },
} as const;

/** Events pushed from host to UI: name → payload schema. */
export const hostEvents = {
  appInfoChanged: AppInfoSchema,
  connection: ConnectionSnapshotSchema,
  connectionRemoved: z.object({ id: z.string() }),
  profiles: z.array(ProfileViewSchema),
  gatewayStatus: ProfileStatusSchema,
  /** The full list of open prompts (replaces the previous one). */
  prompts: z.array(PromptSchema),
  chat: z.object({ profileId: z.string(), event: ChatStreamEventSchema }),
  /** A run's tool call started, progressed or finished (a card; the gateway's agent "tool" stream). */
  chatTool: z.object({ profileId: z.string(), event: ChatToolEventSchema }),
  chatHistory: z.object({ profileId: z.string(), sessionKey: z.string(), messages: z.array(ChatMessageSchema), reason: z.string() }),
  /** A read session list changed on the gateway (sessions.changed): the whole list, replacing the previous one. */
  chatSessions: z.object({ profileId: z.string(), sessions: z.array(ChatSessionInfoSchema) }),
  outbox: z.object({ profileId: z.string(), entries: z.array(OutboxEntrySchema) }),
  notice: z.object({ level: z.enum(["info", "warn", "error"]), message: z.string() }),
  /** The notification settings changed (every window and the desktop shell's notifier follow at once). */
  notificationSettings: NotificationSettingsSchema,
  /** The desktop shell asks the window to open what a clicked notification is about. */
  navigate: NavigateSchema,
  /** The UI's link to its host dropped or came back (only the web host's client can lose it; refetch state on true). */
  hostConnection: z.object({ connected: z.boolean() }),
  /** The whole inbox after any change (replaces the previous one; `seq` orders them within one host run). */
  inbox: InboxSnapshotSchema,
  /** Records just written to the log file (batched; redacted like the file), for the live tail. */
  log: z.object({ records: z.array(LogLineSchema).max(500) }),
  /** The discovered gateways after any change (replaces the previous list). */
  discovery: DiscoveryViewSchema,
} as const;

export type HostMethodName = keyof typeof hostMethods;
export type HostEventName = keyof typeof hostEvents;
export type HostMethodArgs<K extends HostMethodName> = z.infer<(typeof hostMethods)[K]["args"]>;
export type HostMethodResult<K extends HostMethodName> = z.infer<(typeof hostMethods)[K]["result"]>;
export type HostEventPayload<K extends HostEventName> = z.infer<(typeof hostEvents)[K]>;
/** One event as it travels (web host frames, the host service's listener). */
export type HostEventMessage = { [K in HostEventName]: { name: K; payload: HostEventPayload<K> } }[HostEventName];

/** Why a host call failed: refused before the handler ran, failed in it, or the UI lost its host. */
export const HostErrorReasonSchema = z.enum(["untrusted-sender", "unknown-method", "invalid-arguments", "failed", "host-lost"]);
export type HostErrorReason = z.infer<typeof HostErrorReasonSchema>;

/** A failed call as every host returns it (Electron IPC, the web host's WebSocket): a value, never a throw. */
export const HostErrorSchema = z.object({ reason: HostErrorReasonSchema, message: z.string(), fixHint: z.string().nullable() });
export type HostError = z.infer<typeof HostErrorSchema>;

/** One call's answer on every wire: the value, or the error with its fix hint as separate fields. */
export type HostReply<T = unknown> = { ok: true; value: T } | { ok: false; error: HostError };

type HostEventSubscriber = { on<K extends HostEventName>(event: K, listener: (payload: HostEventPayload<K>) => void): () => void };

/** What a host exposes as `window.clawlink` (built by createHostBridge in host-client.ts): every method
 *  resolves to a HostReply — plain data, so it crosses Electron's contextBridge whole. */
export type HostBridge = { [K in HostMethodName]: (...args: HostMethodArgs<K>) => Promise<HostReply<HostMethodResult<K>>> } & HostEventSubscriber;

/** What the renderer calls (hostApiFrom in host-client.ts over window.clawlink): a failed call rejects
 *  with a HostCallError carrying the HostError fields. */
export type HostApi = { [K in HostMethodName]: (...args: HostMethodArgs<K>) => Promise<HostMethodResult<K>> } & HostEventSubscriber;

/** What a host implements: one handler per method (the host service in src-main/core/host). */
export type HostHandlers = { [K in HostMethodName]: (...args: HostMethodArgs<K>) => Promise<HostMethodResult<K>> | HostMethodResult<K> };

/** Web host wire frames (one JSON object per WebSocket message). */
export type WebHostFrame =
  | { t: "call"; id: number; method: string; args: unknown[] }
  | { t: "result"; id: number; ok: true; value: unknown }
  | { t: "result"; id: number; ok: false; error: HostError }
  | { t: "event"; name: string; payload: unknown };

// The zod-free names the clients use (host-api-names.ts) are exactly these tables' keys.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchTables: [Exactly<HostMethodName, HostMethodNameListed>, Exactly<HostEventName, HostEventNameListed>] = [true, true];
void namesMatchTables;
