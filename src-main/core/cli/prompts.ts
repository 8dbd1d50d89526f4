// The CLI's answers to questions only a person can answer (an unknown SSH host key, an unpinned TLS
// certificate, a key passphrase), as the `Prompts` object the connection supervisor takes.
//  - `--batch`, or stdin/stderr not a terminal: never ask. An unknown host key or an unpinned certificate
//    that the system does not trust is a failure. (A certificate that passes normal system trust is
//    accepted by the core itself, without a prompt, as a browser would: tls-pin.ts.)
//  - `--trust-host-key`: accept an unknown host key without asking and print its fingerprint (stderr), so
//    the log of a script shows what was trusted. A *changed* or revoked key is never accepted this way.
//  - otherwise ask on stderr and read the answer from the terminal: y/N (anything but "y"/"yes" is no).
import readline from "node:readline";
import { Writable } from "node:stream";
import type { Prompts } from "../orchestrator/connection-spec.js";
import type { PassphraseAnswer, PassphraseRequest } from "../transport/ssh-auth.js";
import type { TlsTrustPrompt } from "../transport/tls-pin.js";
import type { HostKeyPrompt } from "../transport/tunnel-supervisor.js";
import { has, type ParsedArgs } from "./args.js";
import type { CliIO } from "./context.js";

/** A terminal to ask on. `hidden` reads without echo (passphrases). */
export interface Terminal {
  ask(question: string, opts?: { hidden?: boolean }): Promise<string>;
}

/** The process's terminal, or null when stdin or stderr is not one (pipes, CI, services). */
export function processTerminal(): Terminal | null {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  return {
    ask: (question, opts) =>
      new Promise<string>((resolve) => {
        let muted = false;
        // Echo goes to stderr (stdout stays for results); when hidden, typed characters are swallowed.
        const out = new Writable({
          write(chunk: Buffer, _enc, cb) {
            if (!muted) process.stderr.write(chunk);
            cb();
          },
        });
        const rl = readline.createInterface({ input: process.stdin, output: out, terminal: true });
        rl.question(question, (answer) => {
          rl.close();
          if (opts?.hidden) process.stderr.write("\n");
          resolve(answer);
        });
        muted = Boolean(opts?.hidden);
      }),
  };
}

const yes = (answer: string): boolean => /^\s*y(es)?\s*$/i.test(answer);

/**
 * The prompts for one CLI command. `terminal` defaults to the process's own (null when not a TTY);
 * tests pass a scripted one.
 */
export function cliPrompts(args: ParsedArgs, io: CliIO, terminal: Terminal | null = processTerminal()): Prompts {
  const batch = has(args, "batch");
  const trustHostKey = has(args, "trust-host-key");
  const tty = batch ? null : terminal;
  const prompts: Prompts = {};

  if (trustHostKey) {
    prompts.confirmHostKey = async (p: HostKeyPrompt) => {
      io.stderr(`clawlink: trusting the host key of ${p.host} (${p.hop}): ${p.keyType} ${p.fingerprint} (--trust-host-key); saved to Clawlink's known_hosts`);
      return true;
    };
  } else if (tty) {
    prompts.confirmHostKey = async (p: HostKeyPrompt) => {
      io.stderr(`The authenticity of host ${p.host}${p.hop !== p.host ? ` (${p.hop})` : ""} can't be established.`);
      io.stderr(`${p.keyType} key fingerprint is ${p.fingerprint}.`);
      return yes(await tty.ask("Trust this host key and continue? [y/N] "));
    };
  }

  if (tty) {
    prompts.confirmTls = async (p: TlsTrustPrompt) => {
      io.stderr(`${p.authority} presents a TLS certificate that is not pinned yet${p.systemTrusted ? "" : ` and ${p.trustProblem ?? "is not trusted by the system"}`}.`);
      io.stderr(`  subject ${p.subject}; issuer ${p.issuer}; valid to ${p.validTo}`);
      io.stderr(`  fingerprint ${p.fingerprintDisplay}`);
      return yes(await tty.ask("Pin this certificate and continue? [y/N] "));
    };
    prompts.askPassphrase = async (req: PassphraseRequest): Promise<PassphraseAnswer | null> => {
      const pass = await tty.ask(`${req.attempt > 1 ? "Wrong passphrase. " : ""}Passphrase for ${req.keyFile} (empty to skip): `, { hidden: true });
      if (!pass) return null;
      return { passphrase: pass, remember: false };
    };
  }
  // No person to ask: no TLS prompt at all, so an untrusted certificate ends as tls-untrusted with its
  // fingerprint and the --tls-fingerprint hint (the core never asks about one the system trusts).
  return prompts;
}
