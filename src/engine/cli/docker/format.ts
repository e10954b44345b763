export { humanDuration, humanSize } from '../../daemon/units';

/** Indents JSON with four spaces, as `docker inspect` does. */
export function inspectJson(value: unknown): string {
  return JSON.stringify(value, null, 4) + '\n';
}

/** docker ps's PORTS column: `0.0.0.0:5000->5000/tcp, [::]:5000->5000/tcp, 80/tcp`. */
export function formatPorts(ports: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[]): string {
  return ports.map((p) => (p.PublicPort ? `${p.IP!.includes(':') ? `[${p.IP}]` : p.IP}:${p.PublicPort}->${p.PrivatePort}/${p.Type}` : `${p.PrivatePort}/${p.Type}`)).join(', ');
}
