// Why exists: OpenClaw's default gateway port was written out as 18789 in a dozen places (profile schema,
// tunnel options, direct URLs, the CLI, diagnostics, the add form). This is the one constant; the main
// process and the renderer both import it, which is why it sits in src-shared.

/** Where an OpenClaw gateway listens unless its config says otherwise (gateway.port, OPENCLAW_GATEWAY_PORT). */
export const DEFAULT_GATEWAY_PORT = 18789;

/** This machine's own gateway at its default address. */
export const DEFAULT_LOCAL_GATEWAY_URL = `ws://127.0.0.1:${DEFAULT_GATEWAY_PORT}`;
