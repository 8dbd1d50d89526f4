// Each subcommand's own usage text, in one table next to the command table (main.ts). It lives apart
// from the command modules so `clawlink <cmd> --help` prints it without loading the command (and so
// without opening the config dir, the keychain or a connection).

const TARGETS = "  target: ws://host:port  wss://host[:port]  https://host (as wss)  ssh://[user@]host[:port]  <profile>\n" +
  "          (none: $OPENCLAW_GATEWAY_URL if set, else the first profile)";
const SECRETS = "  secrets only from --token-stdin, --token-env NAME, --password-stdin, --password-env NAME\n" +
  "          (never as argument values: they would show in ps), or stored with `clawlink secret set`";
const CONNECTION = "  --identity FILE  --remote-port N  --local-port N  --known-hosts FILE (repeatable)\n" +
  "  --keepalive-interval S  --keepalive-count N  --tls-fingerprint HEX\n" +
  "  --batch            never ask: an unknown host key or unpinned certificate is a failure\n" +
  "  --trust-host-key   accept an unknown SSH host key without asking (saved to Clawlink's known_hosts)";
const COMMON = "  --config-dir DIR   (default: $CLAWLINK_CONFIG_DIR, else the OS config dir)\n  -h, --help         this text";

export const PROBE_USAGE = `usage: clawlink probe [target] [options]
One pass of the test-connection ladder, layer by layer; the exit code says which layer failed.
${TARGETS}
${SECRETS}
options:
  --json             exactly one JSON object {ok, outcome, steps}
  --file FILE        also write a diagnostics export (versions, profile without secrets, this result,
                     recent log); missing folders are created
${CONNECTION}
${COMMON}
exit codes: 0 ok, 2 usage/config, 3 network, 4 SSH auth, 5 host key, 6 TLS, 7 gateway auth,
            8 pairing required, 9 protocol mismatch / not a gateway, 10 plaintext ws:// refused`;

export const CONNECT_USAGE = `usage: clawlink connect [target] [options]
Connect and stay up, reconnecting by itself; one line per state change. Ctrl+C (SIGINT/SIGTERM) stops
cleanly with exit 0; a state a person must fix ends with the exit code probe would give.
${TARGETS}
${SECRETS}
options:
  --json             one JSON object per line (ts, state, localPort once an SSH tunnel forwards, …)
  --start-local      local profile: start \`openclaw gateway\` if none is running (stopped on exit)
${CONNECTION}
${COMMON}`;

export const CHAT_USAGE = `usage: clawlink chat [target] --message TEXT [options]
       printf %s "TEXT" | clawlink chat [target] [options]
Send one message to the gateway's main session (or --session KEY) and stream the reply to stdout;
exit 0 on the final message, 1 if the turn fails or is aborted.
${TARGETS}
${SECRETS}
options:
  --message TEXT     the message (else it is read from stdin)
  --session KEY      a session other than the main one
${CONNECTION}
${COMMON}`;

export const APPROVALS_USAGE = `usage: clawlink approvals [target] [--json] [--watch]
       clawlink approvals [target] resolve <id> allow-once|allow-always|deny [--reason TEXT]
       clawlink approvals [target] resolve <id> approve|reject
List what the gateway asks of a person: exec approvals (the command exactly as it will run, where, for
which agent and session, when it expires) and pairing requests from other devices. The list comes from
the gateway itself. --watch stays and prints each new or resolved request; --json prints one JSON object
per line (id, kind exec|pairing, gateway, command or device, expiresAt; resolved ones with "resolved": true).
resolve answers one; --reason (with deny) is sent to the agent in the session that asked.
exit codes: 0 done, 2 unknown or already-resolved id (the message says which) or a decision the gateway
does not offer, 7 the gateway did not grant operator.approvals / operator.pairing, else as probe.
${TARGETS}
${SECRETS}
options:
  --json             one JSON object per line
  --watch            keep listing as requests come and go (Ctrl-C ends)
  --reason TEXT      with deny: why, told to the agent
${CONNECTION}
${COMMON}`;

