import { describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, lstatSync, readlinkSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../../bin/dockersim.mjs');
const tools = ['umoci', 'skopeo', 'oci-image-tool'].every((t) => existsSync(`/usr/bin/${t}`));

/** What Docker adds to every container (the init layer and the mounts), absent from the image. */
const PER_CONTAINER = new Set(['/.dockerenv', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/proc', '/dev', '/sys', '/sys/fs', '/sys/fs/cgroup']);

function dockersim(args: string[], input: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((res) => {
    const child = execFile('node', [BIN, ...args], { timeout: 60000, maxBuffer: 1 << 26 }, (err, stdout, stderr) => res({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }));
    child.stdin!.end(input);
  });
}

/** `path type mode size` as `find / -xdev -exec stat` printed it inside the container. */
function fromContainer(listing: string): string[] {
  return listing.trim().split('\n').map((l) => l.split('|'))
    .filter(([p]) => p !== '/' && !PER_CONTAINER.has(p))
    .map(([p, type, mode, size]) => `${p} ${type.replace('regular empty file', 'regular file')} ${mode} ${type === 'directory' ? '-' : size}`)
    .sort();
}

/** The same listing for a directory tree on the real disk. */
function fromDisk(root: string, rel = ''): string[] {
  return readdirSync(join(root, rel)).flatMap((n) => {
    const p = `${rel}/${n}`;
    const st = lstatSync(join(root, p));
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) return [`${p} symbolic link ${mode} ${readlinkSync(join(root, p)).length}`];
    if (st.isDirectory()) return [`${p} directory ${mode} -`, ...fromDisk(root, p)];
    return [`${p} regular file ${mode} ${st.size}`];
  }).sort();
}

/** Checks an archive with skopeo and oci-image-tool and unpacks it with umoci; returns the rootfs. */
function unpack(archive: string, tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'unpack-'));
  expect(JSON.parse(execFileSync('skopeo', ['inspect', `docker-archive:${archive}`], { encoding: 'utf8' })).Layers.length).toBeGreaterThan(0);
  const layout = join(dir, 'layout');
  mkdirSync(layout);
  execFileSync('tar', ['-xf', archive, '-C', layout]);
  expect(execFileSync('oci-image-tool', ['validate', '--type', 'image', '--ref', `name=${tag}`, layout], { encoding: 'utf8' })).toContain('Validation succeeded');
  execFileSync('umoci', ['unpack', '--rootless', '--image', `${layout}:${tag}`, join(dir, 'bundle')]);
  return join(dir, 'bundle', 'rootfs');
}

describe.skipIf(!tools)('docker save, written out with dockersim --mount, read by real OCI tools', () => {
  it('gives exactly the tree docker run IMAGE find / -xdev sees, for a base image and for one whose layer deletes and recreates', async () => {
    const out = mkdtempSync(join(tmpdir(), 'out-'));
    const listing = "find / -xdev -exec stat -c '%n|%F|%a|%s' {} +";
    const script = [
      'mkdir -p r/bin r/etc/conf.d r/var/cache r/usr/share/doc',
      'cp /usr/bin/sh /usr/bin/find /usr/bin/stat /usr/bin/rm /usr/bin/mkdir /usr/bin/echo /usr/bin/chmod r/bin/',
      'echo one > r/etc/conf.d/a; echo two > r/etc/conf.d/b; echo cached > r/var/cache/c; echo doc > r/usr/share/doc/readme',
      'ln -s ../usr/share/doc r/docs; chmod 700 r/var/cache',
      'tar -cf r.tar -C r . && docker import r.tar base:1.0 > /dev/null',
      'docker save base:1.0 -o /out/base.tar',
      `docker run --rm base:1.0 ${listing} > /out/base.txt`,
      "docker run --name changer base:1.0 sh -c 'rm -r /etc/conf.d; mkdir /etc/conf.d; echo new > /etc/conf.d/c; rm /var/cache/c; rm -r /usr/share/doc; mkdir -p /usr/share/doc; echo again > /usr/share/doc/readme; chmod 750 /bin'",
      'docker commit changer changed:2.0 > /dev/null',
      'docker save changed:2.0 -o /out/changed.tar',
      `docker run --rm changed:2.0 ${listing} > /out/changed.txt`,
      '',
    ].join('\n');
    const r = await dockersim(['--mount', `${out}:/out`], script);
    expect(r).toEqual({ stdout: '', stderr: '', code: 0 });
    const base = fromDisk(unpack(join(out, 'base.tar'), '1.0'));
    expect(base).toEqual(fromContainer(readFileSync(join(out, 'base.txt'), 'utf8')));
    const changed = fromDisk(unpack(join(out, 'changed.tar'), '2.0'));
    expect(changed).toEqual(fromContainer(readFileSync(join(out, 'changed.txt'), 'utf8')));
    expect(changed).toContain('/etc/conf.d/c regular file 644 4');
    expect(changed.filter((l) => l.startsWith('/etc/conf.d/'))).toEqual(['/etc/conf.d/c regular file 644 4']);
    expect(changed).toContain('/bin directory 750 -');
  }, 60000);
});
