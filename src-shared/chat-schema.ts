// The chat's payloads beyond plain text (issue 12 "Chat"): tool cards, sessions with their agent and
// model, the agents and models a gateway offers, and the older pages of a transcript. Schemas here,
// types derived from them, so host-api.ts, the core and the renderer share one shape.
import { z } from "zod";

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
