import { describe, expect, it } from 'vitest';
import { run, testHost } from '../testing/harness';
import { TerminalDriver } from '../testing/terminal';
import { ManualClock } from '../index';
import type { Host } from '../host/host';

const START = Date.UTC(2026, 10, 22, 11, 0, 0);

/** A host at a fixed time with two `sleep 100` children of init (PIDs 2 and 3). */
function hostWithSleepers(): { host: Host; clock: ManualClock } {
  const clock = new ManualClock(START);
  const host = testHost({ clock, dockerd: false });
  for (let i = 0; i < 2; i++) host.kernel.spawn({ parent: host.kernel.init, argv: ['sleep', '100'], path: '/usr/bin/sleep', fds: new Map() });
  return { host, clock };
}

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });

describe('ps', () => {
  it('shows the caller\'s processes without a terminal (PID TTY TIME CMD)', async () => {
    const { host } = hostWithSleepers();
    expect(await run(host, ['ps'])).toEqual(ok('    PID TTY          TIME CMD\n      4 ?        00:00:00 collector\n      5 ?        00:00:00 ps\n'));
  });

  it('ps aux, ps -ef and ps -e', async () => {
    const { host } = hostWithSleepers();
    expect(await run(host, ['ps', 'aux'])).toEqual(ok(
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n' +
      'root           1  0.0  0.0   8192  1024 ?        Ss   11:00   0:00 /sbin/init\n' +
      'root           2  0.0  0.0   8192  1024 ?        S    11:00   0:00 sleep 100\n' +
      'root           3  0.0  0.0   8192  1024 ?        S    11:00   0:00 sleep 100\n' +
      'student        4  0.0  0.0   8192  1024 ?        S    11:00   0:00 collector\n' +
      'student        5  0.0  0.0   8192  1024 ?        R    11:00   0:00 ps aux\n'));
    expect(await run(host, ['ps', '-ef'])).toEqual(ok(
      'UID          PID    PPID  C STIME TTY          TIME CMD\n' +
      'root           1       0  0 11:00 ?        00:00:00 /sbin/init\n' +
      'root           2       1  0 11:00 ?        00:00:00 sleep 100\n' +
      'root           3       1  0 11:00 ?        00:00:00 sleep 100\n' +
      'student        6       1  0 11:00 ?        00:00:00 collector\n' +
      'student        7       6  0 11:00 ?        00:00:00 ps -ef\n'));
    expect(await run(host, ['ps', '-e'])).toEqual(ok(
      '    PID TTY          TIME CMD\n      1 ?        00:00:00 systemd\n      2 ?        00:00:00 sleep\n      3 ?        00:00:00 sleep\n' +
      '      8 ?        00:00:00 collector\n      9 ?        00:00:00 ps\n'));
  });

  it('-p selects PIDs, exits 1 when none match; -o picks columns', async () => {
    const { host, clock } = hostWithSleepers();
    expect(await run(host, ['ps', '-p', '1'])).toEqual(ok('    PID TTY          TIME CMD\n      1 ?        00:00:00 systemd\n'));
    expect(await run(host, ['ps', '-p', '999'])).toEqual({ stdout: '    PID TTY          TIME CMD\n', stderr: '', code: 1 });
    clock.advance(65_000);
    expect(await run(host, ['ps', '-o', 'pid,ppid,user,stat,comm,args,cmd,etime', '-p', '2'])).toEqual(ok(
      '    PID    PPID USER     STAT COMMAND         COMMAND                     CMD                             ELAPSED\n' +
      '      2       1 root     S    sleep           sleep 100                   sleep 100                         01:05\n'));
    expect(await run(host, ['ps', '-o', 'pid=', '-p', '3'])).toEqual(ok('      3\n'));
    expect(await run(host, ['ps', '-o', 'bogus'])).toEqual({
      stdout: '',
      stderr: 'error: unknown user-defined format specifier "bogus"\n\nUsage:\n ps [options]\n\n Try \'ps --help <simple|list|output|threads|misc|all>\'\n  or \'ps --help <s|l|o|t|m|a>\'\n for additional help text.\n\nFor more details see ps(1).\n',
      code: 1,
    });
  });

  it('a sleep started by init shows in ps aux, and kill PID ends it with SIGTERM', async () => {
    const clock = new ManualClock(START);
    const host = testHost({ clock, dockerd: false });
    const sleeper = host.kernel.spawn({ parent: host.kernel.init, argv: ['sleep', '100'], path: '/usr/bin/sleep', fds: new Map() });
    const exits: { pid: number; signal?: number }[] = [];
    host.onEvent((e) => {
      if (e.type === 'process.exit') exits.push({ pid: e.pid, signal: e.signal });
    });
    const before = await run(host, ['ps', 'aux']);
    expect(before.stdout.split('\n')[2]).toBe('root           2  0.0  0.0   8192  1024 ?        S    11:00   0:00 sleep 100');
    expect(await run(host, ['kill', '2'], { user: 'root' })).toEqual(ok(''));
    expect(sleeper.status).toEqual({ signal: 15, core: false });
    expect(exits).toContainEqual({ pid: 2, signal: 15 });
    const after = await run(host, ['ps', 'aux']);
    expect(after.stdout).not.toContain('sleep 100');
  });

  it('shows a stopped process as T and a zombie as <defunct>', async () => {
    const { host } = hostWithSleepers();
    host.kernel.kill(host.kernel.init, 2, 19);
    const parent = host.kernel.spawn({ parent: host.kernel.init, argv: ['sleep', '100'], path: '/usr/bin/sleep', fds: new Map() });
    const child = host.kernel.spawn({ parent, argv: ['sh'], entry: async () => 0, fds: new Map() });
    await new Promise((r) => setTimeout(r, 10));
    expect(child.state).toBe('Z');
    expect(await run(host, ['ps', '-o', 'pid,stat,args', '-p', '2,4,5'])).toEqual(ok(
      '    PID STAT COMMAND\n      2 T    sleep 100\n      4 S    sleep 100\n      5 Z    [sh] <defunct>\n'));
    expect(await run(host, ['ps', '-p', '5'])).toEqual(ok('    PID TTY          TIME CMD\n      5 ?        00:00:00 sh <defunct>\n'));
  });

  it('on a terminal shows pts/0 and the foreground group as +', async () => {
    const t = new TerminalDriver(testHost({ clock: new ManualClock(START), dockerd: false }));
    await t.prompt();
    expect(await t.type('ps\r')).toBe('ps\n    PID TTY          TIME CMD\n      2 pts/0    00:00:00 bash\n      5 pts/0    00:00:00 ps\nstudent@host:~$ ');
    expect(await t.type('ps -o pid,tty,stat,comm\r')).toBe('ps -o pid,tty,stat,comm\n    PID TT       STAT COMMAND\n      2 pts/0    Ss   bash\n      6 pts/0    R+   ps\nstudent@host:~$ ');
  });
});

