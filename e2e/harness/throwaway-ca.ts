// A throwaway certificate authority made with the real openssl: a CA, leaf certificates it issues for
// a name (a first one and its "renewal": same name, new key), and a self-signed one for the same name.
// A child process trusts the CA through NODE_EXTRA_CA_CERTS, exactly as Node adds it to the system roots.
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface Leaf {
  cert: string;
  key: string;
  /** SHA-256 of the DER certificate, 64 lowercase hex (what pins hold). */
  sha256: string;
}

export class ThrowawayCa {
  readonly caFile: string;
  private n = 0;

  constructor(private readonly dir: string) {
    this.caFile = path.join(dir, "ca.pem");
    this.ssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Clawlink Throwaway CA"]);
  }

  /** A certificate for `name` issued by this CA, with a fresh key (a renewal is just another call). */
  issue(name: string): Leaf {
    const id = `leaf${++this.n}`;
    this.ssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${id}.key`, "-out", `${id}.csr`, "-subj", `/CN=${name}`]);
    fs.writeFileSync(path.join(this.dir, `${id}.ext`), `subjectAltName=DNS:${name}\nbasicConstraints=CA:FALSE\n`);
    this.ssl(["x509", "-req", "-in", `${id}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", `${id}.pem`, "-days", "2", "-extfile", `${id}.ext`]);
    return this.read(id);
  }

  /** A self-signed certificate for `name`: right name, no trusted issuer. */
  selfSigned(name: string): Leaf {
    const id = `self${++this.n}`;
    this.ssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${id}.key`, "-out", `${id}.pem`, "-days", "2", "-subj", `/CN=${name}`, "-addext", `subjectAltName=DNS:${name}`]);
    return this.read(id);
  }

  private read(id: string): Leaf {
    const cert = fs.readFileSync(path.join(this.dir, `${id}.pem`), "utf8");
    return { cert, key: fs.readFileSync(path.join(this.dir, `${id}.key`), "utf8"), sha256: new X509Certificate(cert).fingerprint256.replace(/:/g, "").toLowerCase() };
  }

  private ssl(args: string[]): void {
    execFileSync("openssl", args, { cwd: this.dir, stdio: "ignore" });
  }
}
