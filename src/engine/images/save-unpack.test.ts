import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, lstatSync, readlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sh, testHost } from '../testing/harness';
import type { Host } from '../host/host';

const ROOT = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] } };
const tools = ['umoci', 'skopeo', 'oci-image-tool'].every((t) => existsSync(`/usr/bin/${t}`));

/** What Docker adds to every container (the init layer and the mounts), absent from the image. */
const PER_CONTAINER = new Set(['/.dockerenv', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/proc', '/dev', '/sys']);

/** `path type mode size` for every file the container sees on its root filesystem. */
async function treeInContainer(host: Host, image: string): Promise<string[]> {
  const r = await sh(host, `docker run --rm ${image} find / -xdev -exec stat -c '%n|%F|%a|%s' {} +`);
  expect(r.stderr).toBe('');
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => l.split('|'))
    .filter(([p]) => p !== '/' && !PER_CONTAINER.has(p))
    .map(([p, type, mode, size]) => `${p} ${type.replace('regular empty file', 'regular file')} ${mode} ${type === 'directory' ? '-' : size}`)
    .sort();
}

/** The same listing for a directory unpacked by umoci. */
function treeOnDisk(root: string, rel = ''): string[] {
  return readdirSync(join(root, rel)).flatMap((n) => {
    const p = `${rel}/${n}`;
    const st = lstatSync(join(root, p));
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) return [`${p} symbolic link ${mode === '777' ? '777' : mode} ${readlinkSync(join(root, p)).length}`];
    if (st.isDirectory()) return [`${p} directory ${mode} -`, ...treeOnDisk(root, p)];
    return [`${p} regular file ${mode} ${st.size}`];
  }).sort();
}

/** Saves `image` from the simulator and unpacks it with the real umoci. */
function unpackWithUmoci(host: Host, image: string, tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'umoci-'));
  const archive = join(dir, 'image.tar');
  writeFileSync(archive, host.vfs.readFile(ROOT, '/tmp/saved.tar'));
  const layout = join(dir, 'layout');
  mkdirSync(layout);
  execFileSync('tar', ['-xf', archive, '-C', layout]);
  expect(execFileSync('oci-image-tool', ['validate', '--type', 'image', '--ref', `name=${tag}`, layout], { encoding: 'utf8' })).toContain('Validation succeeded');
  expect(JSON.parse(execFileSync('skopeo', ['inspect', `docker-archive:${archive}`], { encoding: 'utf8' })).Layers.length).toBeGreaterThan(0);
  execFileSync('umoci', ['unpack', '--rootless', '--image', `${layout}:${tag}`, join(dir, 'bundle')]);
  void image;
  return join(dir, 'bundle', 'rootfs');
}

describe.skipIf(!tools)('docker save is read by real OCI tools as the same tree the container sees', () => {
  it('for a base image and for an image whose layer deletes and recreates files and directories', async () => {
    const host = testHost();
    const setup = await sh(host, [
      'mkdir -p r/bin r/etc/conf.d r/var/cache r/usr/share/doc',
      'cp /usr/bin/sh /usr/bin/find /usr/bin/stat /usr/bin/rm /usr/bin/mkdir /usr/bin/echo /usr/bin/ln /usr/bin/chmod r/bin/',
      'echo one > r/etc/conf.d/a && echo two > r/etc/conf.d/b && echo cached > r/var/cache/c && echo doc > r/usr/share/doc/readme',
      'ln -s ../usr/share/doc r/docs && chmod 700 r/var/cache',
      'tar -cf r.tar -C r . && docker import r.tar base:1.0 > /dev/null',
    ].join(' && '));
    expect(setup).toEqual({ stdout: '', stderr: '', code: 0 });

    expect((await sh(host, 'docker save base:1.0 -o /tmp/saved.tar')).code).toBe(0);
    expect(treeOnDisk(unpackWithUmoci(host, 'base:1.0', '1.0'))).toEqual(await treeInContainer(host, 'base:1.0'));

    const change = await sh(host, `docker run --name changer base:1.0 sh -c 'rm -r /etc/conf.d && mkdir /etc/conf.d && echo new > /etc/conf.d/c && rm /var/cache/c && rm -r /usr/share/doc && mkdir -p /usr/share/doc && echo again > /usr/share/doc/readme && chmod 750 /bin' && docker commit changer changed:2.0`);
    expect(change.code).toBe(0);
    expect((await sh(host, 'docker save changed:2.0 -o /tmp/saved.tar')).code).toBe(0);
    const unpacked = treeOnDisk(unpackWithUmoci(host, 'changed:2.0', '2.0'));
    expect(unpacked).toEqual(await treeInContainer(host, 'changed:2.0'));
    expect(unpacked).toContain('/etc/conf.d/c regular file 644 4');
    expect(unpacked.some((l) => l.startsWith('/etc/conf.d/a'))).toBe(false);
  });
});
