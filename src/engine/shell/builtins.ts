import type { Shell } from './interp';
import { ShellExit } from './interp';
import { echoText } from '../programs/echo';
import { parseSignal, signalName, SIG } from '../kernel/signals';
import { isSysError } from '../kernel/errors';
import { resolvePath } from '../vfs/path';
import { evaluateArith, ArithError } from './arith';
import { testEnvOf, testStatus } from '../programs/test';
import { printfFormat } from '../programs/printf';

/** A builtin command: runs inside the shell process and returns a status. */
export type Builtin = (sh: Shell, args: string[]) => Promise<number>;

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

async function fail(sh: Shell, msg: string, status = 1): Promise<number> {
  await sh.error(msg);
  return status;
}

/** test / [ as a builtin: the same evaluation as /usr/bin/test, with bash's messages. */
async function testBuiltin(sh: Shell, args: string[], bracket: boolean): Promise<number> {
  const name = bracket ? '[' : 'test';
  if (bracket) {
    if (args.at(-1) !== ']') return fail(sh, "[: missing `]'", 2);
    args = args.slice(0, -1);
  }
  const r = testStatus(args, testEnvOf(sh.ctx), 'bash');
  if (r.message) await sh.error(`${name}: ${r.message}`);
  return r.status;
}

const HELP_TOPICS: Record<string, string> = {
  cd: 'cd [-L|[-P [-e]] [-@]] [dir]', echo: 'echo [-neE] [arg ...]', exit: 'exit [n]', export: 'export [-fn] [name[=value] ...] or export -p',
  jobs: 'jobs [-lnprs] [jobspec ...] or jobs -x command [args]', kill: 'kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]',
  fg: 'fg [job_spec]', bg: 'bg [job_spec ...]', wait: 'wait [-fn] [-p var] [id ...]', trap: 'trap [-lp] [[arg] signal_spec ...]',
  read: 'read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]',
  history: 'history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]', pwd: 'pwd [-LP]', type: 'type [-afptP] name [name ...]',
  set: 'set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]', unset: 'unset [-f] [-v] [-n] [name ...]', alias: 'alias [-p] [name[=value] ... ]',
  source: 'source filename [arguments]', test: 'test [expr]', help: 'help [-dms] [pattern ...]', umask: 'umask [-p] [-S] [mode]',
};

