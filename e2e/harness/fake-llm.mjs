#!/usr/bin/env node
// A deterministic OpenAI-compatible model server for the real gateway in tests. Loopback only, no deps.
//   node fake-llm.mjs [--port N]     prints "FAKE_LLM_LISTENING port=<n>" when ready
// POST /v1/chat/completions (stream or not) answers "Hello from fake-llm. You said: <operator text>",
// one SSE chunk per word, so the gateway emits real streamed deltas.
// Markers in the operator's text: [[fail]] → HTTP 500 (an error turn); [[slow]] → 300 ms between words
// (time to abort or to restart the gateway mid-stream); [[cut]] → the first request for this text
// streams six words, slowly, and then hangs (the reply can only be finished by the gateway asking again, as
// its restart recovery does); [[cut-lost]] → the same, and every later request for it gets HTTP 500
// (recovery fails too, so the reply stays lost).
// [[exec:CMD]] → the model calls the gateway's `exec` tool with {"command": CMD} (an OpenAI-style
// tool call), so the gateway's exec policy decides and, set to ask, raises a real exec approval; once
// the tool result comes back the reply is "Exec result: <what the tool returned>".
// [[media:PATH]] → the reply is "Here is the picture." and a line `MEDIA:PATH`, the directive an agent
// uses to deliver a file (the gateway's reply parser turns it into reply media; for a chat.send turn it
// stores the file as managed outgoing media and the transcript row gets an image block with an
// artifactId, docs/gateway/clients.md "Render generated image artifacts").
// GET /stats → {"completions": n} so tests can count what actually reached the model.
import http from "node:http";

const portArg = process.argv.indexOf("--port");
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;
export const REPLY_PREFIX = "Hello from fake-llm. You said: ";
let completions = 0;
const cutSeen = new Set();

// The gateway wraps what the operator typed ("[Sun 2026-11-22 02:01 UTC] Conversation info: ...```json
// ...```\n\n<text>\n\nRuntime: ...") and adds an internal-context user message. Peel both off so the
// reply echoes the operator's words exactly.
export function operatorText(raw) {
  let s = String(raw ?? "").replace(/<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>[\s\S]*?<<<END_OPENCLAW_INTERNAL_CONTEXT>>>/g, "");
  s = s.replace(/^\s*\[[A-Z][a-z]{2} \d{4}-\d{2}-\d{2}[^\]\n]*\]\s*/, "");
  s = s.replace(/^Conversation info:[^\n]*\n```json\n[\s\S]*?\n```\s*/, "");
  s = s.replace(/\n+Runtime: [^\n]*\s*$/, "");
  return s.trim();
}
const textOf = (c) =>
  typeof c === "string" ? c : Array.isArray(c) ? c.map((p) => (typeof p === "string" ? p : p?.text ?? "")).join("") : "";
