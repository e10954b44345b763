import type { Kernel } from '../kernel/kernel';
import type { Process } from '../kernel/process';
import { API_VERSION, ApiError, ENGINE, MIN_API_VERSION, type ApiRequest, type ApiResponse } from './api';
import { KERNEL } from '../kernel/version';
import { Snapshotter, SnapshotError } from '../storage/snapshotter';
import { ImageError, ImageStore } from '../images/store';
import { ReferenceError } from '../images/reference';
import { registerImageRoutes } from './images';
import { connectRegistry, registryUrl } from './registries';
import { RegistryError } from '../registry/registry';
import { registerContainerRoutes, type Container } from './containers';
import { registerLifecycleRoutes } from './lifecycle';

/** A handler: the code that does the work of one API route (the "job"). */
export type Handler = (req: ApiRequest & { params: Record<string, string>; query: URLSearchParams }, client: Process) => unknown;

interface Route {
  method: string;
  pattern: RegExp;
  /** As the API reference names it: `GET /containers/json`. */
  name: string;
  /** The handler's name, as the API inspector shows it. */
  handler: string;
  fn: Handler;
}

/**
 * The Docker daemon's API server: a router that matches each request to a route and hands it to
 * a handler, which runs the job with the daemon's drivers. Every request is an event, so the
 * path client → API → router → handler can be shown as it happens.
 */
export class Daemon {
  private readonly routes: Route[] = [];
  readonly id: string;
  readonly startedAt: number;

  constructor(readonly kernel: Kernel) {
    this.id = kernel.random.hex(64).toUpperCase().replace(/(.{4})(?=.)/g, '$1:').slice(0, 59);
    this.startedAt = kernel.clock.now();
    this.route('GET', '/_ping', 'ping', () => 'OK');
    this.route('HEAD', '/_ping', 'ping', () => '');
    this.route('GET', '/version', 'getVersion', () => this.version());
    this.route('GET', '/info', 'getInfo', () => this.info());
    this.snapshots = new Snapshotter(() => kernel.clock.now(), kernel.random, (e) => kernel.events.emit(e));
    this.images = new ImageStore(this.snapshots, () => kernel.clock.now());
    this.route('POST', '/auth', 'postAuth', (req, client) => {
      const body = req.body as { username?: string; password?: string; serveraddress?: string };
      const server = body.serveraddress ?? '';
      const domain = server === '' || server.includes('index.docker.io') ? 'docker.io' : server.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
      try {
        connectRegistry(this, domain, client).login({ username: body.username, password: body.password });
      } catch (e) {
        if (e instanceof RegistryError) throw new ApiError(401, domain === 'docker.io' ? `Get "${registryUrl(domain)}": unauthorized: incorrect username or password` : `login attempt to ${registryUrl(domain)} failed with status: 401 Unauthorized`);
        throw e;
      }
      return { Status: 'Login Succeeded', IdentityToken: '' };
    });
    registerImageRoutes(this);
    registerContainerRoutes(this);
    registerLifecycleRoutes(this);
  }

  /** The containers, by ID. */
  readonly containers = new Map<string, Container>();
  /** Exit codes of --rm containers already removed, for the client still waiting on them. */
  readonly removedExitCodes = new Map<string, number>();
  /** The dockerd process, parent of the containers' first processes. */
  process: Process | null = null;

  /** The graph driver's snapshots (overlay2). */
  readonly snapshots: Snapshotter;
  /** The image store. */
  readonly images: ImageStore;

