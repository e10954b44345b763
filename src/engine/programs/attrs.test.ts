import { describe, expect, it } from 'vitest';
import { run, sh, testHost } from '../testing/harness';
import { ManualClock } from '../index';

const NOW = Date.UTC(2026, 10, 22, 11, 2, 49);
const host = () => testHost({ clock: new ManualClock(NOW) });
const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string, stdout = '') => ({ stdout, stderr, code: 1 });
const ROOT = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] } };

describe('stat', () => {
  it('prints the default layout for files, links and devices', async () => {
    const h = host();
    await sh(h, 'echo hello > f && ln -s f l');
    const ino = (p: string) => h.vfs.lstat(ROOT, p).ino;
    const stamps = 'Access: 2026-11-22 11:02:49.000000000 +0000\nModify: 2026-11-22 11:02:49.000000000 +0000\nChange: 2026-11-22 11:02:49.000000000 +0000\n Birth: -\n';
    expect(await run(h, ['stat', 'f', 'l'])).toEqual(ok(
      '  File: f\n' +
      '  Size: 6         \tBlocks: 8          IO Block: 4096   regular file\n' +
      `Device: 254,1\tInode: ${String(ino('/home/student/f')).padEnd(10)}  Links: 1\n` +
      'Access: (0644/-rw-r--r--)  Uid: ( 1000/ student)   Gid: ( 1000/ student)\n' + stamps +
      '  File: l -> f\n' +
      '  Size: 1         \tBlocks: 0          IO Block: 4096   symbolic link\n' +
      `Device: 254,1\tInode: ${String(ino('/home/student/l')).padEnd(10)}  Links: 1\n` +
      'Access: (0777/lrwxrwxrwx)  Uid: ( 1000/ student)   Gid: ( 1000/ student)\n' + stamps,
    ));
    const dev = await run(h, ['stat', '/dev/null']);
    expect(dev.stdout.split('\n').slice(1, 4)).toEqual([
      '  Size: 0         \tBlocks: 0          IO Block: 4096   character special file',
      `Device: 0,6\tInode: ${String(ino('/dev/null')).padEnd(10)}  Links: 1     Device type: 1,3`,
      'Access: (0666/crw-rw-rw-)  Uid: (    0/    root)   Gid: (    0/    root)',
    ]);
  });

  it('formats -c, --printf and -t, and reports missing files', async () => {
    const h = host();
    await sh(h, 'touch f && mkdir d && ln -s f l');
    expect(await run(h, ['stat', '-c', '%n %s %a %A %U %G %u %g %F %h', 'f', 'd', 'l'])).toEqual(ok(
      'f 0 644 -rw-r--r-- student student 1000 1000 regular empty file 1\n' +
      'd 4096 755 drwxr-xr-x student student 1000 1000 directory 2\n' +
      'l 1 777 lrwxrwxrwx student student 1000 1000 symbolic link 1\n',
    ));
    expect(await run(h, ['stat', '-c', '%i', 'f'])).toEqual(ok(`${h.vfs.lstat(ROOT, '/home/student/f').ino}\n`));
    expect(await run(h, ['stat', '-L', '-c', '%F %N', 'l'])).toEqual(ok("regular empty file 'l'\n"));
    expect(await run(h, ['stat', '-c', '%N|%q|%%|%f', 'l'])).toEqual(ok("'l' -> 'f'|?|%|a1ff\n"));
    expect(await run(h, ['stat', '--printf', '%n\\t%s\\n', 'f', 'd'])).toEqual(ok('f\t0\nd\t4096\n'));
    expect(await run(h, ['stat', '-c', '%U:%G %a', '/tmp', '/etc/shadow'])).toEqual(ok('root:root 1777\nroot:shadow 640\n'));
    expect(await sh(h, 'chown 4242:4343 f', { user: 'root', cwd: '/home/student' })).toEqual(ok(''));
    expect(await run(h, ['stat', '-c', '%u %g %U %G', 'f'])).toEqual(ok('4242 4343 UNKNOWN UNKNOWN\n'));
    expect(await run(h, ['stat', 'nosuch'])).toEqual(fail("stat: cannot statx 'nosuch': No such file or directory\n"));
    expect(await run(h, ['stat', '-c', '%n', 'f', 'nosuch'])).toEqual(fail("stat: cannot statx 'nosuch': No such file or directory\n", 'f\n'));
    expect(await run(h, ['stat'])).toEqual(fail("stat: missing operand\nTry 'stat --help' for more information.\n"));
  });
});

