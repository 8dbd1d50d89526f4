// Secrets never reach a log line: every line and field passes through one redactor that knows the live
// secret values (registered by whoever holds them) and also masks anything shaped like a credential
// (PEM private keys, token/password fields, #token= fragments) even if nobody registered it.
const MASK = "‹redacted›";

const SHAPES: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /("?(?:token|deviceToken|password|passphrase|privateKey|privateKeyPem|secret|bootstrapToken)"?\s*[:=]\s*)"[^"]*"/gi,
  /([#?&](?:token|password)=)[^&\s#"]+/gi,
];

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Registers a live secret value; values shorter than 6 characters are too generic to mask safely. */
  add(secret: string | null | undefined): void {
    if (secret && secret.length >= 6) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(MASK);
    out = out.replace(SHAPES[0]!, MASK);
    out = out.replace(SHAPES[1]!, (_m, key: string) => `${key}"${MASK}"`);
    out = out.replace(SHAPES[2]!, (_m, key: string) => `${key}${MASK}`);
    return out;
  }
}
