import { describe, expect, it } from 'vitest';
import { run, sh, testHost } from '../testing/harness';
import { ManualClock } from '../index';
import { MemfsBackend } from '../vfs/memfs-backend';
import { ROOT_WHO } from '../host/rootfs';

const NOW = Date.UTC(2026, 10, 22, 11, 2, 49);
const host = () => testHost({ clock: new ManualClock(NOW) });
const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string, stdout = '') => ({ stdout, stderr, code: 1 });

describe('cp', () => {
  it('copies files and trees, verbosely, and refuses directories without -r', async () => {
    const h = host();
    await sh(h, 'mkdir -p x/y && echo data > f');
    expect(await run(h, ['cp', '-v', 'f', 'g'])).toEqual(ok("'f' -> 'g'\n"));
    expect(await run(h, ['cp', '-rv', 'x', 'z'])).toEqual(ok("'x' -> 'z'\n'x/y' -> 'z/y'\n"));
    expect(await run(h, ['cp', 'x', 'q'])).toEqual(fail("cp: -r not specified; omitting directory 'x'\n"));
    expect(await run(h, ['cp', 'nosuch', 'q'])).toEqual(fail("cp: cannot stat 'nosuch': No such file or directory\n"));
    expect(await run(h, ['cp', 'f', 'f'])).toEqual(fail("cp: 'f' and 'f' are the same file\n"));
    expect(await run(h, ['cp'])).toEqual(fail("cp: missing file operand\nTry 'cp --help' for more information.\n"));
    expect(await run(h, ['cp', 'f'])).toEqual(fail("cp: missing destination file operand after 'f'\nTry 'cp --help' for more information.\n"));
    expect(await run(h, ['cp', 'f', 'g', 'nodir'])).toEqual(fail("cp: target 'nodir' is not a directory\n"));
    expect(await run(h, ['cp', '-r', 'x', 'x/y'])).toEqual(fail("cp: cannot copy a directory, 'x', into itself, 'x/y/x'\n"));
    expect(await run(h, ['cp', '/etc/shadow', '.'])).toEqual(fail("cp: cannot open '/etc/shadow' for reading: Permission denied\n"));
    expect(await run(h, ['cp', 'f', '/etc/'])).toEqual(fail("cp: cannot create regular file '/etc/f': Permission denied\n"));
    expect(await run(h, ['cat', 'g'])).toEqual(ok('data\n'));
  });

  it('-a and -p keep mode, times and (for root) owners', async () => {
    const h = host();
    await sh(h, 'echo x > f && chmod 750 f && touch -d 2025-01-01T00:00:00Z f');
    expect(await sh(h, 'cp f plain && cp -p f kept && cp -a f arch && ls -l plain kept arch')).toEqual(ok(
      '-rwxr-x--- 1 student student 2 Jan  1  2025 arch\n' +
      '-rwxr-x--- 1 student student 2 Jan  1  2025 kept\n' +
      '-rwxr-x--- 1 student student 2 Nov 22 11:02 plain\n',
    ));
    expect(await sh(h, 'cp -a /etc/hostname /root/h && stat -c "%U %a" /root/h', { user: 'root' })).toEqual(ok('root 644\n'));
  });
});

describe('mv', () => {
  it('renames, moves into directories and reports as GNU does', async () => {
    const h = host();
    await sh(h, 'mkdir d && touch f g');
    expect(await run(h, ['mv', '-v', 'f', 'h'])).toEqual(ok("renamed 'f' -> 'h'\n"));
    expect(await run(h, ['mv', '-v', 'h', 'g', 'd'])).toEqual(ok("renamed 'h' -> 'd/h'\nrenamed 'g' -> 'd/g'\n"));
    expect(await run(h, ['mv', 'nosuch', 'z'])).toEqual(fail("mv: cannot stat 'nosuch': No such file or directory\n"));
    expect(await run(h, ['mv', 'd', 'd/sub'])).toEqual(fail("mv: cannot move 'd' to a subdirectory of itself, 'd/sub'\n"));
    expect(await run(h, ['mv', 'd/h', 'nowhere/'])).toEqual(fail("mv: cannot move 'd/h' to 'nowhere/': Not a directory\n"));
    expect(await run(h, ['mv', 'd/h', '/etc/'])).toEqual(fail("mv: cannot move 'd/h' to '/etc/h': Permission denied\n"));
    expect(await run(h, ['mv'])).toEqual(fail("mv: missing file operand\nTry 'mv --help' for more information.\n"));
    expect(await run(h, ['mv', '-f', 'd/h', 'd/g'])).toEqual(ok(''));
    expect(await run(h, ['ls', 'd'])).toEqual(ok('g\n'));
  });

  it('copies and removes across filesystems (EXDEV)', async () => {
    const h = host();
    h.vfs.mount(ROOT_WHO, '/mnt', new MemfsBackend('tmpfs', 0x2a, () => NOW), 'tmpfs');
    h.vfs.chmod(ROOT_WHO, '/mnt', 0o1777);
    await sh(h, 'mkdir -p d/e && echo hi > d/e/f && echo x > g');
    expect(await run(h, ['mv', '-v', 'g', '/mnt/'])).toEqual(ok("copied 'g' -> '/mnt/g'\nremoved 'g'\n"));
    expect(await run(h, ['mv', '-v', 'd', '/mnt/'])).toEqual(ok(
      "created directory '/mnt/d'\ncreated directory '/mnt/d/e'\ncopied 'd/e/f' -> '/mnt/d/e/f'\n" +
      "removed 'd/e/f'\nremoved directory 'd/e'\nremoved directory 'd'\n",
    ));
    expect(await sh(h, 'cat /mnt/d/e/f /mnt/g; ls')).toEqual(ok('hi\nx\n'));
    expect(await run(h, ['ln', '/mnt/g', 'hl'])).toEqual(fail("ln: failed to create hard link 'hl' => '/mnt/g': Invalid cross-device link\n"));
  });
});

