import type { Ctx, ProgramSpec } from '../context';
import { broadcastOf, netmask, type NetInterface } from '../../kernel/netns';

/** net-tools' byte counts: `656 (656.0 B)`, `1234567 (1.2 MB)`. */
function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${n} (${v.toFixed(1)} ${units[i]})`;
}

function flags(i: NetInterface): string {
  const names: [number, string, boolean][] = [
    [1, 'UP', i.up], [2, 'BROADCAST', i.kind !== 'loopback'], [8, 'LOOPBACK', i.kind === 'loopback'],
    [64, 'RUNNING', i.up && i.carrier], [4096, 'MULTICAST', i.kind !== 'loopback'],
  ];
  const on = names.filter(([, , b]) => b);
  return `flags=${on.reduce((n, [v]) => n + v, 0)}<${on.map(([, s]) => s).join(',')}>`;
}

/** One interface as net-tools 2.10's ifconfig prints it. */
export function ifconfigBlock(i: NetInterface): string {
  let out = `${i.name}: ${flags(i)}  mtu ${i.mtu}\n`;
  if (i.ipv4) {
    out += `        inet ${i.ipv4.address}  netmask ${netmask(i.ipv4.prefix)}`;
    out += i.kind === 'loopback' ? '\n' : `  broadcast ${broadcastOf(i.ipv4.address, i.ipv4.prefix)}\n`;
  }
  out += i.kind === 'loopback' ? '        loop  txqueuelen 1000  (Local Loopback)\n' : `        ether ${i.mac}  txqueuelen ${i.kind === 'bridge' || i.peer ? 0 : 1000}  (Ethernet)\n`;
  out += `        RX packets ${i.rx.packets}  bytes ${bytes(i.rx.bytes)}\n        RX errors 0  dropped 0  overruns 0  frame 0\n`;
  out += `        TX packets ${i.tx.packets}  bytes ${bytes(i.tx.bytes)}\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n`;
  return out;
}

/**
 * ifconfig (net-tools): the network namespace's interfaces, from the kernel's model.
 * @sim partial: shows interfaces only; configuring them (`ifconfig eth0 up`, addresses) is not modelled.
 */
export const ifconfig: ProgramSpec = {
  name: 'ifconfig',
  summary: 'configure a network interface',
  usage: 'ifconfig [-a] [interface]',
  dir: '/usr/sbin',
  onHost: false,
  async run(ctx: Ctx) {
    const all = ctx.args.includes('-a');
    const name = ctx.args.find((a) => !a.startsWith('-'));
    const list = [...ctx.proc.ns.net.interfaces].sort((a, b) => a.name.localeCompare(b.name));
    if (name) {
      const i = list.find((x) => x.name === name);
      if (!i) {
        await ctx.err(`${name}: error fetching interface information: Device not found\n`);
        return 1;
      }
      if (ctx.args.length > 1 + (all ? 1 : 0)) {
        await ctx.err('SIOCSIFFLAGS: Operation not permitted\n');
        return 1;
      }
      await ctx.out(ifconfigBlock(i));
      return 0;
    }
    await ctx.out(list.filter((i) => all || i.up).map(ifconfigBlock).join(''));
    return 0;
  },
};
