import { describe, expect, it } from 'vitest';
import { sh, testHost } from '../testing/harness';
import { containerCommand } from './containers';
import type { Host } from '../host/host';
import { ManualClock } from '../index';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });

/** A host with image `base`: a root filesystem made of copies of the host's own programs. */
async function hostWithBase(): Promise<Host> {
  // A clock that only moves when told to, so "Less than a second ago" holds on any machine.
  const host = testHost({ clock: new ManualClock(Date.UTC(2026, 10, 22, 11, 0, 0)) });
  const r = await sh(host, [
    'mkdir -p r/bin r/etc r/tmp',
    'cp /usr/bin/sh /usr/bin/ls /usr/bin/echo /usr/bin/cat /usr/bin/rm /usr/bin/mkdir /usr/bin/hostname /usr/bin/ps /usr/bin/sleep r/bin/',
    'echo base > r/etc/release',
    'tar -cf r.tar -C r .',
    'docker import r.tar base >/dev/null',
  ].join(' && '));
  expect(r).toEqual(ok(''));
  return host;
}

describe('containers', () => {
  it('combine ENTRYPOINT, CMD and run arguments as Docker does', () => {
    const cfg = { Entrypoint: ['/entry'], Cmd: ['default'] };
    expect(containerCommand(cfg, [])).toEqual(['/entry', 'default']);
    expect(containerCommand(cfg, ['given'])).toEqual(['/entry', 'given']);
    expect(containerCommand({ Cmd: ['default'] }, [])).toEqual(['default']);
    expect(containerCommand({ Cmd: ['default'] }, ['given', 'x'])).toEqual(['given', 'x']);
    expect(containerCommand(cfg, [], ['/other'])).toEqual(['/other']);
  });

  it('run a process in their own namespaces, on the image as root filesystem', async () => {
    const host = await hostWithBase();
    expect(await sh(host, 'docker run base echo hello from a container')).toEqual(ok('hello from a container\n'));
    const ps = await sh(host, 'docker run base ps');
    expect(ps).toEqual(ok('    PID TTY          TIME CMD\n      1 ?        00:00:00 ps\n'));
    const id = (await sh(host, 'docker run -d base sleep 100')).stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(await sh(host, `docker run base hostname`)).toMatchObject({ stdout: expect.stringMatching(/^[0-9a-f]{12}\n$/), code: 0 });
    expect(await sh(host, 'docker run base cat /etc/release; docker run base ls /proc/1/cmdline')).toEqual(ok('base\n/proc/1/cmdline\n'));
    const aux = await sh(host, 'ps -e -o pid,comm');
    expect(aux.stdout).toMatch(/\n\s+\d+ sleep\n/);
  });

  it('list, diff, commit and remove as the docker CLI shows them', async () => {
    const host = await hostWithBase();
    expect(await sh(host, 'docker run --name c1 base sh -c "rm /etc/release; mkdir /data; echo x > /data/f; echo changed > /tmp/t"')).toEqual(ok(''));
    expect(await sh(host, 'docker diff c1')).toEqual(ok('A /data\nA /data/f\nC /etc\nD /etc/release\nC /tmp\nA /tmp/t\n'));
    const ps = await sh(host, 'docker ps -a');
    expect(ps.stdout).toMatch(/^CONTAINER ID {3}IMAGE {5}COMMAND {18}CREATED {18}STATUS {30}PORTS {5}NAMES\n[0-9a-f]{12} {3}base {6}"sh -c rm \/etc\/relea…" {3}Less than a second ago {3}Exited \(0\) Less than a second ago {13}c1\n$/);
    expect(await sh(host, 'docker ps')).toEqual(ok('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n'));
    const id = (await sh(host, 'docker commit -m "my change" -c "CMD [\\"cat\\", \\"/data/f\\"]" c1 base:v2')).stdout;
    expect(id).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    // /etc holds the files Docker gives every container; the deleted release file stays deleted.
    expect(await sh(host, 'docker run --rm base:v2; docker run base:v2 ls /etc; docker ps -aq | wc -l')).toEqual(ok('x\nhostname\nhosts\nresolv.conf\n2\n'));
    const hist = await sh(host, 'docker history base:v2');
    expect(hist.stdout.split('\n')[1]).toMatch(/^[0-9a-f]{12} {3}Less than a second ago {3}sh -c rm \/etc\/release; mkdir \/data; echo x >… {3}10B {7}my change$/);
    expect(await sh(host, 'docker rm c1 && docker diff c1')).toEqual({ stdout: 'c1\n', stderr: 'Error response from daemon: No such container: c1\n', code: 1 });
  });

  it('report what Docker reports when a container cannot start', async () => {
    const host = await hostWithBase();
    expect(await sh(host, 'docker run base nosuch')).toEqual({
      stdout: '',
      stderr: 'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nosuch": executable file not found in $PATH: unknown\n\nRun \'docker run --help\' for more information\n',
      code: 127,
    });
    expect(await sh(host, 'docker run nosuchimage')).toEqual({
      stdout: '',
      stderr: "Unable to find image 'nosuchimage:latest' locally\ndocker: Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login'\n\nRun 'docker run --help' for more information\n",
      code: 125,
    });
    expect(await sh(host, 'docker run base')).toEqual({ stdout: '', stderr: "docker: Error response from daemon: No command specified\n\nRun 'docker run --help' for more information\n", code: 125 });
    expect(await sh(host, 'cp /usr/bin/true r/bin/ 2>/dev/null; docker run --name web base echo; docker run --name web base echo')).toMatchObject({ code: 125, stderr: expect.stringMatching(/^docker: Error response from daemon: Conflict\. The container name "\/web" is already in use by container "[0-9a-f]{64}"\. You have to remove \(or rename\) that container to be able to reuse that name\.\n/) });
  });

  it('show running containers\' overlays in the host\'s mount table, and count shared layers once', async () => {
    const host = await hostWithBase();
    await sh(host, 'docker run -d base sleep 100 > /dev/null');
    const m = await sh(host, 'mount -t overlay');
    expect(m.stdout).toMatch(/^overlay on \/var\/lib\/docker\/overlay2\/([0-9a-f]{64})\/merged type overlay \(rw,relatime,lowerdir=\/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/diff:\/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/diff,upperdir=\/var\/lib\/docker\/overlay2\/\1\/diff,workdir=\/var\/lib\/docker\/overlay2\/\1\/work\)\n$/);
    await sh(host, 'docker run --name c1 base sh -c "echo 1234567 > /f" && docker commit c1 base:v2 > /dev/null');
    const sizes = (await sh(host, 'docker images')).stdout.split('\n').slice(1, 3).map((l) => l.trim().split(/\s+/).at(-1));
    const df = await sh(host, 'docker system df');
    expect(df.stdout.split('\n')[0]).toBe('TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE');
    // The base layer is counted once although both images hold it.
    expect(df.stdout.split('\n')[1]).toMatch(new RegExp(`^Images {10}2 {9}1 {9}${sizes.find((x) => x !== sizes[0]) ?? sizes[0]}\\s`));
    expect(df.stdout.split('\n')[2]).toMatch(/^Containers {6}2 {9}1 {9}8B {8}8B \(100%\)$/);
  });

  it('docker ps -l and -n N show the newest containers, -q only their IDs', async () => {
    const host = await hostWithBase();
    await sh(host, 'docker run --name first base true 2>/dev/null; docker run --name second base true 2>/dev/null; docker run --name third base true 2>/dev/null');
    const ids = (await sh(host, 'docker ps -aq')).stdout.split('\n').filter(Boolean);
    expect(ids).toHaveLength(3);
    expect(await sh(host, 'docker ps -lq')).toEqual({ stdout: `${ids[0]}\n`, stderr: '', code: 0 });
    expect(await sh(host, 'docker ps -n 2 -q')).toEqual({ stdout: `${ids[0]}\n${ids[1]}\n`, stderr: '', code: 0 });
    expect((await sh(host, 'docker ps -l')).stdout.split('\n')[1]).toMatch(/ third$/);
  });
});
