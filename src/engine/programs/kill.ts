import type { Ctx, ProgramSpec } from './context';
import { isSysError, SysError } from '../kernel/errors';
import { SIG } from '../kernel/signals';

/**
 * procps' signal table (lib/signals.c): 29 is POLL, not IO, and names are looked up from the end,
 * so `kill -l` spells them as procps does.
 */
const TABLE: [string, number][] = [
  ['ABRT', 6], ['ALRM', 14], ['BUS', 7], ['CHLD', 17], ['CONT', 18], ['FPE', 8], ['HUP', 1], ['ILL', 4], ['INT', 2],
  ['KILL', 9], ['PIPE', 13], ['POLL', 29], ['PROF', 27], ['PWR', 30], ['QUIT', 3], ['SEGV', 11], ['STKFLT', 16],
  ['STOP', 19], ['SYS', 31], ['TERM', 15], ['TRAP', 5], ['TSTP', 20], ['TTIN', 21], ['TTOU', 22], ['URG', 23],
  ['USR1', 10], ['USR2', 12], ['VTALRM', 26], ['WINCH', 28], ['XCPU', 24], ['XFSZ', 25],
];
const SIGRTMIN = 34;

/** signal_number_to_name(): `TERM` for 15, `RTMIN+2` for 36. */
export function procpsSignalName(n: number): string {
  const signo = n & 0x7f;
  for (let i = TABLE.length - 1; i >= 0; i--) if (TABLE[i][1] === signo) return TABLE[i][0];
  if (signo === SIGRTMIN) return 'RTMIN';
  return signo ? `RTMIN+${signo - SIGRTMIN}` : '0';
}

/** signal_name_to_number(): `TERM`, `SIGTERM`, `term`, `15`, `RTMIN+1`; -1 when invalid. */
export function procpsSignalNumber(text: string): number {
  let name = text.toUpperCase().startsWith('SIG') ? text.slice(3) : text;
  const up = name.toUpperCase();
  if (up === 'CLD') return SIG.SIGCHLD;
  if (up === 'IO') return SIG.SIGIO;
  if (up === 'IOT') return SIG.SIGABRT;
  const hit = TABLE.find(([n]) => n === up);
  if (hit) return hit[1];
  if (up === 'RTMIN') return SIGRTMIN;
  if (up === 'EXIT' || up === 'NULL') return 0;
  let offset = 0;
  if (up.startsWith('RTMIN+')) {
    name = name.slice(6);
    offset = SIGRTMIN;
  }
  if (!/^[-+]?\d+$/.test(name)) return -1;
  const val = Number(name);
  if (val + SIGRTMIN > 127) return -1;
  return val + offset;
}

/** unix_print_signals(): the names of 1..31, wrapped once a line passes 73 columns. */
function listSignals(): string {
  let out = '';
  let pos = 0;
  for (let i = 1; i <= TABLE.length; i++) {
    if (i > 1) {
      if (pos > 73) {
        out += '\n';
        pos = 0;
      } else {
        out += ' ';
        pos++;
      }
    }
    const n = procpsSignalName(i);
    out += n;
    pos += n.length;
  }
  return out + '\n';
}

/** pretty_print_signals(): `kill -L`, seven to a line. */
function tableSignals(): string {
  let out = '';
  let i = 0;
  while (++i <= TABLE.length) {
    const cell = `${String(i).padStart(2)} ${procpsSignalName(i)}`;
    out += i % 7 ? cell.padEnd(11) : cell + '\n';
  }
  if ((i - 1) % 7) out += '\n';
  return out;
}

/** strtosig(): a number becomes a name, a name becomes a number; undefined when unknown. */
function convert(text: string): string | undefined {
  let p = text.toUpperCase();
  if (p.startsWith('SIG')) p = p.slice(3);
  if (/^\d/.test(p)) {
    if (!/^\d+$/.test(text)) return undefined;
    const hit = TABLE.find(([, n]) => n === Number(text));
    return hit?.[0];
  }
  const hit = TABLE.find(([n]) => n === p);
  return hit ? String(hit[1]) : undefined;
}