export const PROFILES_USAGE = `usage: clawlink profiles [list]                       the saved gateways (and whether their secrets are set)
       clawlink profiles show <profile>
       clawlink profiles add <name> <target> [options]  target: ws://… wss://… https://… ssh://[user@]host[:port] | local
       clawlink profiles add <name> --setup-code-stdin  a setup code (\`openclaw qr --setup-code-only\`, or oc-pair://…)
                                  on stdin (or as the target): a profile for the gateway it names, and this
                                  device paired with it (the device token goes to the keychain; auth device-only)
       clawlink profiles edit <profile> [options]     change any field add sets; keeps the id and keychain secrets
       clawlink profiles duplicate <profile> [--name NEW] [--with-secrets]
       clawlink profiles move <profile> --to N | up | down | first | last
       clawlink profiles remove <profile>             also deletes its keychain entries
       clawlink profiles import [FILE | URL] [--name NAME]
                                  FILE: an openclaw.json (default ~/.openclaw/openclaw.json, never modified);
                                  URL: a dashboard link with #token= (the token goes to the keychain)
Profiles live in profiles.json in the config dir and never hold a secret (see \`clawlink secret\`).
options for add:
  --auth token|password|none|device-only   --no-connect-at-start (default: connect at start)   --port N (local)
  --identity FILE  --remote-port N  --local-port N  --keepalive-interval S  --keepalive-count N (ssh)
  --timeout S (setup code: how long to wait for approval on the gateway host, default 300)
options for edit (only what is given changes; a refused value names its flag and nothing is saved):
  --name NAME  --host HOST  --port N (ssh port, the URL's port, or this machine's gateway port)  --user USER
  --identity FILE ('' removes it)  --remote-port N  --local-port N (0: any free port)  --url URL
  --tls-fingerprint HEX (wss:// only; stored in the keychain)  --auth MODE  --[no-]connect-at-start
  --keepalive-interval S  --keepalive-count N
  It prints each change and whether a running connection of that profile must reconnect to use it.
routes (issue 13 §3): route 1 is the profile's own endpoint; fallbacks are tried in order when it fails,
  and route 1 is probed quietly while on one and returned to when it answers:
  --add-route URL|ssh://[user@]host[:port] [--route-remote-port N] [--identity FILE]   --remove-route N
  --move-route N --route-position M (fallbacks only: route 1 stays first)
  --return-check S (how often the preferred route is probed while on a fallback, default 30)
duplicate: a new profile (new id, new keychain key) right after the original, not connected at start;
  secrets are not copied unless --with-secrets (token and password only; never pins or device tokens).
move: the order is what \`profiles list\` (the # column), the app and the tray show.
  --json             machine-readable output
${COMMON}`;

export const SECRET_USAGE = `usage: printf %s "$TOKEN" | clawlink secret set <profile> token
       printf %s "$PASSWORD" | clawlink secret set <profile> password
       printf %s "$SSH_PASSWORD" | clawlink secret set <profile> ssh-password
       printf %s "$SETUP_CODE" | clawlink secret set <profile> token   pairs the profile with a setup code
       clawlink secret delete <profile> <token|password|ssh-password>
Stores a profile's gateway token or password, or the SSH password of its gateway host (user@host:port as
~/.ssh/config resolves it; tried after ssh-agent and key files), in the OS keychain. The value is read
from stdin, never from an argument (it would show in ps and shell history).
${COMMON}`;

export const SERVE_USAGE = `usage: clawlink serve [--port N] [--config-dir DIR]
The desktop UI in your browser: listens on 127.0.0.1 only (default: a free port) and prints a URL with a
one-time access token. Runs until Ctrl+C, then stops every connection.
  --port N           listen on this port (0: any free port)
${COMMON}`;

