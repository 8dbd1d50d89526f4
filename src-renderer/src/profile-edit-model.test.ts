import { describe, expect, it } from "vitest";
import type { ProfileView } from "../../src-shared/host-api";
import { editPatch, initialTexts, savedMessage } from "./profile-edit-model";

const ssh: ProfileView = {
  id: "home", name: "Home", kind: "ssh", connectAtStart: true, authMode: "token", importedFrom: null,
  ssh: { target: "me@box:2222", identityFile: null, remotePort: 18789, localPort: null }, direct: null, local: null,
  stored: { token: true, password: false }, credential: { token: "keychain", password: null, missing: null },
  editable: { name: "Home", host: "box", port: 2222, user: "me", identityFile: null, remotePort: 18789, localPort: null },
};

describe("the edit form's patch", () => {
  const start = initialTexts(ssh);
  it("starts from the profile's values, an unset one as empty text", () => {
    expect(start).toEqual({ name: "Home", host: "box", port: "2222", user: "me", identityFile: "", remotePort: "18789", localPort: "" });
  });
  it("sends only the fields whose text changed", () => {
    expect(editPatch("ssh", start, { ...start, remotePort: "18790" })).toEqual({ ok: true, patch: { remotePort: 18790 } });
  });
  it("sends an emptied optional field as null (back to the default)", () => {
    expect(editPatch("ssh", start, { ...start, user: "  " })).toEqual({ ok: true, patch: { user: null } });
  });
  it("refuses an emptied required field naming it", () => {
    expect(editPatch("ssh", start, { ...start, host: "" })).toEqual({ ok: false, field: "host", message: "Host: must not be empty (nothing was changed)" });
  });
  it("refuses a port that is not a whole number naming it by its label", () => {
    const r = editPatch("ssh", start, { ...start, port: "22a" });
    expect(r.ok ? null : r.message).toBe('Port: "22a" is not a whole number (nothing was changed)');
  });
  it("leaves range checks to the host (70000 is sent as typed)", () => {
    expect(editPatch("ssh", start, { ...start, remotePort: "70000" })).toEqual({ ok: true, patch: { remotePort: 70000 } });
  });
  it("never shows a stored pin and sends none when its field stays empty", () => {
    const direct: ProfileView = { ...ssh, kind: "direct", ssh: null, direct: { url: "wss://gw/", tlsPinned: true }, editable: { name: "Gw", url: "wss://gw/" } };
    const s = initialTexts(direct);
    expect({ pin: s.tlsFingerprint, plan: editPatch("direct", s, { ...s }) }).toEqual({ pin: "", plan: { ok: true, patch: {} } });
  });
});

describe("what a save says", () => {
  it("names the change and that only this gateway reconnects", () => {
    expect(savedMessage("Home", { changes: [{ field: "remotePort", from: 18789, to: 18790 }], reconnected: true, connectionChanged: true })).toBe(
      "Saved Home: Remote gateway port 18789 → 18790. Reconnecting Home to use it; other gateways are not affected.",
    );
  });
  it("says when nothing changed", () => {
    expect(savedMessage("Home", { changes: [], reconnected: false, connectionChanged: false })).toMatch(/nothing changed/);
  });
});