describe('chmod', () => {
  it('applies octal and symbolic modes and reports changes like GNU', async () => {
    const h = host();
    await sh(h, 'touch f && mkdir -p d/e && touch d/e/g');
    expect(await run(h, ['chmod', '-v', '755', 'f'])).toEqual(ok("mode of 'f' changed from 0644 (rw-r--r--) to 0755 (rwxr-xr-x)\n"));
    expect(await run(h, ['chmod', '-v', 'u+x', 'f'])).toEqual(ok("mode of 'f' retained as 0755 (rwxr-xr-x)\n"));
    expect(await run(h, ['chmod', '-c', 'u+x', 'f'])).toEqual(ok(''));
    expect(await run(h, ['chmod', '-c', 'go-w,a=r', 'f'])).toEqual(ok("mode of 'f' changed from 0755 (rwxr-xr-x) to 0444 (r--r--r--)\n"));
    expect(await run(h, ['chmod', '-v', '=rw', 'f'])).toEqual(ok("mode of 'f' changed from 0444 (r--r--r--) to 0644 (rw-r--r--)\n"));
    expect(await run(h, ['chmod', '-v', '-w', 'f'])).toEqual(ok("mode of 'f' changed from 0644 (rw-r--r--) to 0444 (r--r--r--)\n"));
    expect(await run(h, ['chmod', '-Rv', '700', 'd'])).toEqual(ok(
      "mode of 'd' changed from 0755 (rwxr-xr-x) to 0700 (rwx------)\n" +
      "mode of 'd/e' changed from 0755 (rwxr-xr-x) to 0700 (rwx------)\n" +
      "mode of 'd/e/g' changed from 0644 (rw-r--r--) to 0700 (rwx------)\n",
    ));
    expect(await run(h, ['chmod', '-v', '4755', 'f'])).toEqual(ok("mode of 'f' changed from 0444 (r--r--r--) to 4755 (rwsr-xr-x)\n"));
    expect(await run(h, ['chmod', '-v', 'ug=rwx,o=', 'f'])).toEqual(ok("mode of 'f' changed from 4755 (rwsr-xr-x) to 0770 (rwxrwx---)\n"));
    expect(await run(h, ['chmod', '-v', 'o=g', 'f'])).toEqual(ok("mode of 'f' changed from 0770 (rwxrwx---) to 0777 (rwxrwxrwx)\n"));
    expect(await run(h, ['chmod', '-v', 'g+s,o+t', 'd'])).toEqual(ok("mode of 'd' changed from 0700 (rwx------) to 3700 (rwx--S--T)\n"));
    expect(await run(h, ['chmod', '-v', '755', 'd'])).toEqual(ok("mode of 'd' changed from 3700 (rwx--S--T) to 2755 (rwxr-sr-x)\n"));
    expect(await run(h, ['chmod', '-v', '00755', 'd'])).toEqual(ok("mode of 'd' changed from 2755 (rwxr-sr-x) to 0755 (rwxr-xr-x)\n"));
    expect(await run(h, ['chmod', '--', '-r', 'f'])).toEqual(ok(''));
    expect(await run(h, ['stat', '-c', '%a', 'f'])).toEqual(ok('333\n'));
  });

  it('reports bad modes, missing files and files of other users', async () => {
    const h = host();
    await sh(h, 'touch f');
    expect(await run(h, ['chmod', '9', 'f'])).toEqual(fail("chmod: invalid mode: ‘9’\nTry 'chmod --help' for more information.\n"));
    expect(await run(h, ['chmod', 'u+z', 'f'])).toEqual(fail("chmod: invalid mode: ‘u+z’\nTry 'chmod --help' for more information.\n"));
    expect(await run(h, ['chmod', '77777', 'f'])).toEqual(fail("chmod: invalid mode: ‘77777’\nTry 'chmod --help' for more information.\n"));
    expect(await run(h, ['chmod'])).toEqual(fail("chmod: missing operand\nTry 'chmod --help' for more information.\n"));
    expect(await run(h, ['chmod', '644'])).toEqual(fail("chmod: missing operand after ‘644’\nTry 'chmod --help' for more information.\n"));
    expect(await run(h, ['chmod', '644', 'nosuch'])).toEqual(fail("chmod: cannot access 'nosuch': No such file or directory\n"));
    expect(await run(h, ['chmod', '644', '/etc/hostname'])).toEqual(fail("chmod: changing permissions of '/etc/hostname': Operation not permitted\n"));
    expect(await run(h, ['chmod', '-f', '644', '/etc/hostname', 'nosuch'])).toEqual(fail(''));
    expect(await run(h, ['chmod', '600', '/etc/hostname'], { user: 'root' })).toEqual(ok(''));
    expect(await run(h, ['chmod', '--bogus', 'f'])).toEqual(fail("chmod: unrecognized option '--bogus'\nTry 'chmod --help' for more information.\n"));
  });
});