export const TRUST_USAGE = `usage: clawlink trust forget <profile> [--host-key | --tls] [--json]
Forget what Clawlink remembered about a profile's endpoint, so the next connect asks again.
  --host-key   the SSH host keys of the gateway host and its ProxyJump hops in Clawlink's own
               known_hosts (<config dir>/known_hosts); ~/.ssh/known_hosts is never changed (a key found
               there is reported with its ssh-keygen -R command)
  --tls        every TLS certificate pin of the profile (keychain)
  (neither: whichever applies to the profile: host keys for SSH, pins otherwise)
Use it after a "host key changed" or "certificate changed" error, once you have checked the new key or
certificate on the server.
${COMMON}`;

export const IDENTITY_USAGE = `usage: clawlink identity reset [--yes] [--json]
Replace this device's identity (the key every gateway paired) with a new one. Every gateway will see a
new device and must approve it again; the device tokens they issued are deleted. On a terminal it asks
you to type "yes"; without one (pipes, CI, --batch) it needs --yes and otherwise changes nothing.
${COMMON}`;

export const DISCOVER_USAGE = `usage: clawlink discover [--json] [--timeout S] [--watch] [--domain D]... [--dns-server IP[:PORT]]...
       clawlink discover --add-domain D [--dns-server IP[:PORT]] [--json]
       clawlink discover --remove-domain D [--json]
The OpenClaw gateways that announce themselves on the local network (mDNS/Bonjour, _openclaw-gw._tcp)
and those published in wide-area DNS-SD domains (unicast DNS PTR/SRV/TXT of _openclaw-gw._tcp.<domain>,
as the gateway's discovery.wideArea.domain writes them): name, host:port,
TLS, the TXT fields they publish and a suggested target for \`clawlink profiles add\`
(ws:// where plain ws:// is allowed and the gateway is directly reachable, wss:// with TLS, else ssh://).
What a beacon says is a hint, never a credential: nothing is saved, trusted or connected to.
options:
  --timeout S        listen this long (default 3 s; with --watch: until Ctrl-C)
  --json             one JSON array (with --watch: one object per line, "change": up|update|down);
                     each entry's "source" is mdns, wide-area (with its "domain") or tailscale
  --watch            keep listening; one line per gateway that appears (+), changes (~) or leaves (-);
                     the wide-area domains are looked up again every 30 s (a record gone from the zone: -)
  --domain D         look up this wide-area DNS-SD domain (repeatable); default: the app's list
                     (<config dir>/discovery.json, as --add-domain keeps it) and OPENCLAW_WIDE_AREA_DOMAIN
                     (comma-separated)
  --dns-server IP[:PORT]  ask this DNS server for the domains (repeatable; default: each domain's own from
                     the list, else the system's, where Tailscale's split DNS sends the domain to the gateway host)
  --add-domain D     add D to the app's list (the Add gateway form shows the same list); with one
                     --dns-server, that server is asked for D. Prints the list.
  --remove-domain D  take D out of the list (a domain from OPENCLAW_WIDE_AREA_DOMAIN cannot be: unset it)
  --config-dir DIR   where the list is kept (default: Clawlink's config dir)
  -h, --help         this text
exit codes: 0 done (also when nothing answered), 2 usage (or a refused change: nothing was written),
            3 mDNS unavailable on this machine`;

export const SESSIONS_USAGE = `usage: clawlink sessions [target] [list] [--json]
       clawlink sessions [target] new [--label NAME] [--agent ID]
       clawlink sessions [target] rename <key> <label>
       clawlink sessions [target] model <key> <provider/model>
       clawlink sessions [target] delete <key>
The gateway's chat sessions (the same ones the app's chat shows): one line per session with its label
(or a readable form of its key), key and model, tab-separated (--json: one object per line). new makes
one (the agent from agents.list; default: the gateway's default agent), rename sets its label, model
picks one of the models \`models.list\` offers, delete removes it with its transcript.
exit codes: 0 done, 1 the gateway refused (its reason and the fix on stderr), 2 usage or nothing to
delete, else as probe.
${TARGETS}
${SECRETS}
options:
  --json             one JSON object per line
${CONNECTION}
${COMMON}`;
