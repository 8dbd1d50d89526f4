// ProxyCommand in ~/.ssh/config (issue 12). Clawlink dials SSH itself (ssh2, in process) and never runs
// commands from the config, so a host OpenSSH reaches through a ProxyCommand cannot be reached the same
// way. Before, the line was ignored and Clawlink dialled the host directly, which failed (or reached
// something else) with no word about why. Now it is a needs-attention with the fix: ProxyJump, which
// Clawlink does support (ssh-target.ts resolves the hops, tunnel-supervisor.ts dials them in order,
// e2e/transport-ssh.e2e.test.ts proves it over a real jump sshd). The common `ssh -W %h:%p bastion`
// form is translated into the exact ProxyJump line to write.
import type { Attention } from "../../../src-shared/attention.js";

/**
 * Which of ProxyJump / ProxyCommand OpenSSH uses: "whichever is specified first will prevent later
 * instances of the other from taking effect" (ssh_config(5)). ssh-config's compute() keeps the order in
 * which keys were first obtained, so the earlier key is the one that counts.
 */
export function proxyInEffect(c: Record<string, string | string[]>): "jump" | "command" | "none" {
  const keys = Object.keys(c);
  const jump = keys.indexOf("proxyjump");
  const command = keys.indexOf("proxycommand");
  if (command >= 0 && (jump < 0 || command < jump)) {
    const v = c.proxycommand;
    return (Array.isArray(v) ? v[0] : v)?.trim().toLowerCase() === "none" ? "none" : "command";
  }
  return jump >= 0 ? "jump" : "none";
}

/** The jump host of `ssh [-q] [-x] -W %h:%p [user@]host[:port]` (either order), or null for anything else. */
export function jumpOfProxyCommand(command: string): string | null {
  const words = command.trim().split(/\s+/);
  if (words[0] !== "ssh" && words[0] !== "/usr/bin/ssh") return null;
  const rest = words.slice(1);
  const w = rest.indexOf("-W");
  if (w < 0 || !/^(%h|\[%h\]):%p$/.test(rest[w + 1] ?? "")) return null;
  const others = [...rest.slice(0, w), ...rest.slice(w + 2)].filter((x) => !/^-[qxaTCN46]+$/.test(x));
  if (others.length !== 1 || others[0]!.startsWith("-")) return null;
  return others[0]!;
}

export function proxyCommandAttention(alias: string, command: string): Attention {
  const jump = jumpOfProxyCommand(command);
  const instead = jump
    ? `Replace "ProxyCommand ${command}" with "ProxyJump ${jump}" in the block for ${alias} (same route, and Clawlink supports ProxyJump).`
    : `Use ProxyJump instead (Clawlink supports it): "ProxyJump user@bastion" where a jump host is all the command does. A ProxyCommand that does more (cloudflared, aws ssm, a SOCKS or HTTP proxy) has no ProxyJump form: forward the gateway port yourself (\`ssh -N -L 28789:127.0.0.1:18789 ${alias}\`) and add ws://127.0.0.1:28789 as a gateway.`;
  return {
    reason: "ssh-proxycommand-unsupported",
    message: `${alias} is reached through "ProxyCommand ${command}" in ~/.ssh/config, which Clawlink does not support: it dials SSH itself and never runs commands from the SSH config.`,
    fixHint: `${instead} \`ssh -G ${alias}\` shows what applies.`,
  };
}