describe('pstree', () => {
  it('draws the tree in ASCII, folds identical children, shows PIDs and arguments', async () => {
    const { host } = hostWithSleepers();
    expect(await run(host, ['pstree'])).toEqual(ok('systemd-+-collector---pstree\n        `-2*[sleep]\n'));
    expect(await run(host, ['pstree', '-p'])).toEqual(ok('systemd(1)-+-collector(6)---pstree(7)\n           |-sleep(2)\n           `-sleep(3)\n'));
    expect(await run(host, ['pstree', '-a'])).toEqual(ok('systemd\n  |-collector\n  |   `-pstree -a\n  |-sleep 100\n  `-sleep 100\n'));
    expect(await run(host, ['pstree', '-U', '2'])).toEqual(ok('sleep\n'));
    expect(await run(host, ['pstree', '99'])).toEqual({ stdout: '', stderr: '', code: 1 });
  });
});

describe('top', () => {
  it('batch mode prints one frame without escape codes', async () => {
    const { host } = hostWithSleepers();
    expect(await run(host, ['top', '-b', '-n', '1'])).toEqual(ok(
      'top - 11:00:00 up 0 min,  1 user,  load average: 0.08, 0.03, 0.01\n' +
      'Tasks:   5 total,   1 running,   4 sleeping,   0 stopped,   0 zombie\n' +
      '%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st \n' +
      'MiB Mem :   8192.0 total,   7343.0 free,    305.0 used,    624.0 buff/cache     \n' +
      'MiB Swap:      0.0 total,      0.0 free,      0.0 used.   7887.0 avail Mem \n' +
      '\n' +
      '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n' +
      '      1 root      20   0    8192   1024    512 S   0.0   0.0   0:00.00 systemd\n' +
      '      2 root      20   0    8192   1024    512 S   0.0   0.0   0:00.00 sleep\n' +
      '      3 root      20   0    8192   1024    512 S   0.0   0.0   0:00.00 sleep\n' +
      '      4 student   20   0    8192   1024    512 S   0.0   0.0   0:00.00 collector\n' +
      '      5 student   20   0    8192   1024    512 R   0.0   0.0   0:00.00 top\n' +
      '\n'));
    expect(await run(host, ['top'])).toEqual({ stdout: '', stderr: 'top: failed tty get\n', code: 1 });
  });

  it('full-screen on a terminal: raw mode, redraws, q quits and the modes come back', async () => {
    const clock = new ManualClock(START);
    const host = testHost({ clock, dockerd: false });
    const t = new TerminalDriver(host, { cols: 100, rows: 12 });
    await t.prompt();
    const tty = t.term.tty;
    const atExit: unknown[] = [];
    host.onEvent((e) => {
      if (e.type === 'process.exit' && host.kernel.procs.get(e.pid)?.comm === 'top') atExit.push({ ...tty.termios });
    });
    await t.type('top\r', { waitMs: 30 });
    expect(tty.termios.icanon).toBe(false);
    expect(tty.termios.echo).toBe(false);
    expect(t.screen).toContain('top - 11:00:00 up 0 min');
    clock.advance(3000);
    await new Promise((r) => setTimeout(r, 20));
    expect(t.screen).toContain('top - 11:00:03 up 0 min');
    const out = await t.type('q');
    expect(out.endsWith('\nstudent@host:~$ ')).toBe(true);
    expect(atExit).toEqual([{ icanon: true, echo: true, isig: true, icrnl: true, onlcr: true }]);
  });

  it('^C quits top and restores the terminal', async () => {
    const host = testHost({ clock: new ManualClock(START), dockerd: false });
    const t = new TerminalDriver(host);
    await t.prompt();
    const atExit: unknown[] = [];
    host.onEvent((e) => {
      if (e.type === 'process.exit' && host.kernel.procs.get(e.pid)?.comm === 'top') atExit.push({ ...t.term.tty.termios });
    });
    await t.type('top -d 1\r', { waitMs: 30 });
    expect(t.term.tty.termios.icanon).toBe(false);
    await t.type('\x03');
    expect(atExit).toEqual([{ icanon: true, echo: true, isig: true, icrnl: true, onlcr: true }]);
    expect(await t.type('echo $?\r')).toBe('echo $?\n0\nstudent@host:~$ ');
  });
});

