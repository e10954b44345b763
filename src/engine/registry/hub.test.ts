import { describe, expect, it } from 'vitest';
import { sh, testHost } from '../testing/harness';
import { ManualClock } from '../index';
import { dockerHub } from './hub';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const host = () => testHost({ clock: new ManualClock(Date.UTC(2026, 10, 22, 11, 0, 0)) });

describe('the simulated Docker Hub and docker pull', () => {
  const hub = dockerHub();
  const hello = hub.manifest('library/hello-world', 'latest');
  const busy = hub.manifest('library/busybox', 'latest');
  if (typeof hello === 'string' || typeof busy === 'string') throw new Error('catalogue images missing');
  const layer = (m: typeof hello) => m.layers[0].digest.slice(7, 19);

  it('docker run hello-world pulls the image, then prints Docker\'s welcome', async () => {
    const h = host();
    const r = await sh(h, 'docker run hello-world');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`Unable to find image 'hello-world:latest' locally\nlatest: Pulling from library/hello-world\n${layer(hello)}: Pulling fs layer\n${layer(hello)}: Verifying Checksum\n${layer(hello)}: Download complete\n${layer(hello)}: Pull complete\nDigest: ${hello.digest}\nStatus: Downloaded newer image for hello-world:latest\n`);
    expect(r.stdout).toMatch(/^\nHello from Docker!\nThis message shows that your installation appears to be working correctly\.\n[\s\S]*https:\/\/docs\.docker\.com\/get-started\/\n\n$/);
    expect(await sh(h, 'docker images')).toEqual(ok(`REPOSITORY    TAG       IMAGE ID       CREATED         SIZE\nhello-world   latest    ${hello.config.digest.slice(7, 19)}   15 months ago   10.1kB\n`));
    expect((await sh(h, 'docker history hello-world')).stdout.split('\n').slice(1, 3).map((l) => l.replace(/\s+$/, ''))).toEqual([
      `${hello.config.digest.slice(7, 19)}   15 months ago   CMD ["/hello"]            0B`,
      '<missing>      15 months ago   COPY hello / # buildkit   10.1kB',
    ]);
  });

  it('docker pull reports each layer, then "Image is up to date" the second time', async () => {
    const h = host();
    const first = await sh(h, 'docker pull busybox');
    expect(first).toEqual(ok(`Using default tag: latest\nlatest: Pulling from library/busybox\n${layer(busy)}: Pulling fs layer\n${layer(busy)}: Verifying Checksum\n${layer(busy)}: Download complete\n${layer(busy)}: Pull complete\nDigest: ${busy.digest}\nStatus: Downloaded newer image for busybox:latest\ndocker.io/library/busybox:latest\n`));
    expect(await sh(h, 'docker pull busybox')).toEqual(ok(`Using default tag: latest\nlatest: Pulling from library/busybox\nDigest: ${busy.digest}\nStatus: Image is up to date for busybox:latest\ndocker.io/library/busybox:latest\n`));
    expect(await sh(h, 'docker pull busybox:1.37')).toEqual(ok(`1.37: Pulling from library/busybox\nDigest: ${busy.digest}\nStatus: Downloaded newer image for busybox:1.37\ndocker.io/library/busybox:1.37\n`));
    expect(await sh(h, 'docker run --rm busybox echo hi from busybox; docker run --rm busybox readlink /bin/sh 2>/dev/null || docker run --rm busybox ls /bin/sh')).toEqual(ok('hi from busybox\nbusybox\n'));
  });

  it('gives Docker\'s errors for unknown repositories and tags', async () => {
    const h = host();
    expect(await sh(h, 'docker pull nosuchimage')).toEqual({ stdout: 'Using default tag: latest\n', stderr: "Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n", code: 1 });
    expect(await sh(h, 'docker pull busybox:nosuchtag')).toEqual({ stdout: '', stderr: 'Error response from daemon: manifest for busybox:nosuchtag not found: manifest unknown: manifest unknown\n', code: 1 });
    expect(await sh(h, 'docker run nosuchimage; echo $?')).toEqual({
      stdout: '125\n',
      stderr: "Unable to find image 'nosuchimage:latest' locally\ndocker: Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login'\n\nRun 'docker run --help' for more information\n",
      code: 0,
    });
    expect(await sh(h, 'docker pull Bad/Name')).toEqual({ stdout: '', stderr: 'invalid reference format: repository name (Bad/Name) must be lowercase\n', code: 1 });
  });
});

