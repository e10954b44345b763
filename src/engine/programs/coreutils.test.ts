import { describe, expect, it } from 'vitest';
import { run, sh, testHost } from '../testing/harness';
import { ManualClock } from '../index';

const NOW = Date.UTC(2026, 10, 22, 11, 2, 49);
const host = () => testHost({ clock: new ManualClock(NOW) });
const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });

describe('files', () => {
  it('ls lists names, long format and errors', async () => {
    const h = host();
    await sh(h, 'mkdir d && touch d/b d/a && echo hello > d/f && ln -s f d/l && chmod 755 d/a');
    expect(await sh(h, 'ls d')).toEqual(ok('a\nb\nf\nl\n'));
    expect(await sh(h, 'ls -l d')).toEqual(ok(
      'total 4\n' +
      '-rwxr-xr-x 1 student student 0 Nov 22 11:02 a\n' +
      '-rw-r--r-- 1 student student 0 Nov 22 11:02 b\n' +
      '-rw-r--r-- 1 student student 6 Nov 22 11:02 f\n' +
      'lrwxrwxrwx 1 student student 1 Nov 22 11:02 l -> f\n',
    ));
    expect(await sh(h, 'ls -A')).toEqual(ok('.bash_logout\n.bashrc\n.profile\nd\n'));
    expect(await sh(h, 'ls -d d /etc/hostname')).toEqual(ok('/etc/hostname\nd\n'));
    expect(await sh(h, 'ls nosuch')).toEqual({ stdout: '', stderr: "ls: cannot access 'nosuch': No such file or directory\n", code: 2 });
    expect(await sh(h, 'ls -z')).toEqual({ stdout: '', stderr: "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", code: 2 });
    expect(await sh(h, 'ls -F d')).toEqual(ok('a*\nb\nf\nl@\n'));
    expect(await sh(h, 'ls --color=always d/a')).toEqual(ok('\x1b[0m\x1b[01;32md/a\x1b[0m\n'));
    expect(await sh(h, 'ls -l /dev/null')).toEqual(ok('crw-rw-rw- 1 root root 1, 3 Nov 22 11:02 /dev/null\n'));
  });

  it('mkdir, rmdir, rm, cp, mv and ln report as GNU does', async () => {
    const h = host();
    expect(await sh(h, 'mkdir a; mkdir a')).toEqual({ stdout: '', stderr: 'mkdir: cannot create directory ‘a’: File exists\n', code: 1 });
    expect(await sh(h, 'mkdir -pv x/y')).toEqual(ok("mkdir: created directory 'x'\nmkdir: created directory 'x/y'\n"));
    expect(await sh(h, 'rmdir x')).toEqual({ stdout: '', stderr: "rmdir: failed to remove 'x': Directory not empty\n", code: 1 });
    expect(await sh(h, 'rm x')).toEqual({ stdout: '', stderr: "rm: cannot remove 'x': Is a directory\n", code: 1 });
    expect(await sh(h, 'rm nosuch; rm -f nosuch; echo $?')).toEqual({ stdout: '0\n', stderr: "rm: cannot remove 'nosuch': No such file or directory\n", code: 0 });
    expect(await sh(h, 'rm -rf /')).toEqual({ stdout: '', stderr: "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n", code: 1 });
    expect(await sh(h, 'echo data > f; cp f g; cat g; cp x y')).toEqual({ stdout: 'data\n', stderr: "cp: -r not specified; omitting directory 'x'\n", code: 1 });
    expect(await sh(h, 'cp -r x y && ls y; mv g h && ls'))
      .toEqual(ok('y\na\nf\nh\nx\ny\n'));
    expect(await sh(h, 'mv nosuch z')).toEqual({ stdout: '', stderr: "mv: cannot stat 'nosuch': No such file or directory\n", code: 1 });
    expect(await sh(h, 'ln f f2 && ln -s f f3 && ln f f2')).toEqual({ stdout: '', stderr: "ln: failed to create hard link 'f2': File exists\n", code: 1 });
    expect(await sh(h, 'stat -c "%h %F" f f3')).toEqual(ok('2 regular file\n1 symbolic link\n'));
    expect(await sh(h, 'cp /etc/shadow .')).toEqual({ stdout: '', stderr: "cp: cannot open '/etc/shadow' for reading: Permission denied\n", code: 1 });
  });

  it('chmod and chown enforce ownership', async () => {
    const h = host();
    expect(await sh(h, 'touch f; chmod 640 f; chmod u+x,o+r f; stat -c "%a %A" f')).toEqual(ok('744 -rwxr--r--\n'));
    expect(await sh(h, 'chmod 644 /etc/hostname')).toEqual({ stdout: '', stderr: "chmod: changing permissions of '/etc/hostname': Operation not permitted\n", code: 1 });
    expect(await sh(h, 'chown root f')).toEqual({ stdout: '', stderr: "chown: changing ownership of 'f': Operation not permitted\n", code: 1 });
    expect(await sh(h, 'chown student:docker f && stat -c "%U:%G" f')).toEqual(ok('student:docker\n'));
    expect(await sh(h, 'chown nobody /home/student/f && stat -c %U /home/student/f', { user: 'root' })).toEqual(ok('nobody\n'));
    expect(await sh(h, 'chmod 9 f')).toEqual({ stdout: '', stderr: "chmod: invalid mode: ‘9’\nTry 'chmod --help' for more information.\n", code: 1 });
  });

  it('stat prints the GNU layout', async () => {
    const h = host();
    const r = await sh(h, 'stat /etc/hostname');
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/Inode: \d+\s+/, 'Inode: N ')).toBe(
      '  File: /etc/hostname\n' +
      '  Size: 5         \tBlocks: 8          IO Block: 4096   regular file\n' +
      'Device: 254,1\tInode: N Links: 1\n' +
      'Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n' +
      'Access: 2026-11-22 11:02:49.000000000 +0000\n' +
      'Modify: 2026-11-22 11:02:49.000000000 +0000\n' +
      'Change: 2026-11-22 11:02:49.000000000 +0000\n' +
      ' Birth: -\n',
    );
  });
});

