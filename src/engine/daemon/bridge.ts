import type { Daemon } from './daemon';
import type { Container } from './containers';
import { intToIp, ipToInt, NetNamespace } from '../kernel/netns';

/** Docker's default bridge network: docker0 on the host, 172.17.0.0/16, gateway .1. */
const SUBNET = '172.17.0.0';
const GATEWAY = '172.17.0.1';

/**
 * Connects a starting container to the default bridge: a new network namespace whose eth0 gets
 * the lowest free address of 172.17.0.0/16 (IPAM) and a MAC derived from it (02:42 + the
 * address), a default route through docker0, and the host end of the veth pair on the host.
 * @sim partial: no packets cross the bridge yet (the network comes with its own issue).
 */
export function attachToBridge(d: Daemon, c: Container): NetNamespace {
  const used = new Set([...d.containers.values()].map((x) => x.ip).filter(Boolean));
  let n = ipToInt(SUBNET) + 2;
  while (used.has(intToIp(n))) n++;
  const ip = intToIp(n);
  const host = d.kernel.hostNamespaces().net;
  const hostIndex = Math.max(...host.interfaces.map((i) => i.index)) + 1;
  const ns = new NetNamespace();
  const mac = `02:42:${ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0')).join(':')}`;
  const eth0 = ns.addInterface({ name: 'eth0', kind: 'ether', mtu: 1500, mac, ipv4: { address: ip, prefix: 16 }, peer: hostIndex, index: 2 });
  ns.setGateway(GATEWAY, 'eth0');
  c.ip = ip;
  c.veth = `veth${d.kernel.random.hex(7)}`;
  host.addInterface({ name: c.veth, kind: 'ether', mtu: 1500, mac: `${d.kernel.random.hex(2)}:${d.kernel.random.hex(2)}:${d.kernel.random.hex(2)}:${d.kernel.random.hex(2)}:${d.kernel.random.hex(2)}:${d.kernel.random.hex(2)}`.replace(/^./, '7'), peer: eth0.index, index: hostIndex });
  const bridge = host.interfaces.find((i) => i.name === 'docker0');
  if (bridge) bridge.carrier = true;
  return ns;
}

/** Takes a stopped container off the bridge: its address goes back to the pool. */
export function detachFromBridge(d: Daemon, c: Container): void {
  const host = d.kernel.hostNamespaces().net;
  const i = host.interfaces.findIndex((x) => x.name === c.veth);
  if (i >= 0) host.interfaces.splice(i, 1);
  c.ip = undefined;
  c.veth = undefined;
  const bridge = host.interfaces.find((x) => x.name === 'docker0');
  if (bridge) bridge.carrier = host.interfaces.some((x) => x.name.startsWith('veth'));
}
