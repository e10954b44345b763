import { describe, expect, it } from 'vitest';
import { sh, testHost } from '../../testing/harness';
import type { EngineEvent } from '../../index';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });

describe('docker: the client talks to the daemon over its API', () => {
  it('docker version shows the client, then the server as GET /version reports it', async () => {
    const host = testHost();
    const events: EngineEvent[] = [];
    host.onEvent((e) => events.push(e));
    const r = await sh(host, 'docker version');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Client: Docker Engine - Community\n Version:           28.2.2\n API version:       1.50\n');
    expect(r.stdout).toContain('\nServer: Docker Engine - Community\n Engine:\n  Version:          28.2.2\n  API version:      1.50 (minimum version 1.24)\n');
    const api = events.filter((e) => e.type === 'api.request').map(({ time: _t, client: _c, ...e }) => e);
    expect(api).toEqual([{ type: 'api.request', method: 'GET', path: '/v1.50/version', route: 'GET /version', handler: 'getVersion', status: 200 }]);
    expect(await sh(host, 'docker --version')).toEqual(ok('Docker version 28.2.2, build e6534b4\n'));
  });

  it('lists containers and images as empty tables', async () => {
    const host = testHost();
    expect(await sh(host, 'docker ps; docker ps -a; docker container ls')).toEqual(ok(
      'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n'.repeat(3),
    ));
    expect(await sh(host, 'docker images; docker image ls -q')).toEqual(ok('REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n'));
  });

  it('reports unknown commands, a daemon that is down, and a user outside the docker group', async () => {
    const host = testHost();
    expect(await sh(host, 'docker foo')).toEqual({ stdout: '', stderr: "docker: 'foo' is not a docker command.\nSee 'docker --help'\n", code: 1 });
    expect(await sh(host, 'docker ps', { user: 'nobody' })).toEqual({
      stdout: '',
      stderr: 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.50/containers/json": dial unix /var/run/docker.sock: connect: permission denied\n',
      code: 1,
    });
    expect(await sh(host, 'kill $(ps -C dockerd -o pid= 2>/dev/null || ps -e -o pid,comm | grep dockerd | cut -c1-7)', { user: 'root' })).toMatchObject({ code: 0 });
    expect(await sh(host, 'docker ps')).toEqual({ stdout: '', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n', code: 1 });
    const v = await sh(host, 'docker version');
    expect(v).toEqual({ stdout: expect.stringMatching(/^Client: Docker Engine - Community\n[\s\S]* Context: {11}default\n$/), stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n', code: 1 });
  });

  it('dockerd runs on the host as root and refuses to start for anyone else', async () => {
    const host = testHost();
    expect(await sh(host, 'ps -e -o user,comm | grep dockerd')).toEqual(ok('root     dockerd\n'));
    expect(await sh(host, 'dockerd')).toEqual({ stdout: '', stderr: 'dockerd needs to be started with root privileges. To run dockerd in rootless mode as an unprivileged user, see https://docs.docker.com/go/rootless/\n', code: 1 });
  });
});