describe('text', () => {
  it('head, tail and wc', async () => {
    const h = host();
    await sh(h, 'seq 20 > n');
    expect(await sh(h, 'head -n 3 n')).toEqual(ok('1\n2\n3\n'));
    expect(await sh(h, 'tail -n 2 n; tail -n +19 n')).toEqual(ok('19\n20\n19\n20\n'));
    expect(await sh(h, 'head -c 4 n')).toEqual(ok('1\n2\n'));
    expect(await sh(h, 'wc n; wc -l < n; echo a b | wc')).toEqual(ok('20 20 51 n\n20\n      1       2       4\n'));
    expect(await sh(h, 'head -n x n')).toEqual({ stdout: '', stderr: 'head: invalid number of lines: ‘x’\n', code: 1 });
    expect(await sh(h, 'wc nosuch')).toEqual({ stdout: '', stderr: 'wc: nosuch: No such file or directory\n', code: 1 });
  });

  it('grep matches, counts, colours and reports', async () => {
    const h = host();
    await sh(h, "printf 'apple\\nBanana\\ncherry\\napple pie\\n' > f");
    expect(await sh(h, 'grep apple f')).toEqual(ok('apple\napple pie\n'));
    expect(await sh(h, 'grep -in banana f; grep -c apple f; grep -v a f')).toEqual(ok('2:Banana\n2\ncherry\n'));
    expect(await sh(h, 'grep -w apple f; grep -x apple f; grep -o "p\\+" f')).toEqual(ok('apple\napple pie\napple\npp\npp\np\n'));
    expect(await sh(h, 'grep -E "^(a|c)" f')).toEqual(ok('apple\ncherry\napple pie\n'));
    expect(await sh(h, 'grep --color=always cher f')).toEqual(ok('\x1b[01;31m\x1b[Kcher\x1b[m\x1b[Kry\n'));
    expect(await sh(h, 'grep nothing f')).toEqual({ stdout: '', stderr: '', code: 1 });
    expect(await sh(h, 'grep x nosuch')).toEqual({ stdout: '', stderr: 'grep: nosuch: No such file or directory\n', code: 2 });
    expect(await sh(h, 'grep -l apple f /etc/hostname; grep -r student /etc | head -1')).toEqual(ok('f\n/etc/group:sudo:x:27:student\n'));
  });

  it('sed edits streams', async () => {
    const h = host();
    expect(await sh(h, "printf 'a\\nb\\nc\\n' | sed -n '2p'; echo hi | sed 's/h/H/'; printf '1\\n2\\n3\\n' | sed '2d'")).toEqual(ok('b\nHi\n1\n3\n'));
    expect(await sh(h, "echo 'a b' | sed -E 's/(a) (b)/\\2 \\1/'; echo aaa | sed 's/a/x/2'; echo abc | sed 'y/abc/ABC/'")).toEqual(ok('b a\naxa\nABC\n'));
    expect(await sh(h, "echo x | sed 's/x/y'")).toEqual({ stdout: '', stderr: "sed: -e expression #1, char 5: unterminated `s' command\n", code: 1 });
    expect(await sh(h, 'echo data > f; sed -i s/data/DATA/ f; cat f')).toEqual(ok('DATA\n'));
  });

  it('sort, uniq, cut, tr', async () => {
    const h = host();
    expect(await sh(h, "printf 'b\\na\\nc\\na\\n' | sort | uniq -c")).toEqual(ok('      2 a\n      1 b\n      1 c\n'));
    expect(await sh(h, "printf '10\\n9\\n100\\n' | sort -n; printf '10\\n9\\n100\\n' | sort -rn")).toEqual(ok('9\n10\n100\n100\n10\n9\n'));
    expect(await sh(h, "printf 'x 3\\ny 1\\nz 2\\n' | sort -k2n")).toEqual(ok('y 1\nz 2\nx 3\n'));
    expect(await sh(h, 'cut -d: -f1,7 /etc/passwd | head -2; echo hello | cut -c2-4')).toEqual(ok('root:/bin/bash\ndaemon:/usr/sbin/nologin\nell\n'));
    expect(await sh(h, "echo hello | tr a-z A-Z; echo 'a  b' | tr -s ' '; echo abc | tr -d b")).toEqual(ok('HELLO\na b\nac\n'));
    expect(await sh(h, 'echo x | tr')).toEqual({ stdout: '', stderr: "tr: missing operand\nTry 'tr --help' for more information.\n", code: 1 });
  });

  it('printf, seq, echo, basename and dirname', async () => {
    const h = host();
    expect(await run(h, ['printf', '%5s|%-3d|%x\\n', 'ab', '7', '255'])).toEqual(ok('   ab|7  |ff\n'));
    expect(await run(h, ['printf', '%d\\n', 'abc'])).toEqual({ stdout: '0\n', stderr: 'printf: ‘abc’: expected a numeric value\n', code: 1 });
    expect(await run(h, ['seq', '-s', ',', '3'])).toEqual(ok('1,2,3\n'));
    expect(await run(h, ['seq', '2', '2', '7'])).toEqual(ok('2\n4\n6\n'));
    expect(await sh(h, 'basename /a/b/c.txt .txt; dirname /a/b/c.txt; basename /')).toEqual(ok('c\n/a/b\n/\n'));
  });
});

