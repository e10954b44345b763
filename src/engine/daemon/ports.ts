import type { Daemon } from './daemon';
import type { Container } from './containers';
import { ApiError } from './api';
import { isSysError } from '../kernel/errors';

/** One published port: `hostIp:hostPort` on the host forwards to `containerPort/proto`. */
export interface PortBinding {
  hostIp: string;
  /** Asked for; empty means "any free port" (from 32768 up, as Docker's allocator does). */
  hostPort: string;
  containerPort: number;
  proto: string;
}

/** The first port Docker hands out for `-p CONTAINERPORT` without a host port. */
const EPHEMERAL_FIRST = 32768;

/** HostConfig.PortBindings (`{"5000/tcp": [{HostIp, HostPort}]}`) as a list. */
export function parsePortBindings(raw: Record<string, { HostIp?: string; HostPort?: string }[] | null> | undefined): PortBinding[] {
  const out: PortBinding[] = [];
  for (const [key, list] of Object.entries(raw ?? {})) {
    const [port, proto = 'tcp'] = key.split('/');
    const containerPort = Number(port);
    if (!Number.isInteger(containerPort) || containerPort < 1 || containerPort > 65535) throw new ApiError(400, `invalid port specification: "${key}"`);
    for (const b of list ?? [{}]) out.push({ hostIp: b.HostIp ?? '', hostPort: b.HostPort ?? '', containerPort, proto });
  }
  return out;
}

/**
 * Publishes a starting container's ports: for each binding the daemon listens on the host's port
 * (as docker-proxy does) and forwards every connection into the container's network namespace.
 * A port another container holds fails the start with Docker's message.
 * @sim partial: the daemon itself forwards (no docker-proxy process, no iptables DNAT rules).
 */
export function publishPorts(d: Daemon, c: Container): void {
  const hostNet = d.kernel.hostNamespaces().net;
  const release: (() => void)[] = [];
  c.publishedPorts = [];
  try {
    for (const b of c.portBindings) {
      let port = Number(b.hostPort);
      if (!b.hostPort) {
        port = EPHEMERAL_FIRST;
        while (d.kernel.tcp.listeners(hostNet).some((l) => l.port === port)) port++;
      }
      try {
        release.push(d.kernel.tcp.listen(hostNet, {
          owner: d.process!,
          port,
          program: 'docker-proxy',
          accept: (client) => {
            if (!c.proc || c.proc.ended) throw new ApiError(500, 'connection reset by peer');
            return d.kernel.tcp.connect(c.proc.ns.net, b.containerPort, client);
          },
        }));
      } catch (e) {
        if (isSysError(e, 'EADDRINUSE')) throw new ApiError(500, `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${d.kernel.random.hex(64)}): Bind for ${b.hostIp || '0.0.0.0'}:${port} failed: port is already allocated`);
        throw e;
      }
      c.publishedPorts.push({ ...b, hostPort: String(port) });
    }
  } catch (e) {
    for (const r of release) r();
    c.publishedPorts = [];
    throw e;
  }
  c.releasePorts = () => {
    for (const r of release) r();
    c.publishedPorts = [];
  };
}

/** The Ports of GET /containers/json: published ports (IPv4 and IPv6), then exposed-only ones. */
export function portSummary(c: Container, exposed: string[]): { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[] {
  const out: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[] = [];
  const running = c.state === 'running';
  for (const p of running ? c.publishedPorts : []) {
    out.push({ IP: p.hostIp || '0.0.0.0', PrivatePort: p.containerPort, PublicPort: Number(p.hostPort), Type: p.proto });
    if (!p.hostIp) out.push({ IP: '::', PrivatePort: p.containerPort, PublicPort: Number(p.hostPort), Type: p.proto });
  }
  for (const e of exposed) {
    const [port, proto = 'tcp'] = e.split('/');
    if (!out.some((o) => o.PrivatePort === Number(port) && o.Type === proto)) out.push({ PrivatePort: Number(port), Type: proto });
  }
  return out;
}
