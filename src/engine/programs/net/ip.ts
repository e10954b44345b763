import type { Ctx, ProgramSpec } from '../context';
import { broadcastOf, type NetInterface } from '../../kernel/netns';

function linkFlags(i: NetInterface): string {
  const f = i.kind === 'loopback' ? ['LOOPBACK'] : ['BROADCAST', 'MULTICAST'];
  if (i.up) f.push('UP');
  if (i.up && i.carrier) f.push('LOWER_UP');
  else if (i.up) f.unshift('NO-CARRIER');
  return `<${f.join(',')}>`;
}

function state(i: NetInterface): string {
  if (i.kind === 'loopback') return 'UNKNOWN';
  return i.up && i.carrier ? 'UP' : 'DOWN';
}

function linkLines(i: NetInterface): string {
  const name = i.peer ? `${i.name}@if${i.peer}` : i.name;
  const head = `${i.index}: ${name}: ${linkFlags(i)} mtu ${i.mtu} qdisc noqueue state ${state(i)} group default${i.kind === 'loopback' ? ' qlen 1000' : ' '}\n`;
  const link = i.kind === 'loopback' ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' : `    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff${i.peer ? ' link-netnsid 0' : ''}\n`;
  return head + link;
}

function addrLines(i: NetInterface): string {
  if (!i.ipv4) return '';
  const { address, prefix } = i.ipv4;
  const scope = i.kind === 'loopback' ? 'host' : 'global';
  return `    inet ${address}/${prefix}${i.kind === 'loopback' ? '' : ` brd ${broadcastOf(address, prefix)}`} scope ${scope} ${i.name}\n       valid_lft forever preferred_lft forever\n`;
}

const USAGE = 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | link | route | neigh | netns }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -br[ief] | -4 | -6 }\n';

/**
 * ip (iproute2): `ip addr`, `ip link`, `ip route` and `-br` forms, from the kernel's model of the
 * process's network namespace.
 * @sim partial: shows state only; changing it (`ip link set`, `ip addr add`) is not modelled.
 */
export const ip: ProgramSpec = {
  name: 'ip',
  summary: 'show / manipulate routing, network devices, interfaces and tunnels',
  usage: 'ip [ OPTIONS ] OBJECT { COMMAND | help }',
  onHost: true,
  async run(ctx: Ctx) {
    const args = ctx.args.filter((a) => !['-4', '-s', '-statistics'].includes(a));
    const brief = args.includes('-br') || args.includes('-brief');
    const rest = args.filter((a) => a !== '-br' && a !== '-brief');
    if (rest[0] === '-V' || rest[0] === '-Version') {
      await ctx.out('ip utility, iproute2-6.1.0, libbpf 1.1.0\n');
      return 0;
    }
    const obj = rest[0] ?? '';
    const net = ctx.proc.ns.net;
    const ifs = [...net.interfaces].sort((a, b) => a.index - b.index);
    const is = (full: string, min: number) => obj.length >= min && full.startsWith(obj);
    const sub = rest[1] ?? 'show';
    if (!obj) {
      await ctx.err(USAGE);
      return 1;
    }
    if (is('address', 1) || is('link', 1)) {
      if (!['show', 'list', 'ls', 'sh', 's', 'l'].includes(sub) && rest[1] !== 'dev') {
        await ctx.err(sub === 'add' || sub === 'set' || sub === 'del' ? 'RTNETLINK answers: Operation not permitted\n' : `Command "${sub}" is unknown, try "ip ${obj} help".\n`);
        return sub === 'add' || sub === 'set' || sub === 'del' ? 2 : 255;
      }
      const devName = rest.includes('dev') ? rest[rest.indexOf('dev') + 1] : rest[2];
      const shown = devName ? ifs.filter((i) => i.name === devName) : ifs;
      if (devName && !shown.length) {
        await ctx.err(`Device "${devName}" does not exist.\n`);
        return 1;
      }
      const addr = is('address', 1);
      if (brief) {
        await ctx.out(shown.map((i) => {
          const name = (i.peer ? `${i.name}@if${i.peer}` : i.name).padEnd(16);
          return addr ? `${name} ${state(i).padEnd(14)} ${i.ipv4 ? `${i.ipv4.address}/${i.ipv4.prefix} ` : ''}\n` : `${name} ${state(i).padEnd(14)} ${i.mac.padEnd(17)} ${linkFlags(i)} \n`;
        }).join(''));
        return 0;
      }
      await ctx.out(shown.map((i) => linkLines(i) + (addr ? addrLines(i) : '')).join(''));
      return 0;
    }
    if (is('route', 1)) {
      await ctx.out(net.routes.map((r) => r.destination === 'default'
        ? `default via ${r.gateway} dev ${r.dev} \n`
        : `${r.destination} dev ${r.dev} proto kernel scope link src ${r.src} ${ifs.find((i) => i.name === r.dev)?.carrier === false ? 'linkdown ' : ''}\n`).join(''));
      return 0;
    }
    if (obj === 'help') {
      await ctx.err(USAGE);
      return 255;
    }
    await ctx.err(`Object "${obj}" is unknown, try "ip help".\n`);
    return 1;
  },
};