describe('rm', () => {
  it('removes files and trees and reports as GNU does', async () => {
    const h = host();
    await sh(h, 'mkdir -p x/y && touch f x/y/z');
    expect(await run(h, ['rm', '-v', 'f'])).toEqual(ok("removed 'f'\n"));
    expect(await run(h, ['rm', 'nosuch'])).toEqual(fail("rm: cannot remove 'nosuch': No such file or directory\n"));
    expect(await run(h, ['rm', '-f', 'nosuch'])).toEqual(ok(''));
    expect(await run(h, ['rm', 'x'])).toEqual(fail("rm: cannot remove 'x': Is a directory\n"));
    expect(await run(h, ['rm'])).toEqual(fail("rm: missing operand\nTry 'rm --help' for more information.\n"));
    expect(await run(h, ['rm', '-f'])).toEqual(ok(''));
    expect(await run(h, ['rm', '-r', '.'])).toEqual(fail("rm: refusing to remove '.' or '..' directory: skipping '.'\n"));
    expect(await run(h, ['rm', '-rv', 'x'])).toEqual(ok("removed 'x/y/z'\nremoved directory 'x/y'\nremoved directory 'x'\n"));
    await sh(h, 'mkdir e');
    expect(await run(h, ['rm', '-dv', 'e'])).toEqual(ok("removed directory 'e'\n"));
  });

  it('refuses / and keeps parents of what it could not remove', async () => {
    const h = host();
    expect(await run(h, ['rm', '-rf', '/'])).toEqual(fail("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n"));
    expect(await run(h, ['rm', '-rf', '/'], { user: 'root' })).toEqual(fail("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n"));
    await sh(h, 'mkdir -p d/sub d/sub2 && touch d/sub/x && chmod 000 d/sub && chmod 300 d/sub2');
    expect(await run(h, ['rm', '-r', 'd'])).toEqual(fail("rm: cannot remove 'd/sub': Permission denied\n"));
    expect(await run(h, ['ls', '-A', 'd'])).toEqual(ok('sub\n'));
    await sh(h, 'mkdir -p e/a/b && touch e/a/b/f && chmod 500 e/a/b');
    expect(await run(h, ['rm', '-rv', 'e'])).toEqual(fail("rm: cannot remove 'e/a/b/f': Permission denied\n"));
    expect(await run(h, ['rm', '/etc/hostname'])).toEqual(fail("rm: cannot remove '/etc/hostname': Permission denied\n"));
    expect(await run(h, ['rm', '-rf', 'e', 'd'], { user: 'root', cwd: '/home/student' })).toEqual(ok(''));
  });
});