  /** Adds a route; `{name}` segments become parameters. */
  route(method: string, path: string, handler: string, fn: Handler): void {
    // `{name}` matches one segment; `{name*}` the rest of the path (image names contain slashes).
    const pattern = new RegExp('^' + path.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\*\}/g, '(?<$1>.+)').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)') + '$');
    this.routes.push({ method, pattern, name: `${method} ${path}`, handler, fn });
  }

  /** Serves one request from `client`; errors become `{message}` bodies with their status. */
  async handle(req: ApiRequest, client: Process): Promise<ApiResponse> {
    const url = new URL(req.path, 'http://docker');
    let path = url.pathname;
    const versioned = /^\/v(\d+\.\d+)(\/.*)$/.exec(path);
    let matched: Route | null = null;
    let res: ApiResponse;
    try {
      if (versioned) {
        if (Number(versioned[1]) > Number(API_VERSION)) throw new ApiError(400, `client version ${versioned[1]} is too new. Maximum supported API version is ${API_VERSION}`);
        if (Number(versioned[1]) < Number(MIN_API_VERSION)) throw new ApiError(400, `client version ${versioned[1]} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`);
        path = versioned[2];
      }
      let params: Record<string, string> = {};
      for (const r of this.routes) {
        const m = r.method === req.method ? r.pattern.exec(path) : null;
        if (m) {
          matched = r;
          params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
          break;
        }
      }
      if (!matched) throw new ApiError(404, 'page not found');
      let body: unknown;
      try {
        body = await matched.fn({ ...req, params, query: url.searchParams }, client);
      } catch (e) {
        if (e instanceof ImageError) throw new ApiError(e.status, e.message);
        if (e instanceof SnapshotError) throw new ApiError(500, e.message);
        if (e instanceof ReferenceError) throw new ApiError(400, e.message);
        throw e;
      }
      res = { status: req.method === 'POST' && body === undefined ? 204 : 200, body: body ?? null };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      res = { status: e.status, body: { message: e.message } };
    }
    this.kernel.events.emit({ type: 'api.request', method: req.method, path: req.path, route: matched?.name ?? null, handler: matched?.handler ?? null, status: res.status, client: client.pid });
    return res;
  }

  private version() {
    return {
      Platform: { Name: 'Docker Engine - Community' },
      Components: [
        { Name: 'Engine', Version: ENGINE.version, Details: { ApiVersion: API_VERSION, Arch: 'amd64', BuildTime: ENGINE.buildTime, Experimental: 'false', GitCommit: ENGINE.gitCommit, GoVersion: ENGINE.goVersion, KernelVersion: KERNEL.release, MinAPIVersion: MIN_API_VERSION, Os: 'linux' } },
        { Name: 'containerd', Version: ENGINE.containerd.version, Details: { GitCommit: ENGINE.containerd.commit } },
        { Name: 'runc', Version: ENGINE.runc.version, Details: { GitCommit: ENGINE.runc.commit } },
        { Name: 'docker-init', Version: ENGINE.init.version, Details: { GitCommit: ENGINE.init.commit } },
      ],
      Version: ENGINE.version,
      ApiVersion: API_VERSION,
      MinAPIVersion: MIN_API_VERSION,
      GitCommit: ENGINE.gitCommit,
      GoVersion: ENGINE.goVersion,
      Os: 'linux',
      Arch: 'amd64',
      KernelVersion: KERNEL.release,
      BuildTime: ENGINE.buildTime,
    };
  }

  private info() {
    return {
      ID: this.id,
      Containers: this.containers.size,
      ContainersRunning: [...this.containers.values()].filter((c) => c.state === 'running').length,
      ContainersPaused: 0,
      ContainersStopped: [...this.containers.values()].filter((c) => c.state !== 'running').length,
      Images: this.images.images.size,
      Driver: 'overlay2',
      DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']],
      LoggingDriver: 'json-file',
      CgroupDriver: 'systemd',
      CgroupVersion: '2',
      KernelVersion: KERNEL.release,
      OperatingSystem: 'Debian GNU/Linux 12 (bookworm)',
      OSVersion: '12',
      OSType: 'linux',
      Architecture: 'x86_64',
      NCPU: 2,
      MemTotal: 8 * 1024 ** 3,
      Name: this.kernel.hostUts.hostname,
      DockerRootDir: '/var/lib/docker',
      ServerVersion: ENGINE.version,
      Runtimes: { runc: { path: 'runc' }, 'io.containerd.runc.v2': { path: 'runc' } },
      DefaultRuntime: 'runc',
      Swarm: { LocalNodeState: 'inactive' },
      LiveRestoreEnabled: false,
      Isolation: '',
      InitBinary: 'docker-init',
      SecurityOptions: ['name=seccomp,profile=builtin', 'name=cgroupns'],
      RegistryConfig: { IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } } },
      ExperimentalBuild: false,
      Debug: false,
    };
  }
}