/** Every builtin, by name. */
export const BUILTINS: Record<string, Builtin> = {
  ':': async () => 0,
  true: async () => 0,
  false: async () => 1,
  echo: async (sh, args) => {
    await sh.ctx.out(echoText(args)).catch((e) => {
      if (!isSysError(e)) throw e;
    });
    return 0;
  },
  printf: async (sh, args) => {
    if (args.length === 0) return fail(sh, 'printf: usage: printf [-v var] format [arguments]', 2);
    let target: string | undefined;
    if (args[0] === '-v') {
      target = args[1];
      args = args.slice(2);
    }
    const r = printfFormat(args[0], args.slice(1));
    for (const e of r.errors) await sh.error(`printf: ${e}: invalid number`);
    if (r.fatal) {
      // bash names the bad conversion character, before the output it buffered so far.
      const spec = r.fatal.slice(0, r.fatal.indexOf(': invalid conversion specification'));
      await sh.error(`printf: \`${spec.slice(-1)}': invalid format character`);
    }
    if (target) sh.setVar(target, r.text);
    else await sh.ctx.out(r.text);
    return r.errors.length || r.fatal ? 1 : 0;
  },
  pwd: async (sh, args) => {
    const physical = args.includes('-P');
    await sh.ctx.out((physical ? sh.ctx.fs.realpath(sh.proc, sh.proc.cwd) : sh.getVar('PWD') ?? sh.proc.cwd) + '\n');
    return 0;
  },
  cd: async (sh, args) => {
    const a = args.filter((x) => x !== '-L' && x !== '-P');
    if (a.length > 1) return fail(sh, 'cd: too many arguments');
    let dir: string | undefined = a[0];
    if (dir === undefined) {
      dir = sh.getVar('HOME');
      if (!dir) return fail(sh, 'cd: HOME not set');
    } else if (dir === '-') {
      dir = sh.getVar('OLDPWD');
      if (!dir) return fail(sh, 'cd: OLDPWD not set');
      await sh.ctx.out(dir + '\n');
    }
    const target = dir;
    const logical = resolvePath(sh.getVar('PWD') ?? sh.proc.cwd, target);
    try {
      const st = sh.ctx.fs.stat(sh.proc, logical);
      if (st.type !== 'dir') return fail(sh, `cd: ${dir}: Not a directory`);
      if (!sh.ctx.fs.access(sh.proc, logical, 1)) return fail(sh, `cd: ${dir}: Permission denied`);
    } catch (e) {
      if (isSysError(e)) return fail(sh, `cd: ${dir}: ${e.message}`);
      throw e;
    }
    sh.setVar('OLDPWD', sh.getVar('PWD') ?? sh.proc.cwd, true);
    sh.proc.cwd = logical;
    sh.setVar('PWD', logical, true);
    return 0;
  },
  export: async (sh, args) => {
    const list = args.filter((a) => a !== '-n' && a !== '-p');
    if (list.length === 0) {
      for (const [k, v] of [...sh.vars].filter(([, v]) => v.exported).sort(([a], [b]) => (a < b ? -1 : 1))) {
        await sh.ctx.out(`declare -x ${k}="${v.value.replace(/["\\$`]/g, '\\$&')}"\n`);
      }
      return 0;
    }
    let status = 0;
    for (const a of list) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq) : a;
      if (!NAME_RE.test(name)) {
        status = await fail(sh, `export: \`${a}': not a valid identifier`);
        continue;
      }
      if (args.includes('-n')) {
        const v = sh.vars.get(name);
        if (v) v.exported = false;
        continue;
      }
      if (eq >= 0) sh.setVar(name, a.slice(eq + 1), true);
      else {
        const v = sh.vars.get(name);
        if (v) v.exported = true;
        else sh.vars.set(name, { value: '', exported: true });
      }
    }
    return status;
  },
  readonly: async (sh, args) => {
    for (const a of args.filter((x) => !x.startsWith('-'))) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq) : a;
      if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
      const v = sh.vars.get(name) ?? { value: '', exported: false };
      sh.vars.set(name, { ...v, readonly: true });
    }
    return 0;
  },
  unset: async (sh, args) => {
    const funcs = args.includes('-f');
    for (const a of args.filter((x) => !x.startsWith('-'))) {
      if (funcs) sh.funcs.delete(a);
      else {
        if (sh.vars.get(a)?.readonly) return fail(sh, `unset: ${a}: cannot unset: readonly variable`);
        if (!sh.vars.delete(a)) sh.funcs.delete(a);
      }
    }
    return 0;
  },
  local: async (sh, args) => {
    const frame = sh.frames.at(-1);
    if (!frame) return fail(sh, 'local: can only be used in a function');
    for (const a of args.filter((x) => !x.startsWith('-'))) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq) : a;
      if (!frame.has(name)) frame.set(name, sh.vars.get(name) ? { ...sh.vars.get(name)! } : undefined);
      sh.vars.set(name, { value: eq >= 0 ? a.slice(eq + 1) : '', exported: false });
    }
    return 0;
  },
  declare: async (sh, args) => {
    const flags = args.filter((a) => a.startsWith('-')).join('');
    const names = args.filter((a) => !a.startsWith('-'));
    if (names.length === 0) {
      for (const [k, v] of [...sh.vars].sort(([a], [b]) => (a < b ? -1 : 1))) await sh.ctx.out(`${k}=${v.value}\n`);
      return 0;
    }
    for (const a of names) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq) : a;
      const frame = sh.frames.at(-1);
      if (frame && !frame.has(name) && !flags.includes('g')) frame.set(name, sh.vars.get(name));
      sh.setVar(name, eq >= 0 ? a.slice(eq + 1) : sh.getVar(name) ?? '', flags.includes('x') || undefined);
      if (flags.includes('r')) sh.vars.get(name)!.readonly = true;
    }
    return 0;
  },
  set: async (sh, args) => {
    if (args.length === 0) {
      for (const [k, v] of [...sh.vars].sort(([a], [b]) => (a < b ? -1 : 1))) await sh.ctx.out(`${k}=${v.value.includes(' ') ? `'${v.value}'` : v.value}\n`);
      return 0;
    }
    const map: Record<string, keyof Shell['opts']> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', C: 'noclobber' };
    const long: Record<string, keyof Shell['opts']> = { errexit: 'errexit', nounset: 'nounset', xtrace: 'xtrace', pipefail: 'pipefail', noglob: 'noglob', noclobber: 'noclobber' };
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        sh.positional = args.slice(i + 1);
        return 0;
      }
      if ((a === '-o' || a === '+o') && args[i + 1] !== undefined) {
        const o = long[args[++i]];
        if (!o) return fail(sh, `set: ${args[i]}: invalid option name`, 2);
        sh.opts[o] = a === '-o';
        continue;
      }
      if (/^[-+][a-zA-Z]+$/.test(a)) {
        for (const f of a.slice(1)) {
          const o = map[f];
          if (o) sh.opts[o] = a[0] === '-';
          else if (!'hmBHvi'.includes(f)) return fail(sh, `set: ${a[0]}${f}: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]`, 2);
        }
        continue;
      }
      sh.positional = args.slice(i);
      return 0;
    }
    return 0;
  },
  shift: async (sh, args) => {
    const n = args[0] === undefined ? 1 : Number(args[0]);
    if (!Number.isInteger(n) || n < 0) return fail(sh, `shift: ${args[0]}: numeric argument required`);
    if (n > sh.positional.length) return 1;
    sh.positional = sh.positional.slice(n);
    return 0;
  },
  exit: async (sh, args) => {
    if (sh.interactive && !sh.proc.tty?.scripted) await sh.write(2, sh.proc.argv[0].startsWith('-') ? 'logout\n' : 'exit\n');
    if (args[0] !== undefined && !/^-?\d+$/.test(args[0])) {
      await sh.error(`exit: ${args[0]}: numeric argument required`);
      throw new ShellExit(2);
    }
    throw new ShellExit(args[0] === undefined ? sh.status : Number(args[0]) & 255);
  },
  logout: async (sh, args) => BUILTINS.exit(sh, args),
  return: async (sh, args) => {
    if (sh.frames.length === 0 && !sh.sourcing) return fail(sh, 'return: can only `return\' from a function or sourced script');
    return sh.doReturn(args[0] === undefined ? sh.status : Number(args[0]) & 255);
  },
  break: async (sh, args) => {
    if (sh.loopDepth === 0) return 0;
    return sh.loopControl('break', Number(args[0] ?? 1) || 1);
  },
  continue: async (sh, args) => {
    if (sh.loopDepth === 0) return 0;
    return sh.loopControl('continue', Number(args[0] ?? 1) || 1);
  },
  // @sim partial: read knows -r, -p and -s; not -a, -d, -n, -t or -u.
  read: async (sh, args) => {
    let raw = false;
    let prompt = '';
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-r') raw = true;
      else if (args[i] === '-p') prompt = args[++i] ?? '';
      else if (args[i] === '-s') continue;
      else names.push(args[i]);
    }
    if (prompt && sh.ctx.isatty(0)) await sh.write(2, prompt);
    const bytes: number[] = [];
    let eof = false;
    const fd0 = sh.proc.fds.get(0);
    if (!fd0) return 1;
    for (;;) {
      const c = await fd0.read(sh.proc, fd0.isTTY ? 4096 : 1);
      if (c === null) {
        eof = true;
        break;
      }
      let stop = false;
      for (const b of c) {
        if (b === 10) {
          stop = true;
          break;
        }
        bytes.push(b);
      }
      if (stop) break;
    }
    let line = new TextDecoder().decode(new Uint8Array(bytes));
    if (!raw) line = line.replace(/\\(.)/g, '$1');
    const targets = names.length ? names : ['REPLY'];
    const ifs = sh.getVar('IFS') ?? ' \t\n';
    if (targets.length === 1 && names.length === 0) sh.setVar('REPLY', line);
    else {
      const ws = `[${ifs.replace(/[\]\\^-]/g, '\\$&')}]+`;
      let rest = line.replace(new RegExp(`^${ws}`), '');
      targets.forEach((t, idx) => {
        if (idx === targets.length - 1) {
          sh.setVar(t, rest.replace(new RegExp(`${ws}$`), ''));
          return;
        }
        const m = new RegExp(ws).exec(rest);
        if (!m) {
          sh.setVar(t, rest);
          rest = '';
        } else {
          sh.setVar(t, rest.slice(0, m.index));
          rest = rest.slice(m.index + m[0].length);
        }
      });
    }
    return eof && bytes.length === 0 ? 1 : eof ? 1 : 0;
  },
  eval: async (sh, args) => sh.runSource(args.join(' ')),
  source: async (sh, args) => {
    if (!args[0]) return fail(sh, 'source: filename argument required\nsource: usage: source filename [arguments]', 2);
    let text: string;
    try {
      const path = args[0].includes('/') ? args[0] : ((sh.getVar('PATH') ?? '').split(':').map((d) => `${d}/${args[0]}`).find((p) => sh.ctx.fs.exists(sh.proc, p)) ?? args[0]);
      text = sh.ctx.fs.readText(sh.proc, path);
    } catch (e) {
      if (isSysError(e)) return fail(sh, `${args[0]}: ${e.message}`);
      throw e;
    }
    const savedPos = sh.positional;
    if (args.length > 1) sh.positional = args.slice(1);
    sh.sourcing++;
    try {
      return await sh.runSource(text);
    } catch (e) {
      if (e instanceof Error && e.message === 'return') return (e as unknown as { code: number }).code;
      throw e;
    } finally {
      sh.sourcing--;
      if (args.length > 1) sh.positional = savedPos;
    }
  },
  '.': async (sh, args) => BUILTINS.source(sh, args),
  exec: async (sh, args) => {
    if (args.length === 0) return 0;
    const found = sh.lookup(args[0]);
    if ('message' in found) {
      await sh.error(found.message);
      throw new ShellExit(found.status);
    }
    throw new ShellExit(await sh.execInPlace(found.path, args, sh.environment()));
  },
  jobs: async (sh, args) => {
    await sh.reapJobs();
    const cur = sh.currentJob();
    for (const j of sh.jobs) {
      if (args.includes('-p')) await sh.ctx.out(`${j.procs[0].pidIn(sh.proc.ns.pid)}\n`);
      else if (args.includes('-l')) await sh.ctx.out(sh.jobLine(j, j === cur).replace(/^(\[\d+\].)/, `$1 ${j.procs[0].pidIn(sh.proc.ns.pid)}`) + '\n');
      else await sh.ctx.out(sh.jobLine(j, j === cur) + '\n');
      if (j.state === 'Done') j.notified = true;
    }
    sh.jobs = sh.jobs.filter((j) => j.state !== 'Done');
    return 0;
  },
  fg: async (sh, args) => {
    await sh.reapJobs();
    const job = sh.findJob(args[0]);
    if (!job || job.state === 'Done') return fail(sh, `fg: ${args[0] ?? 'current'}: no such job`);
    sh.jobs = sh.jobs.filter((j) => j !== job);
    await sh.ctx.out(job.text + '\n');
    for (const p of job.procs) sh.ctx.kernel.signal(sh.proc, p, SIG.SIGCONT);
    return sh.waitForeground(job.procs.filter((p) => !p.ended || p.parent === sh.proc), job.text);
  },
  bg: async (sh, args) => {
    const job = sh.findJob(args[0]);
    if (!job) return fail(sh, `bg: ${args[0] ?? 'current'}: no such job`);
    job.state = 'Running';
    for (const p of job.procs) sh.ctx.kernel.signal(sh.proc, p, SIG.SIGCONT);
    await sh.ctx.out(`[${job.id}]+ ${job.text} &\n`);
    return 0;
  },
  wait: async (sh, args) => {
    const targets = args.length ? args.map((a) => sh.findJob(a)?.procs ?? []).flat() : sh.jobs.flatMap((j) => j.procs);
    let status = 0;
    for (const p of targets) {
      try {
        const r = await sh.ctx.kernel.waitpid(sh.proc, p.pidIn(sh.proc.ns.pid) ?? p.pid);
        if (r?.kind === 'exited') status = r.status.signal !== undefined ? 128 + r.status.signal : r.status.code;
      } catch (e) {
        if (!isSysError(e, 'ECHILD')) throw e;
        status = 127;
      }
    }
    for (const j of sh.jobs) if (j.procs.every((p) => p.ended)) j.state = 'Done';
    sh.jobs = sh.jobs.filter((j) => j.state !== 'Done');
    return args.length ? status : 0;
  },
  kill: async (sh, args) => {
    let sig: number = SIG.SIGTERM;
    let i = 0;
    if (args[0] === '-l' || args[0] === '-L') {
      if (args[1]) {
        const n = Number(args[1]);
        const name = Number.isNaN(n) ? parseSignal(args[1]) : signalName(n > 128 ? n - 128 : n)?.slice(3);
        if (name === undefined) return fail(sh, `kill: ${args[1]}: invalid signal specification`);
        await sh.ctx.out(`${name}\n`);
        return 0;
      }
      const rows: string[] = [];
      for (let n = 1; n <= 31; n++) rows.push(`${String(n).padStart(2)}) ${signalName(n)}`);
      let out = '';
      rows.forEach((r, idx) => (out += r.padEnd(16) + ((idx + 1) % 5 === 0 ? '\n' : '')));
      await sh.ctx.out(out.trimEnd() + '\n');
      return 0;
    }
    if (args[0] === '-s' || args[0] === '-n') {
      const s = parseSignal(args[1] ?? '');
      if (s === undefined) return fail(sh, `kill: ${args[1]}: invalid signal specification`);
      sig = s;
      i = 2;
    } else if (args[0]?.startsWith('-') && args[0] !== '--') {
      const s = parseSignal(args[0].slice(1));
      if (s === undefined) return fail(sh, `kill: ${args[0].slice(1)}: invalid signal specification`);
      sig = s;
      i = 1;
    }
    if (args[i] === '--') i++;
    const targets = args.slice(i);
    if (targets.length === 0) return fail(sh, 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]', 2);
    let status = 0;
    for (const t of targets) {
      try {
        if (t.startsWith('%')) {
          const job = sh.findJob(t);
          if (!job) {
            status = await fail(sh, `kill: ${t}: no such job`);
            continue;
          }
          const leader = job.procs[0];
          // With job control the job is its own process group; without it, its processes are signalled one by one.
          if (leader.pgid === leader.pid && leader.pgid !== sh.proc.pgid) sh.ctx.kernel.kill(sh.proc, -(leader.pidIn(sh.proc.ns.pid) ?? leader.pid), sig);
          else for (const p of job.procs) if (!p.ended) sh.ctx.kernel.kill(sh.proc, p.pidIn(sh.proc.ns.pid) ?? p.pid, sig);
          if (sig === SIG.SIGCONT) job.state = 'Running';
        } else if (/^-?\d+$/.test(t)) {
          sh.ctx.kernel.kill(sh.proc, Number(t), sig);
        } else {
          status = await fail(sh, `kill: ${t}: arguments must be process or job IDs`);
        }
      } catch (e) {
        if (isSysError(e)) status = await fail(sh, `kill: (${t}) - ${e.message}`);
        else throw e;
      }
    }
    await sh.proc.checkpoint();
    return status;
  },
  trap: async (sh, args) => {
    if (args.length === 0 || args[0] === '-p') {
      for (const [sig, cmd] of sh.traps) await sh.ctx.out(`trap -- '${cmd.replace(/'/g, "'\\''")}' ${sig}\n`);
      return 0;
    }
    if (args[0] === '-l') return BUILTINS.kill(sh, ['-l']);
    let action: string | null = args[0];
    let sigs = args.slice(1);
    if (args.length === 1 || /^\d+$/.test(args[0])) {
      if (args.length === 1) {
        action = null;
        sigs = args;
      }
    }
    if (action === '-') action = null;
    for (const s of sigs) {
      const up = s.toUpperCase().replace(/^SIG/, '');
      if (up === 'EXIT' || up === '0') {
        if (action === null) sh.traps.delete('EXIT');
        else sh.traps.set('EXIT', action);
        continue;
      }
      if (up === 'ERR' || up === 'DEBUG' || up === 'RETURN') continue;
      const n = parseSignal(s);
      if (n === undefined) {
        await sh.error(`trap: ${s}: invalid signal specification`);
        return 1;
      }
      const key = signalName(n)!.slice(3);
      const p = sh.proc;
      p.ignored.delete(n);
      if (action === null) {
        sh.traps.delete(key);
        p.handlers.delete(n);
        if (sh.interactive) sh.installInteractiveHandlers();
      } else if (action === '') {
        sh.traps.set(key, '');
        p.handlers.delete(n);
        p.ignored.add(n);
      } else {
        const cmd = action;
        sh.traps.set(key, cmd);
        p.handlers.set(n, async () => {
          const saved = sh.status;
          await sh.runSource(cmd);
          sh.status = saved;
        });
      }
    }
    return 0;
  },
  type: async (sh, args) => {
    let status = 0;
    for (const a of args.filter((x) => !x.startsWith('-'))) {
      if (sh.aliases.has(a)) await sh.ctx.out(`${a} is aliased to \`${sh.aliases.get(a)}'\n`);
      else if (['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'function', '{', '}', '[[', ']]', '!', 'in', 'time'].includes(a)) await sh.ctx.out(`${a} is a shell keyword\n`);
      else if (sh.funcs.has(a)) await sh.ctx.out(`${a} is a function\n`);
      else if (BUILTINS[a]) await sh.ctx.out(`${a} is a shell builtin\n`);
      else {
        const f = sh.lookup(a);
        if ('path' in f) await sh.ctx.out(`${a} is ${f.path}\n`);
        else {
          status = 1;
          await sh.error(`type: ${a}: not found`);
        }
      }
    }
    return status;
  },
  command: async (sh, args) => {
    if (args[0] === '-v' || args[0] === '-V') {
      let status = 0;
      for (const a of args.slice(1)) {
        if (sh.funcs.has(a) || BUILTINS[a]) await sh.ctx.out(`${a}\n`);
        else if (sh.aliases.has(a)) await sh.ctx.out(`alias ${a}='${sh.aliases.get(a)}'\n`);
        else {
          const f = sh.lookup(a);
          if ('path' in f) await sh.ctx.out(`${f.path}\n`);
          else status = 1;
        }
      }
      return status;
    }
    if (args.length === 0) return 0;
    const b = BUILTINS[args[0]];
    if (b) return b(sh, args.slice(1));
    const found = sh.lookup(args[0]);
    if ('message' in found) return fail(sh, found.message, found.status);
    const child = sh.ctx.spawn({ argv: args, path: found.path, env: sh.environment(), pgid: sh.interactive ? 'new' : undefined });
    return sh.waitForeground([child], args.join(' '));
  },
  alias: async (sh, args) => {
    if (args.length === 0 || args[0] === '-p') {
      for (const [k, v] of [...sh.aliases].sort()) await sh.ctx.out(`alias ${k}='${v}'\n`);
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) sh.aliases.set(a.slice(0, eq), a.slice(eq + 1));
      else if (sh.aliases.has(a)) await sh.ctx.out(`alias ${a}='${sh.aliases.get(a)}'\n`);
      else status = await fail(sh, `alias: ${a}: not found`);
    }
    return status;
  },
  unalias: async (sh, args) => {
    if (args[0] === '-a') sh.aliases.clear();
    for (const a of args.filter((x) => x !== '-a')) if (!sh.aliases.delete(a)) return fail(sh, `unalias: ${a}: not found`);
    return 0;
  },
  history: async (sh, args) => {
    if (args[0] === '-c') {
      sh.history.length = 0;
      return 0;
    }
    const n = args[0] ? Number(args[0]) : sh.history.length;
    const start = Math.max(0, sh.history.length - n);
    let out = '';
    for (let i = start; i < sh.history.length; i++) out += `${String(i + 1).padStart(5)}  ${sh.history[i]}\n`;
    await sh.ctx.out(out);
    return 0;
  },
  help: async (sh, args) => {
    if (args.length) {
      const t = HELP_TOPICS[args[0]];
      if (!t) return fail(sh, `help: no help topics match \`${args[0]}'.  Try \`help help' or \`man -k ${args[0]}' or \`info ${args[0]}'.`);
      await sh.ctx.out(`${args[0]}: ${t}\n`);
      return 0;
    }
    const lines = Object.values(HELP_TOPICS).sort();
    await sh.ctx.out(`GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\nThese shell commands are defined internally.  Type \`help' to see this list.\nType \`help name' to find out more about the function \`name'.\nUse \`man -k' or \`info' to find out more about commands not in this list.\n\n${lines.map((l) => ` ${l}`).join('\n')}\n`);
    return 0;
  },
  umask: async (sh, args) => {
    if (args.length === 0) {
      await sh.ctx.out(sh.proc.umask.toString(8).padStart(4, '0') + '\n');
      return 0;
    }
    if (!/^[0-7]{1,4}$/.test(args[0])) return fail(sh, `umask: ${args[0]}: octal number out of range`);
    sh.proc.umask = parseInt(args[0], 8);
    return 0;
  },
  let: async (sh, args) => {
    let v = 0n;
    try {
      for (const a of args) v = evaluateArith(a, { get: (n) => sh.getVar(n), set: (n, x) => sh.setVar(n, x) });
    } catch (e) {
      if (e instanceof ArithError) return fail(sh, `let: ${e.message}`);
      throw e;
    }
    return v !== 0n ? 0 : 1;
  },
  test: (sh, args) => testBuiltin(sh, args, false),
  '[': (sh, args) => testBuiltin(sh, args, true),
  hash: async () => 0,
  // times: user and system CPU time of the shell and of its waited-for children.
  // @sim partial: CPU time is not accounted yet, so these are the process's cpuMs (zero).
  times: async (sh) => {
    const fmt = (ms: number) => `${Math.floor(ms / 60000)}m${((ms % 60000) / 1000).toFixed(3)}s`;
    await sh.ctx.out(`${fmt(sh.proc.cpuMs)} ${fmt(0)}\n${fmt(0)} ${fmt(0)}\n`);
    return 0;
  },
};