describe('kill', () => {
  it('lists signals as procps does', async () => {
    const host = testHost({ dockerd: false });
    expect(await run(host, ['kill', '-l'])).toEqual(ok(
      'HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\nCHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n'));
    expect(await run(host, ['kill', '-l', '15'])).toEqual(ok('TERM\n'));
    expect(await run(host, ['kill', '-l', 'KILL'])).toEqual(ok('9\n'));
    expect(await run(host, ['kill', '-l', 'BOGUS'])).toEqual({ stdout: '', stderr: 'kill: unknown signal name BOGUS\n', code: 0 });
  });

  it('sends signals by number and name; reports missing processes and refusals', async () => {
    const { host } = hostWithSleepers();
    expect(await run(host, ['kill', '12345'])).toEqual({ stdout: '', stderr: 'kill: (12345): No such process\n', code: 1 });
    expect(await run(host, ['kill', '2'])).toEqual({ stdout: '', stderr: 'kill: (2): Operation not permitted\n', code: 1 });
    expect(await run(host, ['kill', 'abc'])).toEqual({ stdout: '', stderr: "kill: failed to parse argument: 'abc'\n", code: 1 });
    expect(await run(host, ['kill', '-9', '2'], { user: 'root' })).toEqual(ok(''));
    expect(await run(host, ['kill', '-s', 'TERM', '3'], { user: 'root' })).toEqual(ok(''));
    expect(host.kernel.procs.has(2)).toBe(false);
    expect(host.kernel.procs.has(3)).toBe(false);
    expect((await run(host, ['kill'])).code).toBe(1);
  });
});

