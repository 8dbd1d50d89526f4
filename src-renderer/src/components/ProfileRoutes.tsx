import { useEffect, useRef, useState } from "react";
import type { ProfileView } from "../../../src-shared/host-api";
import { fieldOfRouteRefusal, ROUTE_FIELD_LABEL, type RouteEditInput, type RouteFormField } from "../../../src-shared/route-edit-schema";
import { getHost } from "../host";
import { addRoutePlan, DEFAULT_RETURN_CHECK_S, EMPTY_ADD, movePlan, returnCheckPlan, routeSavedMessage, type AddRouteTexts, type RoutePlan } from "../route-form-model";
import { errorText, useStore } from "../store";

type Send = (plan: RoutePlan, after?: () => void) => Promise<void>;
type Invalid = (f: RouteFormField) => { "aria-invalid"?: true; "aria-describedby"?: string };

/**
 * Issue 13 §3: the profile's routes in the order they are tried, and a form to add, remove and reorder the
 * fallbacks and set how often the preferred route is checked. Every change is one host editRoutes call (the
 * core `clawlink profiles edit --add-route / --remove-route / --move-route` uses): a refusal names its field
 * and changes nothing, the stored secrets stay, and a connected profile reconnects (only it) and says so.
 * Route 1 is the profile's own endpoint: it is edited in the form below and always stays first.
 */
export function ProfileRoutes({ profile }: { profile: ProfileView }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const [error, setError] = useState<{ field: RouteFormField | null; text: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (profile.kind === "local") return null;
  const send: Send = async (plan, after) => {
    setError(null);
    setSaved(null);
    if (!plan.ok) return setError({ field: plan.field, text: plan.message });
    setBusy(true);
    try {
      const r = await host.editRoutes(profile.id, plan.edit);
      const message = routeSavedMessage(r.profile.name, r);
      setSaved(message);
      notify("info", message);
      after?.();
    } catch (e) {
      const text = errorText(e);
      setError({ field: fieldOfRouteRefusal(text), text });
    } finally {
      setBusy(false);
    }
  };
  const errId = `routes-${profile.id}-error`;
  const invalid: Invalid = (f) => (error?.field === f ? { "aria-invalid": true, "aria-describedby": errId } : {});
  return (
    <section aria-labelledby={`routes-${profile.id}-title`} className="profile-routes">
      <h3 id={`routes-${profile.id}-title`}>Routes</h3>
      <p className="muted small">Tried in this order: the first that answers is used, and the routes ahead of it are checked quietly and returned to when they answer again. Route 1 is this profile's own address (edit it below).</p>
      <RouteList profile={profile} busy={busy} send={send} />
      <AddRouteForm profileId={profile.id} busy={busy} send={send} invalid={invalid} />
      <ReturnCheckForm profile={profile} busy={busy} send={send} invalid={invalid} />
      {error ? (
        <p role="alert" className="callout attention" id={errId} data-testid="routes-error">
          {error.text}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="muted" data-testid="routes-saved">
          {saved}
        </p>
      ) : null}
    </section>
  );
}

/** The routes in order; each fallback can move up, down or go. Focus follows the route that moved. */
function RouteList({ profile, busy, send }: { profile: ProfileView; busy: boolean; send: Send }) {
  const routes = profile.routes ?? [];
  // After a move or removal the button pressed may be gone or elsewhere: focus goes where the route went.
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!focusNext || busy) return;
    const el = list.current?.querySelector<HTMLElement>(`[data-focus-key="${focusNext}"]`) ?? document.getElementById(`routes-${profile.id}-target`);
    el?.focus();
    setFocusNext(null);
  }, [focusNext, busy, routes.join("\n")]);
  const edit = (e: RouteEditInput, next: string) => void send({ ok: true, edit: e }, () => setFocusNext(next));
  const last = routes.length;
  return (
    <ol ref={list} data-testid="profile-routes" aria-label="Routes in the order they are tried">
      {routes.map((r, i) => {
        const n = i + 1;
        const up = movePlan(n, "up", last);
        const down = movePlan(n, "down", last);
        return (
          <li key={`${i}-${r}`}>
            <code>{r}</code>
            {n === 1 ? (
              <span className="muted small"> (the profile's own address)</span>
            ) : (
              <span className="actions inline">
                <button type="button" data-focus-key={`up-${n}`} aria-label={`Move up: route ${n}, ${r}`} disabled={busy || !up} onClick={() => edit(up!, n - 1 > 2 ? `up-${n - 1}` : `down-${n - 1}`)}>
                  Move up
                </button>
                <button type="button" data-focus-key={`down-${n}`} aria-label={`Move down: route ${n}, ${r}`} disabled={busy || !down} onClick={() => edit(down!, n + 1 < last ? `down-${n + 1}` : `up-${n + 1}`)}>
                  Move down
                </button>
                <button type="button" data-focus-key={`remove-${n}`} aria-label={`Remove: route ${n}, ${r}`} disabled={busy} onClick={() => edit({ remove: n }, n < last ? `remove-${n}` : "target")}>
                  Remove
                </button>
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function AddRouteForm({ profileId, busy, send, invalid }: { profileId: string; busy: boolean; send: Send; invalid: Invalid }) {
  const [add, setAdd] = useState<AddRouteTexts>(EMPTY_ADD);
  const field = (f: keyof AddRouteTexts, placeholder: string, numeric = false) => (
    <div className="field">
      <label htmlFor={`routes-${profileId}-${f}`}>{ROUTE_FIELD_LABEL[f]}</label>
      <input
        id={`routes-${profileId}-${f}`}
        data-testid={`route-${f}`}
        value={add[f]}
        placeholder={placeholder}
        inputMode={numeric ? "numeric" : undefined}
        autoComplete="off"
        spellCheck={false}
        {...invalid(f)}
        onChange={(e) => setAdd({ ...add, [f]: e.target.value })}
      />
    </div>
  );
  return (
    <form
      className="form"
      aria-label="Add a route"
      onSubmit={(e) => {
        e.preventDefault();
        void send(addRoutePlan(add), () => setAdd(EMPTY_ADD));
      }}
    >
      {field("target", "wss://desk.tailnet.ts.net or ssh://me@desk")}
      {field("remotePort", "the profile's remote port, else 18789", true)}
      {field("identityFile", "agent and default keys")}
      <div className="actions">
        <button type="submit" disabled={busy || !add.target.trim()}>
          Add route
        </button>
      </div>
    </form>
  );
}

function ReturnCheckForm({ profile, busy, send, invalid }: { profile: ProfileView; busy: boolean; send: Send; invalid: Invalid }) {
  const stored = String(profile.returnCheckS ?? DEFAULT_RETURN_CHECK_S);
  const [check, setCheck] = useState(stored);
  useEffect(() => setCheck(stored), [profile.id, stored]);
  const id = `routes-${profile.id}-returnCheckS`;
  return (
    <form
      className="form"
      aria-label="Return check"
      onSubmit={(e) => {
        e.preventDefault();
        void send(returnCheckPlan(check));
      }}
    >
      <div className="field">
        <label htmlFor={id}>{ROUTE_FIELD_LABEL.returnCheckS}</label>
        <input id={id} data-testid="route-returnCheckS" value={check} inputMode="numeric" autoComplete="off" {...invalid("returnCheckS")} onChange={(e) => setCheck(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy || check.trim() === stored}>
          Save check
        </button>
      </div>
    </form>
  );
}
