import type { Ctx, ProgramSpec } from '../context';
import { isSysError } from '../../kernel/errors';
import { WaitQueue } from '../../kernel/waitqueue';
import { FilesystemRegistry } from '../../registry/storage';
import type { Registry } from '../../registry/registry';

/** logrus's text format, as the registry logs: `time="…" level=info msg="…" fields…`. */
function logLine(ctx: Ctx, level: string, msg: string, instance: string): string {
  const t = new Date(ctx.kernel.clock.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  return `time="${t}" level=${level} msg="${msg}" go.version=go1.20.8 instance.id=${instance} service=registry version=2.8.3\n`;
}

/** The two settings the simulated registry reads from its YAML configuration. */
function readConfig(text: string): { root: string; port: number } {
  const root = /^\s+rootdirectory:\s*(\S+)/m.exec(text)?.[1] ?? '/var/lib/registry';
  const addr = /^http:\s*\n(?:\s+.*\n)*?\s+addr:\s*(\S+)/m.exec(text)?.[1] ?? ':5000';
  return { root, port: Number(addr.split(':').pop()) || 5000 };
}

/**
 * registry (CNCF Distribution 2.8): `registry serve CONFIG` listens on the configured port of its
 * network namespace and stores what is pushed under the configured root directory, in the
 * filesystem driver's layout; each request is logged as the registry's access log does.
 * @sim partial: no HTTP; the daemon's registry client calls the storage directly, and only the
 * storage.filesystem.rootdirectory and http.addr settings are read.
 */
export const registry: ProgramSpec = {
  name: 'registry',
  summary: 'the Docker (CNCF Distribution) registry server',
  usage: 'registry serve CONFIG | registry --version',
  onHost: false,
  async run(ctx: Ctx) {
    const [cmd, config] = ctx.args;
    if (cmd === '--version' || cmd === '-v') {
      await ctx.out('registry github.com/docker/distribution 2.8.3\n');
      return 0;
    }
    if (cmd !== 'serve') {
      await ctx.out('`registry`\n\nUsage:\n  registry [flags]\n  registry [command]\n\nAvailable Commands:\n  garbage-collect `garbage-collect` deletes layers not referenced by any manifests\n  help            Help about any command\n  serve           `serve` stores and distributes Docker images\n\nFlags:\n  -h, --help=false: help for registry\n  -v, --version=false: show the version and exit\n');
      return cmd === undefined || cmd === 'help' || cmd === '-h' || cmd === '--help' ? 0 : 1;
    }
    let text: string;
    try {
      text = ctx.fs.readText(ctx.proc, config ?? '');
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.err(`configuration path unspecified\n`);
      return 1;
    }
    const { root, port } = readConfig(text);
    const instance = [8, 4, 4, 4, 12].map((n) => ctx.kernel.random.hex(n)).join('-');
    let log = logLine(ctx, 'warning', 'No HTTP secret provided - generated random secret. This may cause problems with uploads if multiple registries are behind a load-balancer. To provide a shared secret, fill in http.secret in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.', instance);
    log += logLine(ctx, 'info', 'redis not configured', instance);
    log += logLine(ctx, 'info', 'Starting upload purge in 20m0s', instance);
    log += logLine(ctx, 'info', 'using inmemory blob descriptor cache', instance);
    for (const dir of root.split('/').filter(Boolean).map((_, i, a) => `/${a.slice(0, i + 1).join('/')}`)) {
      if (!ctx.fs.exists(ctx.proc, dir)) ctx.fs.mkdir(ctx.proc, dir, 0o755);
    }
    const pending: string[] = [];
    const wake = new WaitQueue();
    const storage = new FilesystemRegistry(ctx.fs, ctx.proc, root);
    // Every call is a request of the Distribution API: logged as the access log shows it.
    const logged = (method: string, path: (...a: string[]) => string, status: number) => (...a: string[]) => {
      const when = new Date(ctx.kernel.clock.now()).toUTCString().replace(/^\w+, (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1/$2/$3:$4 +0000');
      pending.push(`172.17.0.1 - - [${when}] "${method} ${path(...a)} HTTP/1.1" ${status} 0 "" "docker/28.2.2 go/go1.24.3 git-commit/45873be kernel/6.1.0-28-amd64 os/linux arch/amd64 UpstreamClient(Docker-Client/28.2.2 \\(linux\\))"\n`);
      wake.wake();
    };
    const service: Registry = {
      login: () => logged('GET', () => '/v2/', 200)(),
      getManifest: (repo, ref) => {
        logged('GET', () => `/v2/${repo}/manifests/${ref}`, 200)();
        return storage.getManifest(repo, ref);
      },
      getBlob: (repo, digest) => {
        logged('GET', () => `/v2/${repo}/blobs/${digest}`, 200)();
        return storage.getBlob(repo, digest);
      },
      hasBlob: (repo, digest) => {
        const has = storage.hasBlob(repo, digest);
        logged('HEAD', () => `/v2/${repo}/blobs/${digest}`, has ? 200 : 404)();
        return has;
      },
      putBlob: (repo, digest, data) => {
        storage.putBlob(repo, digest, data);
        logged('PUT', () => `/v2/${repo}/blobs/uploads/${ctx.kernel.random.hex(8)}-${ctx.kernel.random.hex(4)}?digest=${digest}`, 201)();
      },
      putManifest: (repo, tag, bytes) => {
        const d = storage.putManifest(repo, tag, bytes);
        logged('PUT', () => `/v2/${repo}/manifests/${tag}`, 201)();
        return d;
      },
    };
    let close: () => void;
    try {
      close = ctx.kernel.tcp.listen(ctx.proc.ns.net, { owner: ctx.proc, port, program: 'registry', accept: () => service });
    } catch (e) {
      if (!isSysError(e, 'EADDRINUSE')) throw e;
      await ctx.out(log + logLine(ctx, 'fatal', `listen tcp :${port}: bind: address already in use`, instance));
      return 1;
    }
    await ctx.out(log + logLine(ctx, 'info', `listening on [::]:${port}`, instance));
    try {
      for (;;) {
        while (pending.length) await ctx.out(pending.shift()!);
        await ctx.proc.waitOn(wake);
      }
    } finally {
      close();
    }
  },
};
