import { Namespace } from './pidns';

/** A network interface as `ip link` and `ifconfig` show it. */
export interface NetInterface {
  /** The interface index (`1: lo`). */
  index: number;
  name: string;
  /** The veth peer's index on the other side (`eth0@if7`), for container ends. */
  peer?: number;
  kind: 'loopback' | 'ether' | 'bridge';
  mtu: number;
  mac: string;
  /** IPv4 address and prefix length, if configured. */
  ipv4?: { address: string; prefix: number };
  up: boolean;
  /** Carrier: a bridge without ports has none (`NO-CARRIER`, state DOWN). */
  carrier: boolean;
  rx: { packets: number; bytes: number };
  tx: { packets: number; bytes: number };
}

/** A route of the namespace's main table. */
export interface Route {
  /** `default` or a network in CIDR form. */
  destination: string;
  gateway?: string;
  dev: string;
  /** `kernel` for the route a configured address implies. */
  proto?: 'kernel';
  src?: string;
}

/**
 * A network namespace: its own interfaces and routes (network_namespaces(7)). Every new one has
 * a loopback interface; the runtime and the daemon add the others.
 * @sim partial: no packets flow between namespaces yet; counters move only when a program
 * accounts traffic on them.
 */
export class NetNamespace extends Namespace {
  readonly kind = 'net' as const;
  readonly interfaces: NetInterface[] = [];
  readonly routes: Route[] = [];
  private nextIndex = 1;

  constructor() {
    super();
    this.addInterface({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', ipv4: { address: '127.0.0.1', prefix: 8 } });
  }

  /** Adds an interface (up, with carrier) and the route its address implies; returns it. */
  addInterface(spec: Omit<NetInterface, 'index' | 'up' | 'carrier' | 'rx' | 'tx'> & { up?: boolean; carrier?: boolean; index?: number }): NetInterface {
    const iface: NetInterface = { up: true, carrier: true, rx: { packets: 0, bytes: 0 }, tx: { packets: 0, bytes: 0 }, ...spec, index: spec.index ?? this.nextIndex };
    this.nextIndex = Math.max(this.nextIndex, iface.index) + 1;
    this.interfaces.push(iface);
    if (iface.ipv4 && iface.kind !== 'loopback') this.routes.push({ destination: `${networkOf(iface.ipv4.address, iface.ipv4.prefix)}/${iface.ipv4.prefix}`, dev: iface.name, proto: 'kernel', src: iface.ipv4.address });
    return iface;
  }

  /** Sets the default route. */
  setGateway(gateway: string, dev: string): void {
    this.routes.unshift({ destination: 'default', gateway, dev });
  }

  /** The interface holding `address`, if any. */
  owner(address: string): NetInterface | undefined {
    return this.interfaces.find((i) => i.ipv4?.address === address);
  }
}

/** `a.b.c.d` as a 32-bit number. */
export function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}
/** A 32-bit number as `a.b.c.d`. */
export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
/** The network address of `ip/prefix`. */
export function networkOf(ip: string, prefix: number): string {
  const size = 2 ** (32 - prefix);
  return intToIp(Math.floor(ipToInt(ip) / size) * size);
}
/** The netmask of a prefix length: 16 → 255.255.0.0. */
export function netmask(prefix: number): string {
  return intToIp(2 ** 32 - 2 ** (32 - prefix));
}
/** The broadcast address of `ip/prefix`. */
export function broadcastOf(ip: string, prefix: number): string {
  return intToIp(ipToInt(networkOf(ip, prefix)) + 2 ** (32 - prefix) - 1);
}
