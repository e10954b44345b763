import { describe, expect, it } from 'vitest';
import { sh, testHost } from '../testing/harness';
import { renderScreen } from '../testing/terminal';
import { ManualClock } from '../index';
import { dockerHub } from './hub';

const start = Date.UTC(2026, 10, 22, 11, 0, 0);

describe('pull progress on a terminal', () => {
  it('draws one line per layer, rewritten in place with a bar, size and time left, at the link speed', async () => {
    const clock = new ManualClock(start);
    const h = testHost({ clock, linkRate: 1e6 });
    const term = h.openTerminal({ cols: 120, rows: 40 });
    let raw = '';
    term.onOutput((t) => (raw += t));
    const settle = async () => {
      for (let i = 0; i < 20; i++) await new Promise<void>((r) => setTimeout(r, 0));
    };
    await settle();
    term.write('docker pull alpine\r');
    const alpine = dockerHub().manifest('library/alpine', 'latest');
    if (typeof alpine === 'string') throw new Error('alpine missing');
    const id = alpine.layers[0].digest.slice(7, 19);
    // 2 s into a 7.8 MB download at 1 MB/s.
    for (let t = 0; t < 2000; t += 100) {
      await settle();
      clock.advance(100);
    }
    await settle();
    const during = renderScreen(raw).split('\n');
    expect(during.slice(1)).toEqual([
      'Using default tag: latest',
      'latest: Pulling from library/alpine',
      `${id}: Downloading [=============>                                     ]    2.1MB/7.803MB 5s`,
      '',
    ]);
    let elapsed = 2000;
    while (!/\$ $/.test(renderScreen(raw)) && elapsed < 60_000) {
      await settle();
      clock.advance(100);
      elapsed += 100;
    }
    // 7.8 MB at 1 MB/s, then extraction at 4 MB/s: about ten seconds of clock time.
    expect(elapsed).toBeGreaterThan(9000);
    expect(elapsed).toBeLessThan(11_000);
    expect(renderScreen(raw).split('\n').slice(1)).toEqual([
      'Using default tag: latest',
      'latest: Pulling from library/alpine',
      `${id}: Pull complete `,
      `Digest: ${alpine.digest}`,
      'Status: Downloaded newer image for alpine:latest',
      'docker.io/library/alpine:latest',
      'student@host:~$ ',
    ]);
  });
});

const ok = (stdout: string, stderr = '') => ({ stdout, stderr, code: 0 });
const host = () => testHost({ clock: new ManualClock(start) });
const CRED_WARNING = "WARNING! Your credentials are stored unencrypted in '/home/student/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n";