describe('system', () => {
  it('id, whoami, groups, hostname, uname', async () => {
    const h = host();
    expect(await run(h, ['id'])).toEqual(ok('uid=1000(student) gid=1000(student) groups=1000(student),27(sudo),999(docker)\n'));
    expect(await run(h, ['id', '-un'])).toEqual(ok('student\n'));
    expect(await run(h, ['id'], { user: 'root' })).toEqual(ok('uid=0(root) gid=0(root) groups=0(root)\n'));
    expect(await run(h, ['whoami'])).toEqual(ok('student\n'));
    expect(await run(h, ['groups'])).toEqual(ok('student sudo docker\n'));
    expect(await run(h, ['hostname'])).toEqual(ok('host\n'));
    expect(await run(h, ['hostname', 'other'])).toEqual({ stdout: '', stderr: 'hostname: you must be root to change the host name\n', code: 1 });
    expect(await run(h, ['uname', '-a'])).toEqual(ok('Linux host 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64 GNU/Linux\n'));
    expect(await run(h, ['uname', '-sr'])).toEqual(ok('Linux 6.1.0-28-amd64\n'));
  });

  it('date, env, which', async () => {
    const h = host();
    expect(await run(h, ['date'])).toEqual(ok('Sun Nov 22 11:02:49 UTC 2026\n'));
    expect(await run(h, ['date', '+%F %T %s'])).toEqual(ok('2026-11-22 11:02:49 1795345369\n'));
    expect(await run(h, ['date', '-d', '@0'])).toEqual(ok('Thu Jan  1 00:00:00 UTC 1970\n'));
    expect(await run(h, ['env', '-i', 'A=1', 'B=2'])).toEqual(ok('A=1\nB=2\n'));
    expect(await run(h, ['env', '-i', 'X=y', '/usr/bin/env'])).toEqual(ok('X=y\n'));
    expect(await run(h, ['which', 'ls', 'nosuch'])).toEqual({ stdout: '/usr/bin/ls\n', stderr: '', code: 1 });
  });

  it('ps shows processes from /proc and kill signals them', async () => {
    const h = host();
    const sleeper = h.kernel.spawn({ parent: h.kernel.init, argv: ['sleep', '100'], path: '/usr/bin/sleep', fds: new Map(), cred: { uid: 1000, gid: 1000, groups: [1000] } });
    const aux = await run(h, ['ps', 'aux']);
    expect(aux.stdout.split('\n')[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(aux.stdout).toContain(`student  ${String(sleeper.pid).padStart(7)}  0.0  0.0   8192  1024 ?        S    11:02   0:00 sleep 100\n`);
    expect(aux.stdout).toContain('root           1  0.0  0.0   8192  1024 ?        Ss   11:02   0:00 /sbin/init\n');
    const ef = await run(h, ['ps', '-ef']);
    expect(ef.stdout).toContain(`student  ${String(sleeper.pid).padStart(7)}       1  0 11:02 ?        00:00:00 sleep 100\n`);
    expect(await run(h, ['ps', '-p', String(sleeper.pid), '-o', 'pid,comm'])).toEqual(ok(`    PID COMMAND\n${String(sleeper.pid).padStart(7)} sleep\n`));
    expect(await run(h, ['kill', String(sleeper.pid)])).toEqual(ok(''));
    expect(sleeper.status).toEqual({ signal: 15, core: false });
    expect(await run(h, ['kill', '99999'])).toEqual({ stdout: '', stderr: 'kill: (99999): No such process\n', code: 1 });
    expect(await run(h, ['kill', '1'])).toEqual({ stdout: '', stderr: 'kill: (1): Operation not permitted\n', code: 1 });
    expect(await run(h, ['kill', '-l', '9'])).toEqual(ok('KILL\n'));
  });

  it('free reads /proc/meminfo', async () => {
    const h = host();
    const r = await run(h, ['free']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('               total        used        free      shared  buff/cache   available');
    expect(lines[1]).toMatch(/^Mem:\s+8388608\s+\d+\s+\d+\s+1024\s+\d+\s+\d+$/);
    expect(lines[2]).toBe('Swap:              0           0           0');
  });
});

describe('find, du, df', () => {
  it('find walks, tests and acts', async () => {
    const h = host();
    await sh(h, 'mkdir -p a/b; touch a/x.txt a/b/y.txt; echo hi > a/b/z');
    expect(await sh(h, 'find a')).toEqual(ok('a\na/b\na/b/y.txt\na/b/z\na/x.txt\n'));
    expect(await sh(h, 'find a -name "*.txt"; find a -type d; find a -maxdepth 1')).toEqual(ok('a/b/y.txt\na/x.txt\na\na/b\na\na/b\na/x.txt\n'));
    expect(await sh(h, 'find a -name z -exec cat {} \\;; find a -name "*.txt" -exec echo found {} +')).toEqual(ok('hi\nfound a/b/y.txt a/x.txt\n'));
    expect(await sh(h, 'find a -name b -prune -o -print; find a ! -name "*.txt" -type f')).toEqual(ok('a\na/x.txt\na/b/z\n'));
    expect(await sh(h, 'find nosuch')).toEqual({ stdout: '', stderr: 'find: ‘nosuch’: No such file or directory\n', code: 1 });
    expect(await sh(h, 'find a -bogus')).toEqual({ stdout: '', stderr: "find: unknown predicate `-bogus'\n", code: 1 });
    expect(await sh(h, 'find a -name "*.txt" -delete; find a')).toEqual(ok('a\na/b\na/b/z\n'));
  });

  it('du counts 1K blocks and df lists filesystems', async () => {
    const h = host();
    await sh(h, 'mkdir -p a/b; echo hi > a/b/z; ln a/b/z a/hard');
    expect(await sh(h, 'du a; du -sh a; du -a a')).toEqual(ok('8\ta/b\n12\ta\n12K\ta\n4\ta/b/z\n8\ta/b\n12\ta\n'));
    const r = await sh(h, 'df -T /');
    expect(r.stdout).toMatch(/^Filesystem\s+Type\s+1K-blocks\s+Used\s+Available\s+Use% Mounted on\n\/dev\/vda1\s+ext4\s+67108864\s+\d+\s+\d+\s+1% \/\n$/);
  });
});
