import { describe, expect, it } from 'vitest';
import { run, sh, testHost } from '../testing/harness';
import { TerminalDriver } from '../testing/terminal';
import { ManualClock } from '../index';

const NOW = Date.UTC(2026, 10, 22, 11, 2, 49);
const host = () => testHost({ clock: new ManualClock(NOW) });
const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const GREEK = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon';

describe('ls', () => {
  it('lists one name per line through a pipe, and long format with owner names', async () => {
    const h = host();
    await sh(h, 'mkdir d && touch d/b d/a && echo hello > d/f && ln -s f d/l && chmod 755 d/a && ln -s nowhere d/dl');
    expect(await run(h, ['ls', 'd'])).toEqual(ok('a\nb\ndl\nf\nl\n'));
    expect(await run(h, ['ls', '-la', 'd'])).toEqual(ok(
      'total 12\n' +
      'drwxr-xr-x 2 student student 4096 Nov 22 11:02 .\n' +
      'drwxr-xr-x 3 student student 4096 Nov 22 11:02 ..\n' +
      '-rwxr-xr-x 1 student student    0 Nov 22 11:02 a\n' +
      '-rw-r--r-- 1 student student    0 Nov 22 11:02 b\n' +
      'lrwxrwxrwx 1 student student    7 Nov 22 11:02 dl -> nowhere\n' +
      '-rw-r--r-- 1 student student    6 Nov 22 11:02 f\n' +
      'lrwxrwxrwx 1 student student    1 Nov 22 11:02 l -> f\n',
    ));
    expect(await run(h, ['ls', '-n', 'd/f'])).toEqual(ok('-rw-r--r-- 1 1000 1000 6 Nov 22 11:02 d/f\n'));
    expect(await run(h, ['ls', '-lF', 'd'])).toEqual(ok(
      'total 4\n' +
      '-rwxr-xr-x 1 student student 0 Nov 22 11:02 a*\n' +
      '-rw-r--r-- 1 student student 0 Nov 22 11:02 b\n' +
      'lrwxrwxrwx 1 student student 7 Nov 22 11:02 dl -> nowhere\n' +
      '-rw-r--r-- 1 student student 6 Nov 22 11:02 f\n' +
      'lrwxrwxrwx 1 student student 1 Nov 22 11:02 l -> f\n',
    ));
    expect(await run(h, ['ls', '-F', 'd'])).toEqual(ok('a*\nb\ndl@\nf\nl@\n'));
    await sh(h, 'mkdir d/s1 d/s2 d/s3 d/s4 d/s5 d/s6 d/s7 d/s8');
    expect(await run(h, ['ls', '-ld', 'd', '/home'])).toEqual(ok(
      'drwxr-xr-x  3 root    root    4096 Nov 22 11:02 /home\n' +
      'drwxr-xr-x 10 student student 4096 Nov 22 11:02 d\n',
    ));
  });

  it('shows -a, -A, -d, -R, -1 and sorts by -t, -S and -r', async () => {
    const h = host();
    await sh(h, 'mkdir -p t/sub && head -c 3000 /dev/zero > t/big && echo x > t/small && touch t/.hidden');
    expect(await run(h, ['ls', '-a', 't'])).toEqual(ok('.\n..\n.hidden\nbig\nsmall\nsub\n'));
    expect(await run(h, ['ls', '-A', 't'])).toEqual(ok('.hidden\nbig\nsmall\nsub\n'));
    expect(await run(h, ['ls', '-d', 't', 't/sub'])).toEqual(ok('t\nt/sub\n'));
    expect(await run(h, ['ls', '-R', 't'])).toEqual(ok('t:\nbig\nsmall\nsub\n\nt/sub:\n'));
    expect(await run(h, ['ls', '-S', 't'])).toEqual(ok('sub\nbig\nsmall\n'));
    expect(await run(h, ['ls', '-Sr', 't'])).toEqual(ok('small\nbig\nsub\n'));
    expect(await run(h, ['ls', '-1r', 't'])).toEqual(ok('sub\nsmall\nbig\n'));
    (h.kernel.clock as ManualClock).advance(60_000);
    await sh(h, 'touch t/small');
    expect(await run(h, ['ls', '-t', 't'])).toEqual(ok('small\nbig\nsub\n'));
    expect(await run(h, ['ls', 't', '/etc/hostname'])).toEqual(ok('/etc/hostname\n\nt:\nbig\nsmall\nsub\n'));
  });

  it('prints -i, -s and -h columns aligned', async () => {
    const h = host();
    await sh(h, 'mkdir d && head -c 5000 /dev/zero > d/big && touch d/e');
    const ino = (p: string) => h.vfs.lstat({ cwd: '/home/student', cred: { uid: 0, gid: 0, groups: [0] } }, p).ino;
    const big = ino('d/big');
    const e = ino('d/e');
    const w = Math.max(String(big).length, String(e).length);
    expect(await run(h, ['ls', '-i', 'd'])).toEqual(ok(`${String(big).padStart(w)} big\n${String(e).padStart(w)} e\n`));
    expect(await run(h, ['ls', '-s', 'd'])).toEqual(ok('total 8\n8 big\n0 e\n'));
    expect(await run(h, ['ls', '-sh', 'd'])).toEqual(ok('total 8.0K\n8.0K big\n   0 e\n'));
    expect(await run(h, ['ls', '-lh', 'd/big'])).toEqual(ok('-rw-r--r-- 1 student student 4.9K Nov 22 11:02 d/big\n'));
  });

  it('dates older than six months or in the future show the year', async () => {
    const h = host();
    await sh(h, 'touch -d 2025-01-15T08:00:00Z old && touch -d 2027-03-01T00:00:00Z future && touch -d 2026-06-01T10:30:00Z recent');
    expect(await run(h, ['ls', '-l', 'old', 'future', 'recent'])).toEqual(ok(
      '-rw-r--r-- 1 student student 0 Mar  1  2027 future\n' +
      '-rw-r--r-- 1 student student 0 Jan 15  2025 old\n' +
      '-rw-r--r-- 1 student student 0 Jun  1 10:30 recent\n',
    ));
  });

  it('shows devices as major, minor and counts directory operands into the widths', async () => {
    const h = host();
    expect(await run(h, ['ls', '-l', '/dev/null', '/dev/zero'])).toEqual(ok(
      'crw-rw-rw- 1 root root 1, 3 Nov 22 11:02 /dev/null\n' +
      'crw-rw-rw- 1 root root 1, 5 Nov 22 11:02 /dev/zero\n',
    ));
    await sh(h, 'mkdir dir1 && touch pi');
    expect(await run(h, ['ls', '-l', 'pi', 'dir1'])).toEqual(ok(
      '-rw-r--r-- 1 student student    0 Nov 22 11:02 pi\n\ndir1:\ntotal 0\n',
    ));
  });

  it('colours only when asked, or for a terminal with --color=auto', async () => {
    const h = host();
    await sh(h, 'mkdir d && touch d/f d/x && chmod +x d/x && ln -s f d/l && mkdir d/sub');
    expect(await run(h, ['ls', '--color=auto', 'd'])).toEqual(ok('f\nl\nsub\nx\n'));
    expect(await run(h, ['ls', '--color=never', 'd'])).toEqual(ok('f\nl\nsub\nx\n'));
    expect(await run(h, ['ls', '--color=always', 'd'])).toEqual(ok(
      'f\n\x1b[0m\x1b[01;36ml\x1b[0m\n\x1b[01;34msub\x1b[0m\n\x1b[01;32mx\x1b[0m\n',
    ));
    expect(await run(h, ['ls', '--color', '-l', 'd/l'])).toEqual(ok('lrwxrwxrwx 1 student student 1 Nov 22 11:02 \x1b[0m\x1b[01;36md/l\x1b[0m -> f\n'));
    expect(await run(h, ['ls', '-d', '--color=always', '/tmp'])).toEqual(ok('\x1b[0m\x1b[30;42m/tmp\x1b[0m\n'));
    expect(await run(h, ['ls', '--color=sometimes'])).toEqual({
      stdout: '',
      stderr: "ls: invalid argument ‘sometimes’ for ‘--color’\nValid arguments are:\n  - ‘always’, ‘yes’, ‘force’\n  - ‘never’, ‘no’, ‘none’\n  - ‘auto’, ‘tty’, ‘if-tty’\nTry 'ls --help' for more information.\n",
      code: 1,
    });
  });

  it('lays out columns as GNU does: tabs, most columns that fit, filled downwards', async () => {
    const h = host();
    await sh(h, `for n in ${GREEK}; do touch $n; done; mkdir dir1; chmod +x pi; ln -s alpha lnk`);
    expect(await run(h, ['ls', '-C', '-w', '40'])).toEqual(ok(
      'alpha\t eta\t lnk\t  rho\t   xi\n' +
      'beta\t gamma\t mu\t  sigma    zeta\n' +
      'delta\t iota\t nu\t  tau\n' +
      'dir1\t kappa\t omicron  theta\n' +
      'epsilon  lambda  pi\t  upsilon\n',
    ));
    expect(await run(h, ['ls', '-CF', '-w', '40', '--color=always'])).toEqual(ok(
      'alpha    eta     \x1b[0m\x1b[01;36mlnk\x1b[0m@     rho      xi\n' +
      'beta     gamma   mu       sigma    zeta\n' +
      'delta    iota    nu       tau\n' +
      '\x1b[01;34mdir1\x1b[0m/    kappa   omicron  theta\n' +
      'epsilon  lambda  \x1b[01;32mpi\x1b[0m*      upsilon\n',
    ));
    expect(await run(h, ['ls', '-C', '-w', '80'])).toEqual(ok(
      'alpha  delta  epsilon  gamma  kappa   lnk  nu\t    pi\t sigma\ttheta\t xi\n' +
      'beta   dir1   eta      iota   lambda  mu   omicron  rho  tau\tupsilon  zeta\n',
    ));
    // On a terminal, ls fills the terminal's width without being asked (the screen shows the
    // tabs as spaces).
    const t = new TerminalDriver(h, { cols: 40 });
    await t.prompt();
    expect(await t.type('ls\r')).toBe(
      'ls\n' +
      'alpha    eta     lnk      rho      xi\n' +
      'beta     gamma   mu       sigma    zeta\n' +
      'delta    iota    nu       tau\n' +
      'dir1     kappa   omicron  theta\n' +
      'epsilon  lambda  pi       upsilon\n' +
      'student@host:~$ ',
    );
  });

  it('reports errors with GNU wording and status', async () => {
    const h = host();
    await sh(h, 'mkdir -p d/locked && touch d/f && chmod 000 d/locked');
    expect(await run(h, ['ls', 'nosuch'])).toEqual({ stdout: '', stderr: "ls: cannot access 'nosuch': No such file or directory\n", code: 2 });
    expect(await run(h, ['ls', '-z'])).toEqual({ stdout: '', stderr: "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", code: 2 });
    expect(await run(h, ['ls', '--bogus'])).toEqual({ stdout: '', stderr: "ls: unrecognized option '--bogus'\nTry 'ls --help' for more information.\n", code: 2 });
    expect(await run(h, ['ls', '/root'])).toEqual({ stdout: '', stderr: "ls: cannot open directory '/root': Permission denied\n", code: 2 });
    expect(await run(h, ['ls', '/root'], { user: 'root' })).toEqual(ok(''));
    expect(await run(h, ['ls', '-R', 'd'])).toEqual({
      stdout: 'd:\nf\nlocked\n\nd/locked:\n',
      stderr: "ls: cannot open directory 'd/locked': Permission denied\n",
      code: 1,
    });
    expect(await run(h, ['ls', 'd', 'nosuch'])).toEqual({ stdout: 'd:\nf\nlocked\n', stderr: "ls: cannot access 'nosuch': No such file or directory\n", code: 2 });
  });
});
