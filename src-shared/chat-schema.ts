// The chat's payloads beyond plain text (issue 12 "Chat"): tool cards, sessions with their agent and
// model, the agents and models a gateway offers, and the older pages of a transcript. Schemas here,
// types derived from them, so host-api.ts, the core and the renderer share one shape.
import { z } from "zod";
import { PICTURE_CARRY_CAP_BYTES } from "./chat-pictures.js";

const nullableString = z.string().nullable();

/** One tool call as a card: what was called with which arguments, how it is going, what came back (excerpts). */
export const ToolCardSchema = z.object({
  /** The gateway's toolCallId. */
  id: z.string(),
  name: z.string(),
  /** The arguments as compact JSON, cut to TOOL_EXCERPT_CHARS. */
  args: z.string(),
  status: z.enum(["running", "done", "error"]),
  /** The result's text, cut to TOOL_EXCERPT_CHARS; null until there is one. */
  result: nullableString,
});
export type ToolCard = z.infer<typeof ToolCardSchema>;

/** A live tool event of a run (the gateway's `agent` event, stream "tool"), normalised. */
export const ChatToolEventSchema = z.object({
  sessionKey: z.string(),
  runId: z.string(),
  card: ToolCardSchema,
});
export type ChatToolEvent = z.infer<typeof ChatToolEventSchema>;

export const AgentInfoSchema = z.object({ id: z.string(), name: nullableString, model: nullableString });
export type AgentInfo = z.infer<typeof AgentInfoSchema>;
export const AgentListSchema = z.object({ defaultId: nullableString, agents: z.array(AgentInfoSchema) });
export type AgentList = z.infer<typeof AgentListSchema>;

/** A model a session can use: `ref` is what sessions.patch takes ("provider/id"). */
export const ModelInfoSchema = z.object({ ref: z.string(), name: z.string(), provider: z.string(), available: z.boolean() });
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const NewChatSessionSchema = z.object({
  label: z.string().trim().min(1).max(512).optional(),
  agentId: z.string().min(1).max(128).optional(),
});
export type NewChatSession = z.infer<typeof NewChatSessionSchema>;

/** What a session edit changes: its label (rename) and/or its model; null clears an override. */
export const ChatSessionPatchSchema = z.object({
  label: z.string().trim().min(1).max(512).nullable().optional(),
  model: z.string().min(1).max(300).nullable().optional(),
});
export type ChatSessionPatch = z.infer<typeof ChatSessionPatchSchema>;

export const TOOL_EXCERPT_CHARS = 2000;

/** A picture a transcript row refers to (the gateway's `media://inbound/…` file, or `artifact:<id>` for an assistant's generated image); its bytes come through chatMedia. */
export const ChatMediaRefSchema = z.object({ source: z.string(), fileName: nullableString, mimeType: nullableString, sizeBytes: z.number().nullable() });
export type ChatMediaRef = z.infer<typeof ChatMediaRefSchema>;

/** chatMedia's answer: a checked raster `data:` URL (the renderer's CSP allows only those), or why the placeholder shows. */
export const ChatMediaResultSchema = z.object({
  dataUrl: z.string().regex(/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]*={0,2}$/).nullable(),
  mimeType: z.enum(["image/png", "image/jpeg", "image/gif", "image/webp"]).nullable(),
  problem: nullableString,
});
export type ChatMediaResult = z.infer<typeof ChatMediaResultSchema>;

/** One chat history row as the UI shows it (normalised from the gateway's transcript by the host). */
export const ChatMessageSchema = z.object({
  id: z.string(),
  role: z.string(),
  text: z.string(),
  ts: z.number().nullable(),
  /** The idempotency key a user row was sent with (matches an outbox entry). */
  sendId: nullableString,
  /** An error turn: the kind (e.g. "rate_limit", "error") and message, when the gateway recorded one. */
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
  /** Tool calls in this row (a toolResult row is folded into its call's card), in order. */
  tools: z.array(ToolCardSchema).optional(),
  /** Pictures the row carries (fetched through chatMedia, never by the renderer). */
  media: z.array(ChatMediaRefSchema).optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** label: the session's label, or a readable form of its key (never a message's text). model: "provider/id". */
export const ChatSessionInfoSchema = z.object({ key: z.string(), label: z.string(), updatedAt: z.number().nullable(), agentId: nullableString.optional(), model: nullableString.optional() });
export type ChatSessionInfo = z.infer<typeof ChatSessionInfoSchema>;

/** A picture sent with a message (chat-pictures.ts): its name and bytes as base64, within what the host API carries. */
export const ChatPictureSchema = z.object({
  fileName: z.string().min(1).max(255),
  base64: z
    .string()
    .min(4)
    .max(Math.ceil(PICTURE_CARRY_CAP_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
