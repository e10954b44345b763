import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, lstatSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sh, testHost } from '../testing/harness';
import { parseReference, taggedName } from './reference';
import { ManualClock } from '../index';
import type { Host } from '../host/host';

const ROOT = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] } };
const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });

/** A host with an imported image `mybox:1.0` built from a small root filesystem. */
async function hostWithImage(): Promise<Host> {
  const host = testHost({ clock: new ManualClock(Date.UTC(2026, 10, 22, 11, 0, 0)) });
  await sh(host, [
    'mkdir -p rootfs/bin rootfs/etc/conf.d rootfs/empty',
    'echo hello > rootfs/etc/greeting',
    "printf '%s\\n' '#!/bin/sh' 'echo hi' > rootfs/bin/hi && chmod 755 rootfs/bin/hi",
    'ln -s greeting rootfs/etc/link',
    'chmod 600 rootfs/etc/conf.d',
    'tar -cf rootfs.tar -C rootfs .',
  ].join(' && '));
  const r = await sh(host, 'docker import rootfs.tar mybox:1.0');
  expect(r).toEqual({ stdout: expect.stringMatching(/^sha256:[0-9a-f]{64}\n$/), stderr: '', code: 0 });
  return host;
}

describe('image references', () => {
  it('parse as Docker parses them', () => {
    expect(parseReference('ubuntu')).toEqual({ domain: 'docker.io', path: 'library/ubuntu', tag: undefined, digest: undefined });
    expect(parseReference('localhost:5000/app:v1')).toEqual({ domain: 'localhost:5000', path: 'app', tag: 'v1', digest: undefined });
    expect(taggedName('student/app')).toBe('student/app:latest');
    expect(() => parseReference('Bad/Name')).toThrow('repository name must be lowercase');
    expect(() => parseReference('a::b')).toThrow('invalid reference format');
  });
});

