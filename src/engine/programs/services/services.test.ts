import { describe, expect, it } from 'vitest';
import { sh, testHost } from '../../testing/harness';

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, code: 0 });
const settle = () => new Promise<void>((r) => setTimeout(r, 150));

describe('the programs images exist for', () => {
  it('nginx runs a master and two workers, serves its page through a published port, and stops on SIGQUIT', async () => {
    const h = testHost();
    await sh(h, 'docker run -d --name web -p 8080:80 nginx');
    await settle();
    expect((await sh(h, 'ps aux | grep -o "[n]ginx: .*"')).stdout).toBe('nginx: master process nginx -g daemon off;\nnginx: worker process\nnginx: worker process\n');
    expect(await sh(h, 'curl -s localhost:8080 | grep h1')).toEqual(ok('<h1>Welcome to nginx!</h1>\n'));
    expect(await sh(h, 'curl -sI localhost:8080/nosuch | head -1')).toEqual(ok('HTTP/1.1 404 Not Found\r\n'));
    expect(await sh(h, 'ss -tln | grep -c ":8080 "')).toEqual(ok('1\n'));
    const pid = (await sh(h, 'ps aux | grep "nginx: master" | grep -v grep')).stdout.trim().split(/\s+/)[1];
    await sh(h, `sudo kill -QUIT ${pid}`);
    await settle();
    expect((await sh(h, 'docker ps -a | grep -o "Exited ([0-9]*)"')).stdout).toBe('Exited (0)\n');
    expect(await sh(h, 'curl -s localhost:8080; echo $?')).toEqual(ok('7\n'));
  });

  it('redis-server logs its start and, on SIGTERM, saves and says goodbye', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q redis >/dev/null');
    const r = await sh(h, 'docker run --rm redis bash -c "redis-server & sleep 0.2; redis-cli ping; kill \\$!; wait; ls /data"');
    expect(r.stdout).toMatch(/^\d+:C \d\d \w{3} \d{4} [\d:.]+ \* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n[\s\S]*\* Ready to accept connections tcp\nPONG\n\d+:signal-handler \(\d+\) Received SIGTERM scheduling shutdown\.\.\.\n[\s\S]*# Redis is now ready to exit, bye bye\.\.\.\ndump\.rdb\n$/);
  });

  it('postgres needs a password to initialise, then initdb runs and the server gets ready', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q postgres >/dev/null');
    expect(await sh(h, 'docker run --rm postgres')).toEqual({ stdout: '', stderr: 'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n', code: 1 });
    const r = await sh(h, 'docker run --rm -e POSTGRES_PASSWORD=pw postgres bash -c "docker-entrypoint.sh postgres & sleep 0.3; kill -INT %1; wait; cat \\$PGDATA/PG_VERSION"');
    expect(r.stdout).toMatch(/^The files belonging to this database system will be owned by user "postgres"\.\n[\s\S]*PostgreSQL init process complete; ready for start up\.\n\n17\n$/);
    expect(r.stderr).toMatch(/LOG: {2}database system is ready to accept connections\n[\s\S]*LOG: {2}received fast shutdown request\n[\s\S]*LOG: {2}database system is shut down\n$/);
  });

  it('stress forks its hogs and reports a timed run; python3 and node evaluate their small subset', async () => {
    const h = testHost();
    await sh(h, 'docker pull -q polinux/stress >/dev/null; docker pull -q python:3.12-slim >/dev/null; docker pull -q node:22-slim >/dev/null');
    expect(await sh(h, 'docker run --rm polinux/stress stress --cpu 2 --timeout 1s')).toEqual(ok('stress: info: [1] dispatching hogs: 2 cpu, 0 io, 0 vm, 0 hdd\nstress: info: [1] successful run completed in 1s\n'));
    expect(await sh(h, 'docker run --rm polinux/stress stress --cpu x2')).toEqual({ stdout: '', stderr: 'stress: FAIL: [1] (244) invalid number: x2\n', code: 1 });
    expect(await sh(h, 'docker run --rm python:3.12-slim python3 -c "x = 6 * 7; print(x)"; docker run --rm python:3.12-slim python3 --version')).toEqual(ok('42\nPython 3.12.8\n'));
    expect(await sh(h, 'docker run --rm python:3.12-slim python3 -c "print(y)"')).toEqual({ stdout: '', stderr: 'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nNameError: name \'y\' is not defined\n', code: 1 });
    expect(await sh(h, "docker run --rm node:22-slim node -e 'console.log(\"hi\", 1)'; docker run --rm node:22-slim node -e 'console.log(2 + 3 * 4)'")).toEqual({ stdout: '14\n', stderr: 'Uncaught SyntaxError: Unexpected identifier\n', code: 0 });
  });
});
