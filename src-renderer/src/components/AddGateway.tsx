import { useEffect, useState } from "react";
import { DEFAULT_GATEWAY_PORT } from "../../../src-shared/gateway-port";
import type { NewProfile } from "../../../src-shared/host-api";
import { getHost } from "../host";
import { errorText, useStore } from "../store";
import { splitLinkToken } from "../add-form-model";
import { AlreadyAProfile, TokenMovedNote } from "./AddGatewayChecks";
import { fillFromCandidate, type CandidateFill } from "../discovery-model";
import { NearbyGateways } from "./NearbyGateways";
import { TabList, TabPanel, type TabSpec } from "./Tabs";

type Mode = "ssh" | "direct" | "import";
type Form = typeof EMPTY_FORM;
type SshHost = { alias: string; hostName: string; user: string; port: number };
type OnField = (k: keyof Form) => (e: React.ChangeEvent<HTMLInputElement>) => void;

const EMPTY_FORM = { name: "", target: "", identityFile: "", remotePort: String(DEFAULT_GATEWAY_PORT), localPort: "", url: "", tlsFingerprint: "", token: "", connect: true };

/** The profile the form describes (empty optional fields are left out). */
function newProfileInput(mode: Mode, f: Form): NewProfile {
  if (mode === "ssh") {
    return {
      kind: "ssh",
      name: f.name.trim() || f.target.trim(),
      target: f.target.trim(),
      ...(f.identityFile.trim() ? { identityFile: f.identityFile.trim() } : {}),
      ...(f.remotePort.trim() ? { remotePort: Number(f.remotePort) } : {}),
      ...(f.localPort.trim() ? { localPort: Number(f.localPort) } : {}),
      ...(f.token.trim() ? { token: f.token.trim() } : {}),
      // "Connect now" also means "connect at start": the saved profile must say what was ticked.
      connectAtStart: f.connect,
    };
  }
  return {
    kind: "direct",
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
    url: f.url.trim(),
    ...(f.tlsFingerprint.trim() ? { tlsFingerprint: f.tlsFingerprint.trim() } : {}),
    ...(f.token.trim() ? { token: f.token.trim() } : {}),
    // "Connect now" also means "connect at start": the saved profile must say what was ticked.
    connectAtStart: f.connect,
  };
}

