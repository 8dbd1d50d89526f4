// The one MIME table and containment rule both renderer servers (app:// and the web host) use.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileUnder, mimeFor } from "./renderer-files.js";

const root = path.resolve("/srv/out/renderer");

describe("renderer files", () => {
  it("types files by extension, in any case; unknown ones are octet-stream", () => {
    expect(mimeFor("index.html")).toBe("text/html; charset=utf-8");
    expect(mimeFor("a/b.JS")).toBe("text/javascript; charset=utf-8");
    expect(mimeFor("x.woff2")).toBe("font/woff2");
    expect(mimeFor("x.bin")).toBe("application/octet-stream");
    expect(mimeFor("Makefile")).toBe("application/octet-stream");
  });

  it.each([
    ["/index.html", "index.html"],
    ["/assets/a b.js", "assets/a b.js"],
    ["assets/x.css", "assets/x.css"],
    ["/assets/../index.html", "index.html"],
  ])("%s stays under the folder as %s", (rel, inside) => {
    expect(fileUnder(root, rel)).toBe(path.join(root, inside));
  });

  it.each(["/", "/.", "/assets/../..", "/../../etc/passwd", "/a\0b", "/a\\..\\..\\x", "\\evil"])("refuses %j", (rel) => {
    expect(fileUnder(root, rel)).toBeNull();
  });

  it("never returns a sibling folder that shares the root's name as a prefix", () => {
    expect(fileUnder(root, "/../renderer-evil/x.js")).toBeNull();
  });
});