function lastOperatorText(messages) {
  for (let i = (messages?.length ?? 0) - 1; i >= 0; i--) {
    if (messages[i]?.role !== "user") continue;
    const t = operatorText(textOf(messages[i].content));
    if (t) return t;
  }
  return "";
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = http.createServer(async (req, res) => {
  if (req.method === "GET" && req.url === "/stats") return void res.end(JSON.stringify({ completions }));
  if (req.method === "GET" && req.url?.startsWith("/v1/models")) {
    res.setHeader("content-type", "application/json");
    return void res.end(JSON.stringify({ object: "list", data: [{ id: "fake-model", object: "model", owned_by: "fake" }] }));
  }
  if (req.method !== "POST" || !req.url?.startsWith("/v1/chat/completions")) {
    res.statusCode = 404;
    return void res.end("not found");
  }
  let body = "";
  for await (const chunk of req) body += chunk;
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    res.statusCode = 400;
    return void res.end("bad json");
  }
  const raw = lastOperatorText(parsed.messages);
  completions++;
  // The recovery turn after a restart ends with the gateway's own "you were interrupted" message, so
  // the marked text is looked for anywhere in the conversation, and the reply echoes it.
  const marked = (parsed.messages ?? []).filter((m) => m?.role === "user").map((m) => operatorText(textOf(m.content))).find((t) => /\[\[cut(-lost)?\]\]/.test(t));
  const firstCut = marked !== undefined && !cutSeen.has(marked);
  if (marked !== undefined) cutSeen.add(marked);
  const repeat = marked !== undefined && !firstCut && marked.includes("[[cut-lost]]");
  const said = (marked ?? raw).replace(/\[\[(fail|slow|cut|cut-lost)\]\]\s*/g, "").trim();
  if (raw.includes("[[fail]]") || repeat) {
    res.statusCode = 500;
    res.setHeader("content-type", "application/json");
    return void res.end(JSON.stringify({ error: { message: "fake-llm: forced failure", type: "server_error" } }));
  }
  const id = `chatcmpl-fake-${completions}`;
  const created = Math.floor(Date.now() / 1000);
  const exec = execStep(parsed, raw);
  if (exec?.call) return void sendToolCall(res, parsed.stream, id, created, exec.call);
  const media = /\[\[media:([^\]\s]+)\]\]/.exec(raw)?.[1];
  const reply = exec ? `Exec result: ${exec.result}` : media ? `Here is the picture.\nMEDIA:${media}` : REPLY_PREFIX + said;
  if (!parsed.stream) {
    res.setHeader("content-type", "application/json");
    return void res.end(
      JSON.stringify({
        id, object: "chat.completion", created, model: "fake-model",
        choices: [{ index: 0, message: { role: "assistant", content: reply }, finish_reason: "stop" }],
        usage: { prompt_tokens: 1, completion_tokens: reply.split(" ").length, total_tokens: 1 + reply.split(" ").length },
      }),
    );
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const send = (delta, finish = null) =>
    res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: "fake-model", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
  send({ role: "assistant", content: "" });
  const words = reply.split(/(?<= )/);
  const gap = raw.includes("[[slow]]") || firstCut ? 300 : 20;
  for (const [i, w] of words.entries()) {
    if (res.destroyed) return;
    if (firstCut && i === 6) return void (await new Promise((r) => res.on("close", r)));
    send({ content: w });
    await sleep(gap);
  }
  send({}, "stop");
  res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: "fake-model", choices: [], usage: { prompt_tokens: 1, completion_tokens: words.length, total_tokens: 1 + words.length } })}\n\n`);
  res.end("data: [DONE]\n\n");
});
// The exec marker's two steps: no tool result yet after the marked user message → call the tool;
// a tool result after it → answer with that result (the last tool message's text).
function execStep(parsed, raw) {
  const m = /\[\[exec:([^\]]+)\]\]/.exec(raw);
  if (!m) return null;
  const msgs = parsed.messages ?? [];
  let lastUser = -1;
  for (let i = msgs.length - 1; i >= 0; i--) if (msgs[i]?.role === "user" && operatorText(textOf(msgs[i].content))) { lastUser = i; break; }
  const tool = msgs.slice(lastUser + 1).filter((x) => x?.role === "tool").pop();
  if (tool) return { result: textOf(tool.content).trim() };
  const name = (parsed.tools ?? []).map((t) => t?.function?.name).find((n) => n === "exec") ?? "exec";
  return { call: { id: `call_${completions}`, name, args: JSON.stringify({ command: m[1] }) } };
}

function sendToolCall(res, stream, id, created, call) {
  const toolCall = { index: 0, id: call.id, type: "function", function: { name: call.name, arguments: call.args } };
  if (!stream) {
    res.setHeader("content-type", "application/json");
    return res.end(JSON.stringify({
      id, object: "chat.completion", created, model: "fake-model",
      choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [toolCall] }, finish_reason: "tool_calls" }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    }));
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const chunk = (delta, finish = null) => `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: "fake-model", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  res.write(chunk({ role: "assistant", content: null, tool_calls: [toolCall] }));
  res.write(chunk({}, "tool_calls"));
  res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: "fake-model", choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })}\n\n`);
  res.end("data: [DONE]\n\n");
}

server.listen(port, "127.0.0.1", () => console.log(`FAKE_LLM_LISTENING port=${server.address().port}`));
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => server.close(() => process.exit(0)));