describe('images that share layers', () => {
  it('pulling nginx after debian:bookworm-slim reuses the Debian layer: "Already exists"', async () => {
    const h = host();
    const hub = dockerHub();
    const deb = hub.manifest('library/debian', 'bookworm-slim');
    const nginx = hub.manifest('library/nginx', 'latest');
    if (typeof deb === 'string' || typeof nginx === 'string') throw new Error('catalogue images missing');
    expect(nginx.layers[0].digest).toBe(deb.layers[0].digest);
    await sh(h, 'docker pull debian:bookworm-slim');
    const r = await sh(h, 'docker pull nginx');
    const short = (d: string) => d.slice(7, 19);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual(['Using default tag: latest', 'latest: Pulling from library/nginx', `${short(deb.layers[0].digest)}: Already exists`, `${short(nginx.layers[1].digest)}: Pulling fs layer`]);
    const images = (await sh(h, 'docker images')).stdout;
    expect(images).toContain('nginx        latest          ');
    expect(images).toMatch(/nginx {8}latest {10}[0-9a-f]{12} {3}\d+ months ago {3}192MB\n/);
    expect(images).toMatch(/debian {7}bookworm-slim {3}[0-9a-f]{12} {3}\d+ months ago {3}74\.8MB\n/);
    expect(await sh(h, 'docker run --rm debian:bookworm-slim cat /etc/debian_version')).toEqual(ok('12.8\n'));
  });
});

describe('alpine', () => {
  it('pulls, runs busybox applets, weighs 7.8MB, and a missing tag is "manifest unknown"', async () => {
    const h = host();
    expect(await sh(h, 'docker pull alpine:nosuchtag')).toEqual({ stdout: '', stderr: 'Error response from daemon: manifest for alpine:nosuchtag not found: manifest unknown: manifest unknown\n', code: 1 });
    expect(await sh(h, 'docker run --rm alpine cat /etc/alpine-release 2>/dev/null')).toEqual(ok('3.20.3\n'));
    expect((await sh(h, 'docker images')).stdout).toMatch(/\nalpine {7}latest {4}[0-9a-f]{12} {3}2 years ago {3}7\.8MB\n$/);
  });
});