describe('mkdir and rmdir', () => {
  it('mkdir makes directories, with parents, modes and messages', async () => {
    const h = host();
    expect(await run(h, ['mkdir', '-v', 'a'])).toEqual(ok("mkdir: created directory 'a'\n"));
    expect(await run(h, ['mkdir', 'a'])).toEqual(fail('mkdir: cannot create directory ‘a’: File exists\n'));
    expect(await run(h, ['mkdir', '-p', 'a'])).toEqual(ok(''));
    expect(await run(h, ['mkdir', '-pv', 'x/y'])).toEqual(ok("mkdir: created directory 'x'\nmkdir: created directory 'x/y'\n"));
    expect(await run(h, ['mkdir', 'm/a/b'])).toEqual(fail('mkdir: cannot create directory ‘m/a/b’: No such file or directory\n'));
    expect(await run(h, ['mkdir', '-m', '700', 'p'])).toEqual(ok(''));
    expect(await run(h, ['mkdir', '-pm', '750', 'q/r/s'])).toEqual(ok(''));
    expect(await run(h, ['mkdir', '-m', 'u=rwx,g=rx', 'u'])).toEqual(ok(''));
    expect(await sh(h, 'stat -c "%A %n" p q q/r q/r/s u')).toEqual(ok('drwx------ p\ndrwxr-xr-x q\ndrwxr-xr-x q/r\ndrwxr-x--- q/r/s\ndrwxr-xrwx u\n'));
    expect(await run(h, ['mkdir', '-m', 'bad', 'e'])).toEqual(fail('mkdir: invalid mode ‘bad’\n'));
    expect(await run(h, ['mkdir', '-p', '/etc/x/y'])).toEqual(fail('mkdir: cannot create directory ‘/etc/x’: Permission denied\n'));
    await sh(h, 'touch file');
    expect(await run(h, ['mkdir', '-p', 'file/x'])).toEqual(fail('mkdir: cannot create directory ‘file’: Not a directory\n'));
    expect(await run(h, ['mkdir', '-p', 'file'])).toEqual(fail('mkdir: cannot create directory ‘file’: File exists\n'));
    expect(await run(h, ['mkdir'])).toEqual(fail("mkdir: missing operand\nTry 'mkdir --help' for more information.\n"));
  });

  it('rmdir removes empty directories, with -p their parents', async () => {
    const h = host();
    await sh(h, 'mkdir -p x/y m && touch m/f');
    expect(await run(h, ['rmdir', 'm'])).toEqual(fail("rmdir: failed to remove 'm': Directory not empty\n"));
    expect(await run(h, ['rmdir', 'nosuch'])).toEqual(fail("rmdir: failed to remove 'nosuch': No such file or directory\n"));
    expect(await run(h, ['rmdir', 'm/f'])).toEqual(fail("rmdir: failed to remove 'm/f': Not a directory\n"));
    expect(await run(h, ['rmdir', '--ignore-fail-on-non-empty', 'm'])).toEqual(ok(''));
    expect(await run(h, ['rmdir', '-pv', 'x/y'])).toEqual(ok("rmdir: removing directory, 'x/y'\nrmdir: removing directory, 'x'\n"));
    expect(await run(h, ['rmdir'])).toEqual(fail("rmdir: missing operand\nTry 'rmdir --help' for more information.\n"));
  });
});

describe('touch and ln', () => {
  it('touch creates files and sets times to now', async () => {
    const h = host();
    const clock = h.kernel.clock as ManualClock;
    expect(await run(h, ['touch', 'a'])).toEqual(ok(''));
    clock.advance(3600_000);
    expect(await run(h, ['touch', 'a'])).toEqual(ok(''));
    expect(await run(h, ['ls', '-l', 'a'])).toEqual(ok('-rw-r--r-- 1 student student 0 Nov 22 12:02 a\n'));
    expect(await run(h, ['touch', '-c', 'nosuch'])).toEqual(ok(''));
    expect(await run(h, ['ls', 'nosuch'])).toEqual({ stdout: '', stderr: "ls: cannot access 'nosuch': No such file or directory\n", code: 2 });
    expect(await run(h, ['touch', '/nodir/f'])).toEqual(fail("touch: cannot touch '/nodir/f': No such file or directory\n"));
    expect(await run(h, ['touch', '/etc/passwd'])).toEqual(fail("touch: cannot touch '/etc/passwd': Permission denied\n"));
    expect(await run(h, ['touch', '/etc/passwd'], { user: 'root' })).toEqual(ok(''));
    expect(await run(h, ['touch'])).toEqual(fail("touch: missing file operand\nTry 'touch --help' for more information.\n"));
    expect(await run(h, ['touch', '--bogus'])).toEqual(fail("touch: unrecognized option '--bogus'\nTry 'touch --help' for more information.\n"));
  });

  it('ln makes hard and symbolic links', async () => {
    const h = host();
    await sh(h, 'touch f && mkdir d');
    expect(await run(h, ['ln', '-sv', 'f', 's'])).toEqual(ok("'s' -> 'f'\n"));
    expect(await run(h, ['ln', '-v', 'f', 'hl'])).toEqual(ok("'hl' => 'f'\n"));
    expect(await run(h, ['ln', 'f', 'hl'])).toEqual(fail("ln: failed to create hard link 'hl': File exists\n"));
    expect(await run(h, ['ln', '-s', 'f', 's'])).toEqual(fail("ln: failed to create symbolic link 's': File exists\n"));
    expect(await run(h, ['ln', '-sfv', 'g', 's'])).toEqual(ok("'s' -> 'g'\n"));
    expect(await run(h, ['ln', 'nosuch', 'q'])).toEqual(fail("ln: failed to access 'nosuch': No such file or directory\n"));
    expect(await run(h, ['ln', 'd', 'dl'])).toEqual(fail("ln: d: hard link not allowed for directory\n"));
    expect(await run(h, ['ln', '-s', 'a', '/etc/l'])).toEqual(fail("ln: failed to create symbolic link '/etc/l': Permission denied\n"));
    expect(await run(h, ['ln', '-s', '/etc/hostname', 'd'])).toEqual(ok(''));
    expect(await run(h, ['ln'])).toEqual(fail("ln: missing file operand\nTry 'ln --help' for more information.\n"));
    expect(await sh(h, 'stat -c "%h %n" f hl; readlink s d/hostname')).toEqual(ok('2 f\n2 hl\ng\n/etc/hostname\n'));
  });
});
