// Entry of out/renderer/clawlink-host.js (bundled by scripts/build.mjs for the browser): in a page the
// web host serves, window.clawlink is the one host client over this origin's WebSocket. Electron never
// loads it (its preload builds the same client over IPC).
import { HOST_API_GLOBAL } from "./host-api-names.js";
import { createHostBridge } from "./host-client.js";
import { hostSocketUrl, webSocketTransport, type SocketLike } from "./web-host-client.js";

const page = globalThis as unknown as { location: { host: string }; WebSocket: new (url: string) => SocketLike };
const transport = webSocketTransport({ open: () => new page.WebSocket(hostSocketUrl(page.location.host)), later: (fn, ms) => void setTimeout(fn, ms) });
Object.defineProperty(globalThis, HOST_API_GLOBAL, { value: Object.freeze(createHostBridge(transport)), enumerable: true });
transport.start();
