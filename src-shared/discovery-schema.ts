// The runtime schema of what discovery hands the UI (discovery.ts), which the host API validates every
// payload against; it fails to compile when the plain types drift. Apart from host-api.ts so the contract
// file stays about methods and events (the same split as connection-schema.ts).
import { z } from "zod";
import type { DiscoveredGateway, DiscoveryView } from "./discovery.js";

const TxtSchema = z.object({
  role: z.string().optional(),
  transport: z.string().optional(),
  displayName: z.string().optional(),
  lanHost: z.string().optional(),
  gatewayPort: z.number().optional(),
  gatewayTls: z.boolean().optional(),
  gatewayTlsSha256: z.string().optional(),
  gatewayDirectReachable: z.boolean().optional(),
  tailnetDns: z.string().optional(),
  sshPort: z.number().optional(),
  cliPath: z.string().optional(),
  other: z.record(z.string(), z.string()).optional(),
});

const SuggestedSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("direct"), target: z.string(), why: z.string() }),
  z.object({ kind: z.literal("ssh"), target: z.string(), remotePort: z.number(), why: z.string() }),
]);

export const DiscoveredGatewaySchema = z.object({
  id: z.string(),
  source: z.enum(["mdns", "wide-area", "tailscale"]),
  domain: z.string().max(253).optional(),
  name: z.string(),
  instance: z.string(),
  host: z.string(),
  port: z.number(),
  addresses: z.array(z.string()),
  tls: z.boolean(),
  txt: TxtSchema,
  suggested: SuggestedSchema,
  lastSeen: z.number(),
});

export const DiscoveryViewSchema = z.object({
  gateways: z.array(DiscoveredGatewaySchema).max(800),
  leftOut: z.number(),
  mdnsError: z.string().nullable(),
  wideArea: z.object({ domains: z.array(z.string().max(253)).max(8), errors: z.array(z.string().max(400)).max(64) }).optional(),
  tailscale: z.object({ state: z.enum(["found", "not-found", "unavailable"]), message: z.string().nullable() }),
});

// Compile-time checks that the schemas and the plain types agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const gatewayAgrees: Same<z.infer<typeof DiscoveredGatewaySchema>, DiscoveredGateway> = true;
const viewAgrees: Same<z.infer<typeof DiscoveryViewSchema>, DiscoveryView> = true;
void gatewayAgrees;
void viewAgrees;
