import { useRef, useState, type RefObject } from "react";
import type { Prompt } from "../../../src-shared/host-api";
import { useModalFocus } from "../focus";
import { getHost } from "../host";
import { errorText, useStore } from "../store";

/** The oldest open question from the host, as a modal: the connection waits until it is answered. */
export function PromptDialog() {
  const prompt = useStore((s) => s.prompts[0]);
  if (!prompt) return null;
  return <Dialog key={prompt.id} prompt={prompt} />;
}

function Dialog({ prompt }: { prompt: Prompt }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const [passphrase, setPassphrase] = useState("");
  const [remember, setRemember] = useState(false);
  const first = useRef<HTMLButtonElement & HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // Focus starts on the first control, stays inside while open, and goes back where it was on close.
  useModalFocus(box, first);
  const answer = async (accept: boolean) => {
    try {
      // A TLS answer names the fingerprint this dialog showed; the host trusts nothing else.
      const shown = prompt.kind === "tls" && accept ? { fingerprint: prompt.fingerprint } : {};
      await host.answerPrompt({ id: prompt.id, accept, ...(prompt.kind === "passphrase" && accept ? { passphrase, remember } : {}), ...shown });
    } catch (e) {
      notify("error", errorText(e));
    }
  };
  const title = prompt.kind === "host-key" ? "Unknown SSH host key" : prompt.kind === "tls" ? (prompt.trust === "first-use" ? "Trust this certificate?" : "The certificate changed") : "Key passphrase";
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="prompt-title"
        ref={box}
        onKeyDown={(e) => {
          if (e.key === "Escape") void answer(false);
        }}
      >
        <h2 id="prompt-title">{title}</h2>
        {prompt.kind === "host-key" ? <HostKeyBody prompt={prompt} focusRef={first} answer={answer} /> : null}
        {prompt.kind === "tls" ? <TlsBody prompt={prompt} focusRef={first} answer={answer} /> : null}
        {prompt.kind === "passphrase" ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void answer(true);
            }}
          >
            <p>
              {prompt.attempt > 1 ? "That passphrase did not work. " : ""}Enter the passphrase for <code>{prompt.keyFile}</code>.
            </p>
            <input ref={first} type="password" aria-label="Passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
            <label className="check">
              <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Remember in the keychain
            </label>
            <div className="actions">
              <button type="submit" className="primary">
                Unlock
              </button>
              <button type="button" onClick={() => void answer(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : null}
      </div>
    </div>
  );
}

type BodyProps<K extends Prompt["kind"]> = {
  prompt: Extract<Prompt, { kind: K }>;
  /** The first control, focused when the dialog opens. */
  focusRef: RefObject<(HTMLButtonElement & HTMLInputElement) | null>;
  answer: (accept: boolean) => Promise<void>;
};

function HostKeyBody({ prompt, focusRef, answer }: BodyProps<"host-key">) {
  return (
    <>
      <p>
        Clawlink has not seen <strong>{prompt.host}</strong>
        {prompt.hop && prompt.hop !== prompt.host ? ` (${prompt.hop})` : ""} before. Compare this fingerprint with the one on the server (<code>ssh-keygen -lf /etc/ssh/ssh_host_{prompt.keyType.replace(/^ssh-/, "")}_key.pub</code>) before accepting.
      </p>
      <table className="kv">
        <tbody>
          <tr>
            <th scope="row">Key type</th>
            <td>{prompt.keyType}</td>
          </tr>
          <tr>
            <th scope="row">Fingerprint</th>
            <td>
              <code data-testid="host-key-fingerprint">{prompt.fingerprint}</code>
            </td>
          </tr>
        </tbody>
      </table>
      <div className="actions">
        <button ref={focusRef} className="primary" onClick={() => void answer(true)}>
          Accept and remember
        </button>
        <button onClick={() => void answer(false)}>Reject</button>
      </div>
    </>
  );
}

function TlsBody({ prompt, focusRef, answer }: BodyProps<"tls">) {
  return (
    <>
      <p>
        {prompt.authority} presents this certificate{prompt.systemTrusted ? " (trusted by the system)" : ` (${prompt.trustProblem ?? "not trusted by the system"})`}.
      </p>
      <table className="kv">
        <tbody>
          {prompt.previousFingerprint ? (
            <tr>
              <th scope="row">Expected (pinned)</th>
              <td>
                <code>{prompt.previousFingerprint}</code>
              </td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">{prompt.previousFingerprint ? "Observed now" : "Fingerprint"}</th>
            <td>
              <code data-testid="tls-fingerprint">{prompt.fingerprint}</code>
            </td>
          </tr>
          <tr>
            <th scope="row">Subject / issuer</th>
            <td>
              {prompt.subject} / {prompt.issuer}
            </td>
          </tr>
          <tr>
            <th scope="row">Valid until</th>
            <td>{prompt.validTo}</td>
          </tr>
        </tbody>
      </table>
      <div className="actions">
        <button ref={focusRef} className="primary" onClick={() => void answer(true)}>
          Trust this certificate
        </button>
        <button onClick={() => void answer(false)}>Do not connect</button>
      </div>
    </>
  );
}