describe('free, uptime, uname, hostname', () => {
  it('free in procps 4 layout', async () => {
    const { host } = hostWithSleepers();
    const head = '               total        used        free      shared  buff/cache   available\n';
    expect(await run(host, ['free'])).toEqual(ok(head + 'Mem:         8388608      312320     7519232        1024      638976     8076288\nSwap:              0           0           0\n'));
    expect(await run(host, ['free', '-h'])).toEqual(ok(head + 'Mem:           8.0Gi       305Mi       7.2Gi       1.0Mi       624Mi       7.7Gi\nSwap:             0B          0B          0B\n'));
    expect(await run(host, ['free', '-m'])).toEqual(ok(head + 'Mem:            8192         305        7343           1         624        7887\nSwap:              0           0           0\n'));
    expect(await run(host, ['free', '-g'])).toEqual(ok(head + 'Mem:               8           0           7           0           0           7\nSwap:              0           0           0\n'));
    expect(await run(host, ['free', '-m', '-g'])).toEqual({ stdout: '', stderr: "free: Multiple unit options don't make sense.\n", code: 1 });
  });

  it('uptime', async () => {
    const { host, clock } = hostWithSleepers();
    clock.advance(5 * 60_000 + 49_000);
    expect(await run(host, ['uptime'])).toEqual(ok(' 11:05:49 up 5 min,  1 user,  load average: 0.08, 0.03, 0.01\n'));
    clock.advance(3600_000);
    expect(await run(host, ['uptime'])).toEqual(ok(' 12:05:49 up  1:05,  1 user,  load average: 0.08, 0.03, 0.01\n'));
    expect(await run(host, ['uptime', '-p'])).toEqual(ok('up 1 hour, 5 minutes\n'));
  });

  it('uname and hostname', async () => {
    const host = testHost({ dockerd: false });
    expect(await run(host, ['uname'])).toEqual(ok('Linux\n'));
    expect(await run(host, ['uname', '-a'])).toEqual(ok('Linux host 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64 GNU/Linux\n'));
    expect(await run(host, ['uname', '-s', '-n', '-r', '-m', '-o'])).toEqual(ok('Linux host 6.1.0-28-amd64 x86_64 GNU/Linux\n'));
    expect(await run(host, ['hostname'])).toEqual(ok('host\n'));
    expect(await run(host, ['hostname', 'web'])).toEqual({ stdout: '', stderr: 'hostname: you must be root to change the host name\n', code: 1 });
    expect(await run(host, ['hostname', 'web'], { user: 'root' })).toEqual(ok(''));
    expect(await run(host, ['uname', '-n'])).toEqual(ok('web\n'));
  });
});
