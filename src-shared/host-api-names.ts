// The host API contract's names without its schemas: method and event names, the IPC channels derived
// from them, the window global and the web host's paths. The clients (the Electron preload and the web
// host's served script, both built by host-client.ts) need only these, so they do not carry zod. The
// lists are the keys of the tables in host-api.ts, checked by the compiler there: a method or event
// added to one and not the other fails `npm run typecheck`.
export const HOST_METHOD_NAMES = [
  "getAppInfo",
  "getState",
  "addProfile",
  "updateProfile",
  "removeProfile",
  "importOpenClawConfig",
  "setSecret",
  "deleteSecret",
  "editProfile",
  "forgetTrust",
  "resetIdentity",
  "setSshPassword",
  "duplicateProfile",
  "moveProfile",
  "editRoutes",
  "connect",
  "disconnect",
  "retry",
  "retrustTls",
  "answerPrompt",
  "listChatSessions",
  "openChat",
  "sendChat",
  "resendChat",
  "discardChat",
  "abortChat",
  "loadOlderChat",
  "createChatSession",
  "patchChatSession",
  "deleteChatSession",
  "listChatAgents",
  "listChatModels",
  "chatMedia",
  "testConnection",
  "exportDiagnostics",
  "revealExport",
  "recentLogs",
  "openControlUi",
  "openGatewaySurface",
  "logTail",
  "listSshHosts",
  "getNotificationSettings",
  "updateNotificationSettings",
  "getInbox",
  "answerExecApproval",
  "answerPairingRequest",
  "discoverGateways",
  "wideAreaSettings",
  "editWideAreaDomains",
] as const;

export const HOST_EVENT_NAMES = ["appInfoChanged", "connection", "connectionRemoved", "profiles", "gatewayStatus", "prompts", "chat", "chatTool", "chatHistory", "chatSessions", "outbox", "notice", "notificationSettings", "navigate", "hostConnection", "inbox", "log", "discovery"] as const;

export type HostMethodNameListed = (typeof HOST_METHOD_NAMES)[number];
export type HostEventNameListed = (typeof HOST_EVENT_NAMES)[number];

export const isHostMethodName = (name: string): name is HostMethodNameListed => (HOST_METHOD_NAMES as readonly string[]).includes(name);
export const isHostEventName = (name: string): name is HostEventNameListed => (HOST_EVENT_NAMES as readonly string[]).includes(name);

/** The IPC channel for a method or event (Electron host only). */
export const ipcChannel = {
  method: (name: HostMethodNameListed) => `clawlink:invoke:${name}`,
  event: (name: HostEventNameListed) => `clawlink:event:${name}`,
};

export const HOST_API_GLOBAL = "clawlink" as const;

/** The web host's WebSocket path and the script (built from web-host-client-main.ts) that provides window.clawlink there. */
export const WEB_HOST_API_PATH = "/api";
export const WEB_HOST_SCRIPT = "/clawlink-host.js";
