import type { Ctx, ProgramSpec } from './context';
import type { Process } from '../kernel/process';
import type { Cgroup } from '../kernel/cgroup';
import { isSysError } from '../kernel/errors';
import { userName } from './lib/users';

const KINDS = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'user', 'uts'] as const;
type Kind = (typeof KINDS)[number];
const inum = (p: Process, k: Kind): number => (k === 'mnt' ? p.ns.mnt.inum : p.ns[k].inum);

/** lsns (util-linux): each namespace with how many processes are in it and the first of them. */
export const lsns: ProgramSpec = {
  name: 'lsns',
  summary: 'list namespaces',
  usage: 'lsns [-t type]',
  async run(ctx: Ctx) {
    const t = ctx.args.indexOf('-t');
    const only = t >= 0 ? ctx.args[t + 1] : undefined;
    if (only && !(KINDS as readonly string[]).includes(only)) {
      await ctx.err(`lsns: unknown namespace type: ${only}\n`);
      return 1;
    }
    const me = ctx.proc.cred.uid;
    const live = [...ctx.kernel.procs.values()].filter((p) => !p.ended && (me === 0 || p.cred.uid === me)).sort((a, b) => a.pid - b.pid);
    const seen = new Map<string, { ns: number; type: Kind; procs: Process[] }>();
    for (const p of live) {
      for (const k of KINDS) {
        if (only && k !== only) continue;
        const key = `${k}:${inum(p, k)}`;
        const e = seen.get(key) ?? { ns: inum(p, k), type: k, procs: [] };
        e.procs.push(p);
        seen.set(key, e);
      }
    }
    const rows = [...seen.values()].sort((a, b) => a.ns - b.ns);
    let out = `        NS TYPE   NPROCS   PID USER     COMMAND\n`;
    for (const r of rows) {
      const first = r.procs[0];
      out += `${String(r.ns).padStart(10)} ${r.type.padEnd(6)} ${String(r.procs.length).padStart(6)} ${String(first.pid).padStart(5)} ${userName(ctx, first.cred.uid).padEnd(8)} ${first.argv.join(' ')}\n`;
    }
    await ctx.out(out);
    return 0;
  },
};

/**
 * nsenter -t PID [-u] [-p] [-m] [-n] [-i] [-a] [COMMAND...]: runs a command (the shell by default)
 * in another process's namespaces, as root only.
 */
export const nsenter: ProgramSpec = {
  name: 'nsenter',
  summary: 'run program in different namespaces',
  usage: 'nsenter [options] [<program> [<argument>...]]',
  async run(ctx: Ctx) {
    let target: number | undefined;
    const want = new Set<Kind>();
    let i = 0;
    for (; i < ctx.args.length; i++) {
      const a = ctx.args[i];
      if (a === '-t' || a === '--target') target = Number(ctx.args[++i]);
      else if (a === '-a' || a === '--all') for (const k of KINDS) want.add(k);
      else if (/^-[upmnic]+$/.test(a)) for (const c of a.slice(1)) want.add(({ u: 'uts', p: 'pid', m: 'mnt', n: 'net', i: 'ipc', c: 'cgroup' } as const)[c as 'u']);
      else if (a === '--') {
        i++;
        break;
      } else if (a.startsWith('-')) {
        await ctx.err(`nsenter: unrecognized option '${a}'\nTry 'nsenter --help' for more information.\n`);
        return 1;
      } else break;
    }
    if (target === undefined) {
      await ctx.err('nsenter: neither filename nor target pid supplied for ns/' + (want.values().next().value ?? 'mnt') + '\n');
      return 1;
    }
    const proc = ctx.proc.ns.pid.byPid.get(target);
    if (!proc || proc.ended) {
      await ctx.err(`nsenter: cannot open /proc/${target}/ns/${want.values().next().value ?? 'mnt'}: No such file or directory\n`);
      return 1;
    }
    if (ctx.proc.cred.uid !== 0) {
      await ctx.err(`nsenter: reassociate to namespace 'ns/${want.values().next().value ?? 'mnt'}' failed: Operation not permitted\n`);
      return 1;
    }
    const argv = ctx.args.slice(i).length ? ctx.args.slice(i) : [ctx.env.SHELL ?? '/bin/sh'];
    const ns = { ...ctx.proc.ns };
    for (const k of want) (ns as Record<string, unknown>)[k] = k === 'mnt' ? proc.ns.mnt : proc.ns[k];
    let child: Process;
    try {
      child = ctx.kernel.spawn({ parent: ctx.proc, argv, path: argv[0].includes('/') ? argv[0] : resolve(ctx, ns.mnt, argv[0]), ns, cwd: want.has('mnt') ? '/' : ctx.cwd, env: ctx.env });
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.err(`nsenter: failed to execute ${argv[0]}: ${e.message}\n`);
      return e.code === 'ENOENT' ? 127 : 126;
    }
    const r = await ctx.wait(child);
    return r?.kind === 'exited' ? (r.status.signal !== undefined ? 128 + r.status.signal : (r.status.code ?? 0)) : 0;
  },
};

function resolve(ctx: Ctx, mnt: Ctx['fs'], name: string): string {
  for (const dir of (ctx.env.PATH ?? '/usr/bin:/bin').split(':')) {
    const p = `${dir}/${name}`;
    if (mnt.exists(ctx.proc, p)) return p;
  }
  return name;
}

/** systemd-cgls: the cgroup tree with the processes in each group. */
export const systemdCgls: ProgramSpec = {
  name: 'systemd-cgls',
  summary: 'recursively show control group contents',
  usage: 'systemd-cgls [CGROUP...]',
  async run(ctx: Ctx) {
    const lines: string[] = ['Control group /:', '-.slice'];
    const walk = (g: Cgroup, prefix: string) => {
      const procs = [...g.procs].filter((p) => !p.ended).sort((a, b) => a.pid - b.pid);
      const kids = [...g.children.values()].sort((a, b) => a.name.localeCompare(b.name));
      const items: ({ kind: 'g'; g: Cgroup } | { kind: 'p'; p: Process })[] = [...kids.map((k) => ({ kind: 'g' as const, g: k })), ...procs.map((p) => ({ kind: 'p' as const, p }))];
      items.forEach((it, i) => {
        const last = i === items.length - 1;
        if (it.kind === 'g') {
          lines.push(`${prefix}${last ? '└─' : '├─'}${it.g.name}`);
          walk(it.g, prefix + (last ? '  ' : '│ '));
        } else lines.push(`${prefix}${last ? '└─' : '├─'}${it.p.pid} ${it.p.argv.join(' ')}`);
      });
    };
    walk(ctx.kernel.rootCgroup, '');
    await ctx.out(lines.join('\n') + '\n');
    return 0;
  },
};