describe('images without containers: import, history, tag, save, load, rmi', () => {
  it('imports a root filesystem as a one-layer image', async () => {
    const host = await hostWithImage();
    expect(await sh(host, 'docker images')).toEqual(ok('REPOSITORY   TAG       IMAGE ID       CREATED                  SIZE\n' + `mybox        1.0       ${(await sh(host, 'docker images -q')).stdout.trim()}   Less than a second ago   24B\n`));
    expect((await sh(host, 'docker history mybox:1.0')).stdout).toMatch(/^IMAGE {10}CREATED {18}CREATED BY {3}SIZE {6}COMMENT\n[0-9a-f]{12} {3}Less than a second ago {16}24B {7}Imported from -\n$/);
    const inspect = JSON.parse((await sh(host, 'docker image inspect mybox:1.0')).stdout);
    expect(inspect[0].RootFS.Layers).toHaveLength(1);
    expect(inspect[0].GraphDriver.Name).toBe('overlay2');
    expect(inspect[0].GraphDriver.Data.UpperDir).toMatch(/^\/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/diff$/);
  });

  it('keeps each layer once, where overlay2 keeps it, readable by root only', async () => {
    const host = await hostWithImage();
    const upper = JSON.parse((await sh(host, 'docker image inspect mybox:1.0')).stdout)[0].GraphDriver.Data.UpperDir;
    expect(await sh(host, `cat ${upper}/etc/greeting; ls ${upper.replace(/\/diff$/, '')}`, { user: 'root' })).toEqual(ok('hello\ndiff\nlink\n'));
    expect(await sh(host, `ls ${upper}`)).toEqual({ stdout: '', stderr: `ls: cannot access '${upper}': Permission denied\n`, code: 2 });
    expect(await sh(host, 'mount | grep -c docker')).toEqual({ stdout: '0\n', stderr: '', code: 1 });
  });

  it('tags, untags and deletes as docker rmi reports it', async () => {
    const host = await hostWithImage();
    const id = (await sh(host, 'docker image inspect mybox:1.0')).stdout.match(/"Id": "(sha256:[0-9a-f]+)"/)![1];
    expect(await sh(host, 'docker tag mybox:1.0 other/box && docker images --quiet')).toEqual(ok(`${id.slice(7, 19)}\n`));
    expect(await sh(host, `docker rmi ${id.slice(7, 19)}`)).toEqual({ stdout: '', stderr: `Error response from daemon: conflict: unable to delete ${id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories\n`, code: 1 });
    expect(await sh(host, 'docker rmi other/box')).toEqual(ok('Untagged: other/box:latest\n'));
    const r = await sh(host, 'docker rmi mybox:1.0');
    expect(r.stdout).toMatch(new RegExp(`^Untagged: mybox:1.0\\nDeleted: ${id}\\nDeleted: sha256:[0-9a-f]{64}\\n$`));
    expect(await sh(host, 'docker rmi nosuch')).toEqual({ stdout: '', stderr: 'Error response from daemon: No such image: nosuch\n', code: 1 });
  });

  it('save then load gives back the same image ID', async () => {
    const host = await hostWithImage();
    const id = (await sh(host, 'docker images -q')).stdout;
    expect(await sh(host, 'docker save mybox:1.0 -o box.tar && docker rmi mybox:1.0 > /dev/null && docker load -i box.tar && docker images -q')).toEqual(ok(`Loaded image: mybox:1.0\n${id}`));
    expect(await sh(host, 'tar -tf box.tar | grep -v "^blobs/sha256/."')).toEqual(ok('blobs/\nblobs/sha256/\nindex.json\nmanifest.json\noci-layout\nrepositories\n'));
  });

  it('load refuses damaged archives, digest mismatches and unknown media types, and stores nothing', async () => {
    const host = await hostWithImage();
    await sh(host, 'docker save mybox:1.0 -o box.tar && docker rmi mybox:1.0 >/dev/null && mkdir x && tar -xf box.tar -C x');
    expect(await sh(host, 'head -c 3000 box.tar > cut.tar; docker load -i cut.tar')).toEqual({ stdout: '', stderr: 'Error response from daemon: unexpected EOF\n', code: 1 });
    const blob = (await sh(host, 'ls x/blobs/sha256 | head -1')).stdout.trim();
    expect(await sh(host, `cd x && echo tampered >> blobs/sha256/${blob} && tar -cf ../bad.tar blobs index.json manifest.json oci-layout repositories && cd .. && docker load -i bad.tar`))
      .toMatchObject({ stdout: '', stderr: expect.stringMatching(/^Error response from daemon: (digest|size) mismatch/), code: 1 });
    await sh(host, 'rm -r x && mkdir x && tar -xf box.tar -C x && sed -i "s/image.manifest.v1+json/image.bogus.v1+json/" x/index.json && (cd x && tar -cf ../odd.tar blobs index.json manifest.json oci-layout repositories)');
    expect(await sh(host, 'docker load -i odd.tar')).toEqual({ stdout: '', stderr: 'Error response from daemon: unknown media type application/vnd.oci.image.bogus.v1+json\n', code: 1 });
    expect(await sh(host, 'docker images -q')).toEqual(ok(''));
  });

  it('import refuses tars with ../ members or truncation, and stores nothing', async () => {
    const host = testHost();
    await sh(host, 'mkdir -p a/b && echo x > a/b/f && cd a/b && tar -cf /tmp/dots.tar ../b/f ../../a/b/f 2>/dev/null; cd');
    const dots = await sh(host, 'docker import /tmp/dots.tar dots');
    expect(dots).toEqual({ stdout: '', stderr: 'Error response from daemon: invalid tar member "../b/f": path escapes the layer root\n', code: 1 });
    await sh(host, 'head -c 700 /tmp/dots.tar > /tmp/cut.tar');
    expect(await sh(host, 'docker import /tmp/cut.tar cut')).toEqual({ stdout: '', stderr: 'Error response from daemon: unexpected EOF\n', code: 1 });
    expect(await sh(host, 'docker import /nosuch.tar x')).toEqual({ stdout: '', stderr: 'open /nosuch.tar: no such file or directory\n', code: 1 });
    expect(await sh(host, 'docker images -q')).toEqual(ok(''));
  });

  const tools = ['skopeo', 'umoci', 'oci-image-tool'].every((t) => existsSync(`/usr/bin/${t}`));
  it.skipIf(!tools)('docker save writes a layout that skopeo, oci-image-tool and umoci accept, with the same files', async () => {
    const host = await hostWithImage();
    expect((await sh(host, 'docker save mybox:1.0 -o /tmp/box.tar')).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'save-'));
    const archive = join(dir, 'box.tar');
    writeFileSync(archive, host.vfs.readFile(ROOT, '/tmp/box.tar'));
    const inspected = JSON.parse(execFileSync('skopeo', ['inspect', `docker-archive:${archive}`], { encoding: 'utf8' }));
    expect(inspected.Layers).toHaveLength(1);
    const layout = join(dir, 'layout');
    execFileSync('mkdir', ['-p', layout]);
    execFileSync('tar', ['-xf', archive, '-C', layout]);
    const validated = execFileSync('oci-image-tool', ['validate', '--type', 'image', '--ref', 'name=1.0', layout], { encoding: 'utf8' });
    expect(validated).toContain('Validation succeeded');
    const bundle = join(dir, 'bundle');
    execFileSync('umoci', ['unpack', '--rootless', '--image', `${layout}:1.0`, bundle]);
    const tree = (root: string, rel = ''): string[] =>
      readdirSync(join(root, rel)).sort().flatMap((n) => {
        const p = join(rel, n);
        const st = lstatSync(join(root, p));
        const mode = (st.mode & 0o7777).toString(8);
        if (st.isSymbolicLink()) return [`${p} -> ${readlinkSync(join(root, p))}`];
        if (st.isDirectory()) return [`${p}/ ${mode}`, ...tree(root, p)];
        return [`${p} ${mode} ${readFileSync(join(root, p), 'utf8').length}`];
      });
    expect(tree(join(bundle, 'rootfs'))).toEqual(['bin/ 755', 'bin/hi 755 18', 'empty/ 755', 'etc/ 755', 'etc/conf.d/ 600', 'etc/greeting 644 6', 'etc/link -> greeting']);
  });
});