describe('docker login, logout and pushing to Docker Hub', () => {
  it('stores credentials in ~/.docker/config.json and removes them again', async () => {
    const h = host();
    expect(await sh(h, 'echo s3cret | docker login -u alice --password-stdin')).toEqual(ok('Login Succeeded\n', CRED_WARNING));
    expect(await sh(h, 'cat ~/.docker/config.json; stat -c %a ~/.docker/config.json')).toEqual(ok('{\n\t"auths": {\n\t\t"https://index.docker.io/v1/": {\n\t\t\t"auth": "YWxpY2U6czNjcmV0"\n\t\t}\n\t}\n}\n600\n'));
    expect(await sh(h, 'docker logout')).toEqual(ok('Removing login credentials for https://index.docker.io/v1/\n'));
    expect(await sh(h, 'docker logout')).toEqual(ok('Not logged in to docker.io\n'));
    expect(await sh(h, 'docker login -u Bad_Name -p x')).toEqual({ stdout: '', stderr: 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\nError response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password\n', code: 1 });
    expect(await sh(h, 'docker login -u alice --password-stdin < /dev/null')).toEqual({ stdout: '', stderr: 'Error: Password Required\n', code: 1 });
  });

  it('refuses a push to a namespace that is not yours, and round-trips one that is', async () => {
    const h = host();
    await sh(h, 'docker pull busybox >/dev/null; docker tag busybox carol/tools:1.0');
    const hub = dockerHub().manifest('library/busybox', 'latest');
    if (typeof hub === 'string') throw new Error('busybox missing');
    const layer = hub.layers[0].digest.slice(7, 19);
    expect(await sh(h, 'docker push carol/tools:1.0')).toEqual({
      stdout: `The push refers to repository [docker.io/carol/tools]\n${layer}: Preparing\n`,
      stderr: 'denied: requested access to the resource is denied\n',
      code: 1,
    });
    await sh(h, 'docker login -u carol -p pw 2>/dev/null');
    const pushed = await sh(h, 'docker push carol/tools:1.0');
    expect(pushed.stdout).toMatch(new RegExp(`^The push refers to repository \\[docker.io/carol/tools\\]\\n${layer}: Preparing\\n${layer}: Layer already exists\\n1\\.0: digest: sha256:[0-9a-f]{64} size: \\d+\\n$`));
    const id = (await sh(h, 'docker images -q carol/tools')).stdout;
    expect(await sh(h, 'docker rmi carol/tools:1.0')).toEqual(ok('Untagged: carol/tools:1.0\n'));
    const back = await sh(h, 'docker pull carol/tools:1.0');
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/^1\.0: Pulling from carol\/tools\nDigest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for carol\/tools:1\.0\ndocker\.io\/carol\/tools:1\.0\n$/);
    expect((await sh(h, 'docker images -q carol/tools')).stdout).toBe(id);
  });

  it('gives Docker\'s errors for images that are not there and names that cannot be pulled', async () => {
    const h = host();
    expect(await sh(h, 'docker push nosuch/thing')).toEqual({ stdout: 'Using default tag: latest\nThe push refers to repository [docker.io/nosuch/thing]\n', stderr: 'An image does not exist locally with the tag: nosuch/thing\n', code: 1 });
    expect(await sh(h, 'docker pull scratch')).toEqual({ stdout: 'Using default tag: latest\n', stderr: "Error response from daemon: 'scratch' is a reserved name\n", code: 1 });
    expect(await sh(h, 'docker pull localhost:5000/app')).toEqual({ stdout: 'Using default tag: latest\n', stderr: 'Error response from daemon: Get "http://localhost:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused\n', code: 1 });
    expect(await sh(h, 'docker pull registry.example.com/app:1')).toEqual({ stdout: '', stderr: 'Error response from daemon: Get "https://registry.example.com/v2/": dial tcp: lookup registry.example.com on 10.0.2.3:53: no such host\n', code: 1 });
  });
});

describe('published ports', () => {
  it('docker ps shows them; a port already taken fails the start with exit 125', async () => {
    const h = host();
    await sh(h, 'docker pull busybox >/dev/null');
    expect((await sh(h, 'docker run -d -p 8080:80 -p 127.0.0.1:9000:9000/udp --name web busybox sleep 100')).code).toBe(0);
    expect((await sh(h, 'docker run -d -p 5000 --name any busybox sleep 100')).code).toBe(0);
    const ps = (await sh(h, 'docker ps')).stdout;
    expect(ps).toContain('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 127.0.0.1:9000->9000/udp');
    expect(ps).toContain('0.0.0.0:32768->5000/tcp, [::]:32768->5000/tcp');
    const clash = await sh(h, 'docker run -d -p 8080:8080 --name second busybox sleep 100');
    expect(clash.code).toBe(125);
    expect(clash.stderr).toMatch(/^docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint second \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n\nRun 'docker run --help' for more information\n$/);
    expect((await sh(h, 'docker ps -a | grep second | grep -c Created')).stdout).toBe('1\n');
    expect(await sh(h, 'docker run -p 99999:80 busybox true')).toEqual({ stdout: '', stderr: "docker: invalid hostPort: 99999.\n\nRun 'docker run --help' for more information\n", code: 125 });
  });
});

describe('docker search and quiet pulls', () => {
  it('filters, limits and quiets as docker does', async () => {
    const h = host();
    expect(await sh(h, 'docker search --filter is-official=true --limit 2 a')).toEqual(ok('NAME      DESCRIPTION                                     STARS     OFFICIAL\nnginx     Official build of Nginx.                        20786     [OK]\nubuntu    Ubuntu is a Debian-based Linux operating sys…   17652     [OK]\n'));
    expect(await sh(h, 'docker pull -q hello-world')).toEqual(ok('docker.io/library/hello-world:latest\n'));
    expect(await sh(h, 'docker search --limit 0 x')).toEqual({ stdout: '', stderr: 'Error response from daemon: limit 0 is outside the range of [1, 100]\n', code: 1 });
    expect(await sh(h, 'docker pull --platform linux/arm64 alpine')).toEqual({ stdout: '', stderr: "unknown flag: --platform\nSee 'docker pull --help'.\n", code: 1 });
  });
});

describe('a private registry run as a container', () => {
  it('stores what is pushed in its container, and a pull after rmi gives back the same image ID', async () => {
    const h = testHost();
    const run = await sh(h, 'docker run -d -p 5000:5000 --name registry registry:2 >/dev/null 2>&1; sleep 0.2; docker ps --format "{{.Names}} {{.Ports}}"');
    expect(run.stdout).toBe('registry 0.0.0.0:5000->5000/tcp, [::]:5000->5000/tcp\n');
    await sh(h, 'docker pull -q alpine; docker tag alpine localhost:5000/myalpine');
    const id = (await sh(h, 'docker images -q localhost:5000/myalpine')).stdout;
    expect(id).toMatch(/^[0-9a-f]{12}\n$/);
    const alpine = dockerHub().manifest('library/alpine', 'latest');
    if (typeof alpine === 'string') throw new Error('alpine missing');
    const layer = alpine.layers[0].digest.slice(7, 19);
    const pushed = await sh(h, 'docker push localhost:5000/myalpine');
    expect(pushed.stdout).toMatch(new RegExp(`^Using default tag: latest\\nThe push refers to repository \\[localhost:5000/myalpine\\]\\n${layer}: Preparing\\n${layer}: Pushed\\nlatest: digest: (sha256:[0-9a-f]{64}) size: \\d+\\n$`));
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed.stdout)![1];
    // What the registry holds, in its own filesystem, in the Distribution layout.
    const files = await sh(h, 'docker export registry | tar -t | grep "var/lib/registry/docker/registry/v2/repositories/myalpine/_manifests/tags/latest/current/link"');
    expect(files.stdout).toBe('var/lib/registry/docker/registry/v2/repositories/myalpine/_manifests/tags/latest/current/link\n');
    // registry:2 stands on the same alpine layer, so the layer stays and is found again.
    expect((await sh(h, 'docker rmi localhost:5000/myalpine alpine')).code).toBe(0);
    expect((await sh(h, 'docker images -q localhost:5000/myalpine; docker images -q alpine')).stdout).toBe('');
    expect(await sh(h, 'docker pull localhost:5000/myalpine')).toEqual(ok(`Using default tag: latest\nlatest: Pulling from myalpine\n${layer}: Already exists\nDigest: ${digest}\nStatus: Downloaded newer image for localhost:5000/myalpine:latest\nlocalhost:5000/myalpine:latest\n`));
    expect((await sh(h, 'docker images -q localhost:5000/myalpine')).stdout).toBe(id);
    // Stopped, the registry no longer answers.
    expect((await sh(h, 'docker rm -f registry; docker pull localhost:5000/myalpine')).stderr).toBe('Error response from daemon: Get "http://localhost:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused\n');
  });
});
