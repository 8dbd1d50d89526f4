import { describe, expect, it } from "vitest";
import { senderRefusal, type SenderEvent, type SenderFrame } from "./ipc-sender.js";

const main: SenderFrame = { parent: null, routingId: 1, processId: 7, url: "app://clawlink/index.html" };
const event = (over: { id?: number; frame?: Partial<SenderFrame> | null } = {}): SenderEvent => ({
  sender: { id: over.id ?? 3, mainFrame: { routingId: main.routingId, processId: main.processId } },
  senderFrame: over.frame === null ? null : { ...main, ...over.frame },
});
const trusted = new Set([3]);

describe("IPC sender check", () => {
  it("accepts the main frame of a registered window showing our page", () => {
    expect(senderRefusal(trusted, event())).toBeNull();
    expect(senderRefusal(trusted, event({ frame: { url: "app://clawlink/#/chat" } }))).toBeNull();
  });

  it("refuses a window the shell did not register, before looking at its frame", () => {
    expect(senderRefusal(trusted, event({ id: 4 }))).toBe("not one of Clawlink's windows");
    expect(senderRefusal(new Set(), event({ frame: null }))).toBe("not one of Clawlink's windows");
  });

  it("refuses a frame that is gone", () => {
    expect(senderRefusal(trusted, event({ frame: null }))).toBe("the sending frame is gone");
    expect(senderRefusal(trusted, { ...event(), senderFrame: undefined })).toBe("the sending frame is gone");
  });

  it("refuses any frame but the window's main frame (an iframe, another process, another routing id)", () => {
    expect(senderRefusal(trusted, event({ frame: { parent: {} } }))).toBe("not the window's main frame");
    expect(senderRefusal(trusted, event({ frame: { routingId: 2 } }))).toBe("not the window's main frame");
    expect(senderRefusal(trusted, event({ frame: { processId: 8 } }))).toBe("not the window's main frame");
  });

  it("refuses our own window once it shows anything but app://clawlink", () => {
    for (const url of ["https://example.com/", "file:///index.html", "app://other/index.html", "", "not a url"]) {
      expect(senderRefusal(trusted, event({ frame: { url } }))).toBe("not Clawlink's own page");
    }
  });
});