export function AddGateway() {
  const host = getHost()!;
  const select = useStore((s) => s.select);
  const setTab = useStore((s) => s.setTab);
  const [mode, setMode] = useState<Mode>("ssh");
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [f, setF] = useState<Form>(EMPTY_FORM);
  // Host aliases from ~/.ssh/config, offered as suggestions for the SSH target.
  const [sshHosts, setSshHosts] = useState<SshHost[]>([]);
  useEffect(() => {
    // Suggestions only: whatever goes wrong here must not take the form down.
    const host = getHost();
    if (host) Promise.resolve().then(() => host.listSshHosts()).then(setSshHosts, () => setSshHosts([]));
  }, []);
  const [tokenMoved, setTokenMoved] = useState(false);
  const set = fieldSetter(f, setF, () => setTokenMoved(true));

  const done = async (id: string, n: string[]) => {
    setNotes(n);
    select(id);
    setTab("status");
    if (f.connect) await host.connect(id);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await host.addProfile(newProfileInput(mode, f));
      setF({ ...f, token: "" });
      await done(r.profile.id, r.notes);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const importConfig = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await host.importOpenClawConfig();
      await done(r.profile.id, r.notes);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="add-gateway">
      <h2>Add remote gateway</h2>
      <NearbyGateways onChoose={(g) => chooseCandidate(fillFromCandidate(g), f, setF, setMode)} />
      <ModeTabs mode={mode} setMode={setMode} />
      {error ? (
        <p role="alert" className="callout attention">
          {error}
        </p>
      ) : null}
      {notes.length ? (
        <ul className="muted">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <TabPanel prefix="add" active={mode}>
        {mode === "import" ? (
          <div>
            <p>Reads gateway.remote.* from this machine's openclaw.json (~/.openclaw/openclaw.json). Tokens go to the keychain; SecretRefs are not resolved.</p>
            <button className="primary" onClick={() => void importConfig()} disabled={busy}>
              Import from openclaw.json
            </button>
          </div>
        ) : (
          <GatewayForm mode={mode} f={f} set={set} sshHosts={sshHosts} busy={busy} tokenMoved={tokenMoved} onSubmit={(e) => void submit(e)} />
        )}
      </TabPanel>
    </div>
  );
}

/** A discovered gateway fills its tab's fields (discovery-model.ts); the rest of the form stays as typed. */
function chooseCandidate(fill: CandidateFill, f: Form, setF: (f: Form) => void, setMode: (m: Mode) => void): void {
  setMode(fill.mode);
  setF({ ...f, ...fill.fields });
}

/** Field changes; a dashboard link's #token= leaves the URL field as soon as it is parsed (issue 12), into the masked token field. */
function fieldSetter(f: Form, setF: (f: Form) => void, onTokenMoved: () => void): OnField {
  return (k) => (e) => {
    const link = k === "url" ? splitLinkToken(e.target.value) : null;
    if (link?.token) onTokenMoved();
    setF({ ...f, [k]: e.target.type === "checkbox" ? e.target.checked : (link?.url ?? e.target.value), ...(link?.token ? { token: link.token } : {}) });
  };
}

/** The SSH or URL form (the name, token and "Connect now" are common to both). */
function GatewayForm({ mode, f, set, sshHosts, busy, tokenMoved, onSubmit }: { mode: Mode; f: Form; set: OnField; sshHosts: SshHost[]; busy: boolean; tokenMoved: boolean; onSubmit: (e: React.FormEvent) => void }) {
  const candidate = mode === "ssh" ? { kind: "ssh" as const, target: f.target, remotePort: f.remotePort.trim() ? Number(f.remotePort) : null } : { kind: "direct" as const, url: f.url };
  return (
    <form className="form" onSubmit={onSubmit}>
      <TokenMovedNote shown={mode === "direct" && tokenMoved} />
      <AlreadyAProfile candidate={candidate} />
      <Field id="add-name" label="Name" value={f.name} onChange={set("name")} placeholder={mode === "ssh" ? "Home desktop" : "defaults to the host"} />
      {mode === "ssh" ? (
        <SshFields f={f} set={set} sshHosts={sshHosts} />
      ) : (
        <>
          <Field id="add-url" label="Gateway URL" value={f.url} onChange={set("url")} placeholder="wss://gateway.example.com or a dashboard link with #token=…" required />
          <Field id="add-tls" label="TLS fingerprint (SHA-256)" value={f.tlsFingerprint} onChange={set("tlsFingerprint")} placeholder="optional: otherwise you confirm it on first use" />
        </>
      )}
      <Field id="add-token" label="Gateway token" value={f.token} onChange={set("token")} type="password" placeholder="optional; stored in the keychain" />
      <label className="check">
        <input type="checkbox" checked={f.connect} onChange={set("connect")} /> Connect now
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Add gateway
      </button>
    </form>
  );
}

const MODE_TABS: Array<TabSpec<Mode>> = [
  { id: "ssh", label: "SSH tunnel" },
  { id: "direct", label: "URL (ws/wss)" },
  { id: "import", label: "Import openclaw.json" },
];

/** The ARIA tabs pattern (Tabs.tsx): arrow keys, Home/End, aria-controls. */
function ModeTabs({ mode, setMode }: { mode: Mode; setMode: (m: Mode) => void }) {
  return <TabList prefix="add" label="How to reach the gateway" tabs={MODE_TABS} active={mode} onSelect={setMode} />;
}

function SshFields({ f, set, sshHosts }: { f: Form; set: OnField; sshHosts: SshHost[] }) {
  return (
    <>
      <Field id="add-target" label="SSH target" value={f.target} onChange={set("target")} placeholder="user@host[:port] or a Host alias from ~/.ssh/config" required list="ssh-config-hosts" />
      <datalist id="ssh-config-hosts">
        {sshHosts.map((h) => (
          <option key={h.alias} value={h.alias}>{`${h.user}@${h.hostName}${h.port !== 22 ? `:${h.port}` : ""}`}</option>
        ))}
      </datalist>
      <Field id="add-identity" label="Identity file" value={f.identityFile} onChange={set("identityFile")} placeholder="~/.ssh/id_ed25519 (optional: agent and default keys are tried)" />
      <Field id="add-remote-port" label="Remote gateway port" value={f.remotePort} onChange={set("remotePort")} inputMode="numeric" />
      <Field id="add-local-port" label="Local port" value={f.localPort} onChange={set("localPort")} placeholder={`a free port, kept for this gateway (not ${DEFAULT_GATEWAY_PORT})`} inputMode="numeric" />
    </>
  );
}

function Field(props: { id: string; label: string; value: string; onChange: (e: React.ChangeEvent<HTMLInputElement>) => void; placeholder?: string; type?: string; required?: boolean; inputMode?: "numeric"; list?: string }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? "text"}
        value={props.value}
        onChange={props.onChange}
        placeholder={props.placeholder}
        required={props.required}
        inputMode={props.inputMode}
        list={props.list}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}