const USAGE = `
Usage:
 kill [options] <pid> [...]

Options:
 <pid> [...]            send signal to every <pid> listed
 -<signal>, -s, --signal <signal>
                        specify the <signal> to be sent
 -q, --queue <value>    integer value to be sent with the signal
 -l, --list=[<signal>]  list all signal names, or convert one to a name
 -L, --table            list all signal names in a nice table

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see kill(1).
`;

/**
 * kill [-s SIGNAL | -SIGNAL] PID... | -l [SIGNAL] | -L — procps-ng 4's /usr/bin/kill (the shell's
 * builtin kill is a different command). PIDs are numbers in the caller's PID namespace.
 */
export const kill: ProgramSpec = {
  name: 'kill',
  summary: 'send a signal to a process',
  usage: 'kill [options] <pid> [...]',
  description: 'The default signal for kill is TERM. Use -l or -L to list available signals.\n\nOptions:\n  <pid> [...]            send signal to every <pid> listed\n  -<signal>, -s, --signal <signal>\n                         specify the <signal> to be sent\n  -l, --list=[<signal>]  list all signal names, or convert one to a name\n  -L, --table            list all signal names in a nice table',
  async run(ctx: Ctx) {
    const args = [...ctx.args];
    if (args.length === 0) {
      await ctx.err(USAGE);
      return 1;
    }
    // skill_sig_option(): the first `-X` that names a signal is the signal, wherever it is.
    let sig: number = SIG.SIGTERM;
    const at = args.findIndex((a) => a.startsWith('-') && a.length > 1 && procpsSignalNumber(a.slice(1)) >= 0);
    if (at >= 0) {
      sig = procpsSignalNumber(args[at].slice(1));
      args.splice(at, 1);
    }
    const pids: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        pids.push(...args.slice(i + 1));
        break;
      }
      if (a === '-l' || a === '--list' || a.startsWith('--list=') || (a.startsWith('-l') && a.length > 2)) {
        let opt: string | undefined = a.startsWith('--list=') ? a.slice(7) : a.startsWith('-l') && a.length > 2 ? a.slice(2) : undefined;
        if (opt === undefined && args[i + 1] !== undefined && !args[i + 1].startsWith('-')) opt = args[i + 1];
        if (opt === undefined) {
          await ctx.out(listSignals());
          return 0;
        }
        const s = convert(opt);
        if (s !== undefined) await ctx.out(s + '\n');
        else await ctx.err(`kill: unknown signal name ${opt}\n`);
        return 0;
      }
      if (a === '-L' || a === '--table') {
        await ctx.out(tableSignals());
        return 0;
      }
      if (a === '-h' || a === '--help') {
        await ctx.out(USAGE);
        return 0;
      }
      if (a === '-V' || a === '--version') {
        await ctx.out('kill from procps-ng 4.0.2\n');
        return 0;
      }
      if (a === '-s' || a === '--signal' || a.startsWith('--signal=') || (a.startsWith('-s') && a.length > 2)) {
        const v = a.startsWith('--signal=') ? a.slice(9) : a.startsWith('-s') && a.length > 2 ? a.slice(2) : args[++i];
        if (v === undefined) {
          await ctx.err(USAGE);
          return 1;
        }
        sig = procpsSignalNumber(v);
        continue;
      }
      if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
        await ctx.err(`kill: invalid argument ${a[1]}\n${USAGE}`);
        return 1;
      }
      pids.push(a);
    }
    if (pids.length === 0) {
      await ctx.err(USAGE);
      return 1;
    }
    let status = 0;
    for (const t of pids) {
      if (!/^[-+]?\d+$/.test(t)) {
        await ctx.err(`kill: failed to parse argument: '${t}'\n`);
        return 1;
      }
      try {
        if (sig < 0 || sig > 64) throw new SysError('EINVAL');
        ctx.kernel.kill(ctx.proc, Number(t), sig);
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        // procps reports with error(3): `kill: (PID): strerror`.
        await ctx.err(`kill: (${Number(t)}): ${e.message}\n`);
      }
    }
    return status;
  },
};