describe('chown', () => {
  it('lets only root give files away, and words -v as GNU does', async () => {
    const h = host();
    await sh(h, 'touch f && mkdir -p d/e');
    expect(await run(h, ['chown', 'root', 'f'])).toEqual(fail("chown: changing ownership of 'f': Operation not permitted\n"));
    expect(await run(h, ['chown', ':root', 'f'])).toEqual(fail("chown: changing group of 'f': Operation not permitted\n"));
    expect(await run(h, ['chown', 'student:docker', 'f'])).toEqual(ok(''));
    expect(await run(h, ['chown', 'bogususer', 'f'])).toEqual(fail('chown: invalid user: ‘bogususer’\n'));
    expect(await run(h, ['chown', ':bogusgrp', 'f'])).toEqual(fail('chown: invalid group: ‘:bogusgrp’\n'));
    expect(await run(h, ['chown', 'root', 'nosuch'])).toEqual(fail("chown: cannot access 'nosuch': No such file or directory\n"));
    expect(await run(h, ['chown'])).toEqual(fail("chown: missing operand\nTry 'chown --help' for more information.\n"));
    const root = { user: 'root', cwd: '/home/student' };
    expect(await run(h, ['chown', '-v', 'nobody', 'f'], root)).toEqual(ok("changed ownership of 'f' from student to nobody\n"));
    expect(await run(h, ['chown', '-v', 'nobody', 'f'], root)).toEqual(ok("ownership of 'f' retained as nobody\n"));
    expect(await run(h, ['chown', '-v', ':nogroup', 'f'], root)).toEqual(ok("changed ownership of 'f' from nobody:docker to :nogroup\n"));
    expect(await run(h, ['chown', '-v', 'root:root', 'f'], root)).toEqual(ok("changed ownership of 'f' from nobody:nogroup to root:root\n"));
    expect(await run(h, ['chown', '-c', 'daemon:', 'f'], root)).toEqual(ok("changed ownership of 'f' from root:root to daemon:daemon\n"));
    expect(await run(h, ['chown', '-v', ':0', 'f'], root)).toEqual(ok("changed group of 'f' from daemon to root\n"));
    expect(await run(h, ['chown', '-Rv', 'nobody:nogroup', 'd'], root)).toEqual(ok(
      "changed ownership of 'd/e' from student:student to nobody:nogroup\nchanged ownership of 'd' from student:student to nobody:nogroup\n",
    ));
    expect(await run(h, ['chown', 'nobody.nogroup', 'f'], root)).toEqual({ stdout: '', stderr: "chown: warning: '.' should be ':': ‘nobody.nogroup’\n", code: 0 });
    expect(await run(h, ['stat', '-c', '%U:%G', 'f', 'd', 'd/e'])).toEqual(ok('nobody:nogroup\nnobody:nogroup\nnobody:nogroup\n'));
  });
});