describe('managing pulled images', () => {
  it('docker search lists the Hub\'s repositories', async () => {
    const h = host();
    expect(await sh(h, 'docker search nginx')).toEqual(ok('NAME      DESCRIPTION                STARS     OFFICIAL\nnginx     Official build of Nginx.   20786     [OK]\n'));
  });

  it('docker rmi refuses an image a container uses, unless forced; prune removes the unused', async () => {
    const h = host();
    await sh(h, 'docker pull busybox > /dev/null && docker pull alpine > /dev/null && docker run busybox true');
    const cid = (await sh(h, 'docker ps -aq')).stdout.trim();
    const bid = (await sh(h, 'docker image inspect busybox')).stdout.match(/"Id": "sha256:([0-9a-f]{12})/)![1];
    expect(await sh(h, 'docker rmi busybox')).toEqual({ stdout: '', stderr: `Error response from daemon: conflict: unable to remove repository reference "busybox" (must force) - container ${cid} is using its referenced image ${bid}\n`, code: 1 });
    const forced = await sh(h, 'docker rmi -f busybox');
    expect(forced.stdout).toMatch(/^Untagged: busybox:latest\nDeleted: sha256:[0-9a-f]{64}\n$/);
    expect(await sh(h, 'docker run --rm alpine true; docker tag alpine mine && docker rmi alpine')).toEqual(ok('Untagged: alpine:latest\n'));
    expect(await sh(h, 'docker image prune -f')).toEqual(ok('Total reclaimed space: 0B\n'));
    const all = await sh(h, 'docker image prune -a -f');
    expect(all.stdout).toMatch(/^Deleted Images:\nuntagged: mine:latest\ndeleted: sha256:[0-9a-f]{64}\ndeleted: sha256:[0-9a-f]{64}\n\nTotal reclaimed space: 7\.8MB\n$/);
    expect(await sh(h, 'echo n | docker image prune')).toEqual(ok('WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] '));
  });
});

describe('docker images options', () => {
  it('filters by repository, shows digests, and formats with Go templates', async () => {
    const h = host();
    await sh(h, 'docker pull busybox >/dev/null && docker pull alpine > /dev/null');
    const hub = dockerHub();
    const busy = hub.manifest('library/busybox', 'latest');
    if (typeof busy === 'string') throw new Error('busybox missing');
    expect(await sh(h, 'docker images --format "{{.Repository}}:{{.Tag}} {{.Size}}"')).toEqual(ok('busybox:latest 1.18MB\nalpine:latest 7.8MB\n'));
    expect((await sh(h, 'docker images busybox')).stdout.split('\n').length).toBe(3);
    expect((await sh(h, 'docker images --digests busybox')).stdout).toMatch(new RegExp(`^REPOSITORY   TAG       DIGEST {68}IMAGE ID       CREATED       SIZE\\nbusybox      latest    ${busy.digest}   [0-9a-f]{12}   2 years ago   1\\.18MB\\n$`));
  });
});

describe('the catalogue', () => {
  it('serves every image at sizes close to Docker Hub\'s, sharing base layers', async () => {
    const h = testHost();
    const names = ['ubuntu:24.04', 'ubuntu:22.04', 'centos:7', 'httpd', 'redis', 'registry:2', 'python:3.12-slim', 'node:22-slim', 'polinux/stress', 'alpine'];
    const pulled = await sh(h, names.map((n) => `docker pull -q ${n}`).join('; '));
    expect(pulled.code).toBe(0);
    const sizes = (await sh(h, 'docker images --format "{{.Repository}}:{{.Tag}} {{.Size}}"')).stdout.split('\n').filter(Boolean).sort();
    expect(sizes).toEqual(['alpine:latest 7.8MB', 'centos:7 204MB', 'httpd:latest 148MB', 'node:22-slim 219MB', 'polinux/stress:latest 9.95MB', 'python:3.12-slim 125MB', 'redis:latest 117MB', 'registry:2 26.1MB', 'ubuntu:22.04 77.9MB', 'ubuntu:24.04 78.1MB']);
    const hub = dockerHub();
    const first = (repo: string, tag: string) => {
      const m = hub.manifest(repo, tag);
      if (typeof m === 'string') throw new Error(`${repo}:${tag} missing`);
      return m.layers.map((l) => l.digest);
    };
    const slim = first('library/debian', 'bookworm-slim')[0];
    for (const [repo, tag] of [['library/httpd', 'latest'], ['library/redis', 'latest'], ['library/postgres', 'latest'], ['library/node', '22-slim'], ['library/python', '3.12-slim']]) expect(first(repo, tag)[0]).toBe(slim);
    expect(first('library/node', '22').slice(0, 4)).toEqual(first('library/python', '3.12').slice(0, 4));
    expect(await sh(h, 'docker run --rm ubuntu:24.04 grep PRETTY /etc/os-release; docker run --rm centos:7 cat /etc/redhat-release; docker run --rm alpine bash; echo $?')).toEqual({
      stdout: 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nCentOS Linux release 7.9.2009 (Core)\n127\n',
      stderr: 'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "bash": executable file not found in $PATH: unknown\n\nRun \'docker run --help\' for more information\n',
      code: 0,
    });
  });
});
