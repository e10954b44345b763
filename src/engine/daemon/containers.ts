import type { Daemon } from './daemon';
import { ApiError } from './api';
import type { Process } from '../kernel/process';
import { BufferFile, type OpenFile } from '../kernel/file';
import { Pipe } from '../kernel/pipe';
import type { Termios, Tty, TtyFile } from '../tty/tty';
import { WaitQueue } from '../kernel/waitqueue';
import { Vfs } from '../vfs/vfs';
import { changesetTar } from '../storage/layer';
import { writeTar } from '../storage/tar';
import { treeEntries } from '../storage/tree';
import { OPAQUE_MARKER, WHITEOUT_PREFIX } from '../vfs/overlay';
import { containerName } from '../runtime/names';
import { startContainerProcess, StartError } from '../runtime/runtime';
import type { ImageConfig } from '../images/store';
import { sha256 } from '../storage/digest';
import { humanDuration } from './units';
import { attachToBridge, detachFromBridge } from './bridge';
import type { Cgroup } from '../kernel/cgroup';
import { NetNamespace } from '../kernel/netns';
import { parsePortBindings, portSummary, publishPorts, type PortBinding } from './ports';

const ROOT = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] } };

/** A container: a writable snapshot on an image, and (while it runs) a process tree. */
export interface Container {
  id: string;
  name: string;
  /** The image as the user named it. */
  image: string;
  imageId: string;
  created: number;
  path: string;
  args: string[];
  env: string[];
  workingDir: string;
  state: 'created' | 'running' | 'exited';
  exitCode: number;
  startedAt?: number;
  finishedAt?: number;
  autoRemove: boolean;
  proc?: Process;
  exited?: Promise<number>;
  /** Output of a detached container (docker logs reads it), and when each piece of it came. */
  log: string;
  logTimes: { at: number; time: number }[];
  /** Ports to publish (-p), and while running the host ports they got. */
  portBindings: PortBinding[];
  publishedPorts: PortBinding[];
  /** Ports the image and `--expose` declare (`80/tcp`). */
  exposedPorts: string[];
  releasePorts?: () => void;
  /** While running: its address on the default bridge and the host end of its veth pair. */
  ip?: string;
  veth?: string;
  /** Created with -t: an attached start hands the client's terminal to the container. */
  tty: boolean;
  /** While a client's terminal is handed to it: the terminal and the client's process group. */
  terminal?: { tty: Tty; clientGroup: number };
  /** Woken when the attached client detaches with ^P^Q. */
  detach?: WaitQueue;
  /** The terminal modes the container's programs had set when its client detached. */
  termios?: Termios;
  /** The UTS hostname (--hostname, or the short ID). */
  hostname: string;
  /** -u, or the image's USER. */
  user?: string;
  /** Limits (0: none): -m in bytes, --pids-limit, --cpus in billionths. */
  memory: number;
  pidsLimit: number;
  nanoCpus: number;
  /** --cpu-shares (relative weight; 1024 is the default). */
  cpuShares: number;
  /** --init and --read-only. */
  init: boolean;
  readOnly: boolean;
  /** --restart: the policy, how often it restarted, and whether the user stopped it (no restart then). */
  restartPolicy: { name: string; max: number };
  restartCount: number;
  stoppedByUser: boolean;
  /** --pid (`host`, `container:NAME`) and --network (`bridge`, `host`, `none`). */
  pidMode: string;
  networkMode: string;
  /** Whether the OOM killer ended a process of its last run. */
  oomKilled: boolean;
  /** Its cgroup while it runs: /system.slice/docker-<id>.scope. */
  cgroup?: Cgroup;
}

/**
 * Docker's rule for the command a container runs: ENTRYPOINT, then the run arguments, or CMD
 * when there are none; `--entrypoint` replaces ENTRYPOINT and drops CMD.
 */
export function containerCommand(cfg: ImageConfig['config'], args: string[], entrypoint?: string[]): string[] {
  const ep = entrypoint ?? cfg.Entrypoint ?? [];
  const cmd = args.length ? args : entrypoint ? [] : (cfg.Cmd ?? []);
  return [...ep, ...cmd];
}

/**
 * Hands a client's terminal to a container's process group, with Docker's detach keys: ^P^Q gives
 * the terminal back to the client (which stops waiting) and leaves the container running; ^P then
 * any other key passes both on.
 */
export function handTerminal(c: Container, tty: Tty, clientGroup: number): void {
  const pgid = c.proc!.pgid;
  // Each side keeps its terminal modes: the client's come back on detach, the container's on attach.
  const clientModes = { ...tty.termios };
  if (c.termios) tty.setMode(c.termios);
  c.proc!.tty = tty;
  tty.fgPgrp = pgid;
  c.terminal = { tty, clientGroup };
  let held = false;
  const hook = (ch: string): boolean => {
    if (tty.fgPgrp !== pgid) return false;
    if (held) {
      held = false;
      if (ch === '\x11') {
        c.termios = { ...tty.termios };
        tty.setMode(clientModes);
        tty.fgPgrp = clientGroup;
        tty.keyHook = null;
        c.terminal = undefined;
        c.detach?.wake();
        return true;
      }
      // ^P and another key: both go through.
      tty.keyHook = null;
      tty.input('\x10');
      tty.keyHook = hook;
      return false;
    }
    if (ch === '\x10') {
      held = true;
      return true;
    }
    return false;
  };
  tty.keyHook = hook;
}

/** A container by name (with or without `/`), full ID or unique ID prefix; 404 as Docker says it. */
export function findContainer(d: Daemon, ref: string): Container {
  const all = [...d.containers.values()];
  const c = all.find((x) => x.name === ref || x.name === ref.replace(/^\//, '')) ?? all.filter((x) => x.id.startsWith(ref)).at(0);
  if (!c || ref.length === 0) throw new ApiError(404, `No such container: ${ref}`);
  return c;
}

/** The container routes of the Engine API. */
export function registerContainerRoutes(d: Daemon): void {
  const containers = d.containers;
  const find = (ref: string): Container => findContainer(d, ref);
  const snapKey = (c: Container) => `container-${c.id}`;

  d.route('POST', '/containers/create', 'postContainersCreate', (req) => {
    const body = req.body as {
      Image: string; Cmd?: string[]; Entrypoint?: string[]; Env?: string[]; WorkingDir?: string; ExposedPorts?: Record<string, object>; Tty?: boolean; Hostname?: string; User?: string;
      HostConfig?: { AutoRemove?: boolean; PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[]>; PublishAllPorts?: boolean; Memory?: number; PidsLimit?: number; NanoCpus?: number; CpuShares?: number; Init?: boolean; ReadonlyRootfs?: boolean; RestartPolicy?: { Name?: string; MaximumRetryCount?: number }; PidMode?: string; NetworkMode?: string };
    };
    const image = d.images.resolve(body.Image);
    const cfg = image.config.config;
    const hc = body.HostConfig ?? {};
    if (hc.Memory && hc.Memory < 6 * 2 ** 20) throw new ApiError(400, 'Minimum memory limit allowed is 6MB');
    if (hc.NanoCpus && (hc.NanoCpus < 1e7 || hc.NanoCpus > 2e9)) throw new ApiError(400, 'Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available');
    const policy = hc.RestartPolicy?.Name || 'no';
    if (!['no', 'always', 'on-failure', 'unless-stopped'].includes(policy)) throw new ApiError(400, `invalid restart policy '${policy}'`);
    if (policy !== 'no' && hc.AutoRemove) throw new ApiError(400, 'conflicting options: cannot specify both --restart and --rm');
    const pidMode = hc.PidMode ?? '';
    if (pidMode && pidMode !== 'host' && !pidMode.startsWith('container:')) throw new ApiError(400, `invalid PID mode: ${pidMode}`);
    if (pidMode.startsWith('container:')) {
      const other = findContainer(d, pidMode.slice(10));
      if (other.state !== 'running') throw new ApiError(409, `cannot join PID of a non running container: ${other.id}`);
    }
    const networkMode = hc.NetworkMode || 'bridge';
    if (!['bridge', 'default', 'host', 'none'].includes(networkMode)) throw new ApiError(404, `network ${networkMode} not found`);
    const argv = containerCommand(cfg, body.Cmd ?? [], body.Entrypoint);
    const exposedPorts = [...new Set([...Object.keys(cfg.ExposedPorts ?? {}), ...Object.keys(body.ExposedPorts ?? {})])];
    const portBindings = parsePortBindings(body.HostConfig?.PortBindings);
    if (body.HostConfig?.PublishAllPorts) {
      for (const e of exposedPorts) {
        const [port, proto = 'tcp'] = e.split('/');
        if (!portBindings.some((b) => b.containerPort === Number(port) && b.proto === proto)) portBindings.push({ hostIp: '', hostPort: '', containerPort: Number(port), proto });
      }
    }
    if (argv.length === 0) throw new ApiError(400, 'No command specified');
    let name = req.query.get('name') ?? '';
    if (name) {
      if (!/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) throw new ApiError(400, `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
      name = name.replace(/^\//, '');
      const clash = [...containers.values()].find((c) => c.name === name);
      if (clash) throw new ApiError(409, `Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`);
    } else {
      name = containerName(d.kernel.random, (n) => [...containers.values()].some((c) => c.name === n));
    }
    const id = d.kernel.random.hex(64);
    // The init layer holds what Docker puts into every container (mount points, /etc files), so
    // that `docker diff` shows only what the container itself changed.
    const top = image.chain.at(-1);
    const initKey = `${snapKey({ id } as Container)}-init`;
    const initFs = new Vfs(d.snapshots.mount(d.snapshots.prepare(`${initKey}-active`, top)), 'overlay');
    for (const dir of ['/proc', '/dev', '/sys', '/sys/fs', '/sys/fs/cgroup', '/etc']) if (!initFs.exists(ROOT, dir)) initFs.mkdir(ROOT, dir, 0o755);
    for (const f of ['/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/.dockerenv']) initFs.writeFile(ROOT, f, '', { mode: 0o755 });
    // With the host's network the container also takes the host's name, as Docker does.
    const hostname = body.Hostname || (networkMode === 'host' ? d.kernel.hostUts.hostname : id.slice(0, 12));
    initFs.writeFile(ROOT, '/etc/hostname', `${hostname}\n`, { mode: 0o644 });
    initFs.writeFile(ROOT, '/etc/resolv.conf', "# Generated by Docker Engine.\n# This file can be edited; Docker Engine will not make further changes once it\n# has been modified.\n\nnameserver 10.0.2.3\n\n# Based on host file: '/etc/resolv.conf' (legacy)\n# Overrides: []\n", { mode: 0o644 });
    d.snapshots.commit(initKey, `${initKey}-active`);
    d.snapshots.prepare(`container-${id}`, initKey);
    // What Docker adds to every container's environment: HOSTNAME, TERM with -t, and HOME (root's,
    // as the user is root) unless the image or -e sets it.
    const given = [...(cfg.Env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']), ...(body.Env ?? [])];
    const has = (k: string) => given.some((e) => e.startsWith(`${k}=`));
    const env = [...given.filter((e) => e.startsWith('PATH=')), `HOSTNAME=${id.slice(0, 12)}`, ...(body.Tty && !has('TERM') ? ['TERM=xterm'] : []), ...given.filter((e) => !e.startsWith('PATH=')), ...(has('HOME') ? [] : ['HOME=/root'])];
    containers.set(id, {
      id, name, image: body.Image, imageId: image.id, created: d.kernel.clock.now(), path: argv[0], args: argv.slice(1), env,
      workingDir: body.WorkingDir || cfg.WorkingDir || '/', state: 'created', exitCode: 0, autoRemove: !!body.HostConfig?.AutoRemove, log: '', logTimes: [],
      portBindings, publishedPorts: [], exposedPorts, tty: !!body.Tty, hostname, user: body.User || cfg.User || undefined,
      memory: hc.Memory ?? 0, pidsLimit: hc.PidsLimit ?? 0, nanoCpus: hc.NanoCpus ?? 0, cpuShares: hc.CpuShares ?? 0, oomKilled: false, init: !!hc.Init, readOnly: !!hc.ReadonlyRootfs,
      restartPolicy: { name: policy, max: hc.RestartPolicy?.MaximumRetryCount ?? 0 }, restartCount: 0, stoppedByUser: false, pidMode, networkMode: networkMode === 'default' ? 'bridge' : networkMode,
    });
    return { Id: id, Warnings: [] };
  });

  d.route('POST', '/containers/{id}/start', 'postContainersStart', (req, client) => {
    const c = find(req.params.id);
    if (c.state === 'running') return undefined;
    publishPorts(d, c);
    const attach = req.query.get('attach') === '1';
    const stdin = req.query.get('stdin') === '1';
    let stdio: Map<number, OpenFile>;
    if (attach) {
      const none = new BufferFile(new Uint8Array(0), '/dev/null');
      stdio = new Map<number, OpenFile>([[0, stdin ? client.fd(0).retain() : none], [1, client.fd(1).retain()], [2, client.fd(2).retain()]]);
    } else {
      const [r, w] = Pipe.create();
      stdio = new Map<number, OpenFile>([[0, new BufferFile(new Uint8Array(0), '/dev/null')], [1, w], [2, w.retain()]]);
      void drain(d, r, c);
    }
    const specs = d.snapshots.mounts(snapKey(c));
    const rootfs = d.snapshots.mount(specs);
    // The container's root is mounted on the host too, where `mount` shows it.
    const merged = `/var/lib/docker/overlay2/${d.snapshots.stat(snapKey(c)).id}/merged`;
    const hostMnt = d.process!.ns.mnt;
    hostMnt.mount(d.process!, merged, rootfs, 'overlay', ['rw', 'relatime', ...specs[0].options]);
    const env = Object.fromEntries(c.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
    let proc: Process;
    const stdin0 = client.fds.get(0);
    const tty = attach && c.tty && stdin0?.isTTY ? (stdin0 as TtyFile).tty : undefined;
    const clientGroup = tty?.fgPgrp;
    c.detach = new WaitQueue();
    c.stoppedByUser = false;
    const net = c.networkMode === 'host' ? d.kernel.hostNamespaces().net : c.networkMode === 'none' ? new NetNamespace() : attachToBridge(d, c);
    const pidNs = c.pidMode === 'host' ? d.kernel.hostPidNs : c.pidMode.startsWith('container:') ? findContainer(d, c.pidMode.slice(10)).proc?.ns.pid : undefined;
    const cgroup = d.kernel.rootCgroup.child(`system.slice/docker-${c.id}.scope`);
    cgroup.memoryMax = c.memory || Infinity;
    cgroup.pidsMax = c.pidsLimit > 0 ? c.pidsLimit : Infinity;
    cgroup.cpuQuotaUs = c.nanoCpus > 0 ? Math.round(c.nanoCpus / 1e4) : Infinity;
    c.cgroup = cgroup;
    c.oomKilled = false;
    // /etc/hosts names the container at its address; like Docker's bind mount, it is not the
    // container's own change (the file lives in its init layer).
    d.snapshots.volumeOf(`${snapKey(c)}-init`).writeFile('/etc/hosts', new TextEncoder().encode(`127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n${c.ip ? `${c.ip}\t${c.hostname}\n` : ''}`), { mode: 0o644, uid: 0, gid: 0 });
    try {
      proc = startContainerProcess(d.kernel, d.process!, {
        rootfs, rootOptions: ['rw', 'relatime', ...d.snapshots.mounts(snapKey(c))[0].options], argv: [c.path, ...c.args], env, cwd: c.workingDir, hostname: c.hostname, stdio, net, user: c.user, cgroup, init: c.init, readOnly: c.readOnly, pidNs,
      });
    } catch (e) {
      hostMnt.umount(d.process!, merged);
      c.releasePorts?.();
      detachFromBridge(d, c);
      if (e instanceof StartError) {
        c.state = 'exited';
        c.exitCode = e.exitCode;
        throw new ApiError(400, e.message);
      }
      throw e;
    } finally {
      for (const f of stdio.values()) f.close();
    }
    c.proc = proc;
    c.state = 'running';
    if (tty && clientGroup !== undefined) handTerminal(c, tty, clientGroup);
    c.startedAt = d.kernel.clock.now();
    c.exited = (async () => {
      const r = await d.kernel.waitpid(d.process!, proc.pid);
      const st = r?.kind === 'exited' ? r.status : { code: 0 };
      c.exitCode = st.signal !== undefined ? 128 + st.signal : (st.code ?? 0);
      c.state = 'exited';
      c.finishedAt = d.kernel.clock.now();
      c.proc = undefined;
      c.releasePorts?.();
      detachFromBridge(d, c);
      c.oomKilled = cgroup.events.oom_kill > 0;
      // The terminal goes back to the client that handed it over.
      if (c.terminal && c.terminal.tty.fgPgrp === proc.pgid) c.terminal.tty.fgPgrp = c.terminal.clientGroup;
      if (c.terminal) c.terminal.tty.keyHook = null;
      c.terminal = undefined;
      try {
        hostMnt.umount(d.process!, merged);
      } catch {
        // already unmounted
      }
      if (c.autoRemove) {
        d.removedExitCodes.set(c.id, c.exitCode);
        removeContainer(d, c);
      }
      // --restart: the daemon starts it again after 100 ms, doubling each time (Docker's backoff).
      const p = c.restartPolicy;
      const again = !c.stoppedByUser && (p.name === 'always' || p.name === 'unless-stopped' || (p.name === 'on-failure' && c.exitCode !== 0 && (p.max === 0 || c.restartCount < p.max)));
      if (again && d.containers.has(c.id)) {
        d.kernel.clock.setTimer(100 * 2 ** Math.min(c.restartCount, 10), () => {
          if (c.state !== 'exited' || c.stoppedByUser || !d.containers.has(c.id)) return;
          c.restartCount++;
          void d.handle({ method: 'POST', path: `/containers/${c.id}/start` }, d.process!);
        });
      }
      return c.exitCode;
    })();
    return undefined;
  });

  d.route('POST', '/containers/{id}/wait', 'postContainersWait', async (req) => {
    // A --rm container may be gone before its waiter asks (docker run waits with condition=removed).
    const gone = d.removedExitCodes.get(req.params.id);
    if (gone !== undefined) return { StatusCode: gone, Error: null };
    const c = find(req.params.id);
    if (c.state !== 'running' || !c.exited) return { StatusCode: c.exitCode, Error: null };
    // An attached client also stops waiting when it detaches (^P^Q).
    let detached = false;
    const code = await Promise.race([c.exited, c.detach!.wait().then(() => {
      detached = true;
      return 0;
    })]);
    return detached ? { StatusCode: 0, Error: null, Detached: true } : { StatusCode: code, Error: null };
  });

  d.route('GET', '/containers/json', 'getContainersJSON', (req) => {
    const all = req.query.get('all') === '1';
    // Newest first; containers created in the same millisecond keep their creation order, reversed.
    return [...containers.values()].reverse()
      .filter((c) => all || c.state === 'running')
      .sort((a, b) => b.created - a.created)
      .map((c) => ({
        Id: c.id, Names: [`/${c.name}`], Image: c.image, ImageID: c.imageId, Command: [c.path, ...c.args].join(' '), Created: Math.floor(c.created / 1000),
        State: c.state === 'running' && c.cgroup?.frozen ? 'paused' : c.state, Status: status(d, c), Ports: portSummary(c, c.exposedPorts), Labels: {},
      }));
  });

  d.route('DELETE', '/containers/{id}', 'deleteContainers', (req) => {
    const c = find(req.params.id);
    if (c.state === 'running') {
      if (req.query.get('force') !== '1') throw new ApiError(409, `cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
      if (c.proc) d.kernel.signal(null, c.proc, 9);
    }
    removeContainer(d, c);
    return undefined;
  });

  d.route('GET', '/containers/{id}/changes', 'getContainersChanges', (req) => changes(d, find(req.params.id)));

  d.route('GET', '/containers/{id}/export', 'getContainersExport', (req) => {
    const c = find(req.params.id);
    const fs = new Vfs(d.snapshots.mount(d.snapshots.mounts(snapKey(c))), 'overlay');
    // The whole tree, paths relative to the root (no entry for the root itself).
    const entries = treeEntries(fs, ROOT, '/', '').slice(1).map((e) => ({ ...e, path: e.path.slice(1) }));
    return writeTar(entries);
  });

  d.route('GET', '/system/df', 'getSystemDataUsage', () => {
    const used = new Set([...containers.values()].map((c) => c.imageId));
    const layerSize = new Map<string, number>();
    for (const img of d.images.images.values()) img.chain.forEach((k, i) => layerSize.set(k, img.layerSizes[i]));
    const sizeOf = (keys: string[]) => keys.reduce((n, k) => n + (layerSize.get(k) ?? 0), 0);
    const users = (key: string) => [...d.images.images.values()].filter((i) => i.chain.includes(key)).length;
    return {
      LayersSize: sizeOf([...layerSize.keys()]),
      Images: [...d.images.images.values()].map((img) => ({
        Id: img.id,
        Size: d.images.size(img),
        SharedSize: sizeOf(img.chain.filter((k) => users(k) > 1)),
        UniqueSize: sizeOf(img.chain.filter((k) => users(k) === 1)),
        Containers: [...containers.values()].filter((c) => c.imageId === img.id).length,
        InUse: used.has(img.id),
      })),
      Containers: [...containers.values()].map((c) => ({ Id: c.id, SizeRw: contentBytes(d, `container-${c.id}`), State: c.state })),
      Volumes: [],
      BuildCache: [],
    };
  });

  d.route('POST', '/commit', 'postCommit', (req) => {
    const c = find(req.query.get('container') ?? '');
    const parent = d.images.images.get(c.imageId);
    if (!parent) throw new ApiError(404, `No such image: ${c.imageId}`);
    const layer = changesetTar(d.snapshots.volumeOf(snapKey(c)));
    const now = new Date(d.kernel.clock.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
    const config: ImageConfig = JSON.parse(JSON.stringify(parent.config));
    applyChanges(config.config, req.query.getAll('changes'));
    config.created = now;
    config.rootfs.diff_ids.push(`sha256:${sha256(layer)}`);
    config.history.push({ created: now, created_by: [c.path, ...c.args].join(' '), ...(req.query.get('comment') ? { comment: req.query.get('comment')! } : {}) });
    const repo = req.query.get('repo');
    const tag = req.query.get('tag');
    const image = d.images.addCommitted(config, parent, layer, repo ? `${repo}:${tag || 'latest'}` : undefined);
    return { Id: image.id };
  });
}

/** Bytes of file content a snapshot's own layer holds. */
export function contentBytes(d: Daemon, key: string): number {
  const fs = d.snapshots.volumeOf(key);
  let n = 0;
  const walk = (dir: string) => {
    for (const name of fs.readdir(dir, ROOT)) {
      const p = dir === '/' ? `/${name}` : `${dir}/${name}`;
      const st = fs.lstat(p, ROOT);
      if (st.type === 'dir') walk(p);
      else if (st.type === 'file') n += st.size;
    }
  };
  walk('/');
  return n;
}

/** Copies a detached container's output into its log. */
async function drain(d: Daemon, r: OpenFile, c: Container): Promise<void> {
  const dec = new TextDecoder();
  try {
    for (;;) {
      const chunk = await r.read(d.process!, 65536);
      if (chunk === null) break;
      const text = dec.decode(chunk, { stream: true });
      c.log += text;
      c.logTimes.push({ at: c.log.length - text.length, time: d.kernel.clock.now() });
    }
  } catch {
    // the daemon stopped
  } finally {
    r.close();
  }
}

export function removeContainer(d: Daemon, c: Container): void {
  d.containers.delete(c.id);
  c.cgroup?.remove();
  for (const key of [`container-${c.id}`, `container-${c.id}-init`]) {
    try {
      d.snapshots.remove(key);
    } catch {
      // already gone
    }
  }
}

/** `Up 3 seconds`, `Exited (0) About a minute ago`, `Created`, as docker ps prints them. */
export function status(d: Daemon, c: Container): string {
  const ago = (t: number) => humanDuration(d.kernel.clock.now() - t);
  if (c.state === 'running') return `Up ${ago(c.startedAt!)}${c.cgroup?.frozen ? ' (Paused)' : ''}`;
  if (c.state === 'exited') return `Exited (${c.exitCode}) ${ago(c.finishedAt ?? c.created)} ago`;
  return 'Created';
}

/**
 * docker diff: what the container's writable layer holds, as changes to the image — A for added,
 * C for changed (parent directories of anything changed are listed as changed too), D for deleted.
 */
function changes(d: Daemon, c: Container): { Path: string; Kind: number }[] {
  const upper = d.snapshots.volumeOf(`container-${c.id}`);
  const below = new Vfs(d.snapshots.viewFs(`container-${c.id}-init`), 'overlay');
  const belowHas = (p: string) => {
    try {
      below.lstat(ROOT, p);
      return true;
    } catch {
      return false;
    }
  };
  const out: { Path: string; Kind: number }[] = [];
  const walk = (dir: string) => {
    for (const n of upper.readdir(dir, ROOT)) {
      const p = dir === '/' ? `/${n}` : `${dir}/${n}`;
      if (n === OPAQUE_MARKER) continue;
      if (n.startsWith(WHITEOUT_PREFIX)) {
        out.push({ Path: `${dir === '/' ? '' : dir}/${n.slice(WHITEOUT_PREFIX.length)}`, Kind: 2 });
        continue;
      }
      const st = upper.lstat(p, ROOT);
      out.push({ Path: p, Kind: belowHas(p) ? 0 : 1 });
      if (st.type === 'dir') walk(p);
    }
  };
  walk('/');
  return out.sort((a, b) => (a.Path < b.Path ? -1 : 1));
}

/** The `--change` instructions of docker commit: CMD, ENTRYPOINT, ENV, WORKDIR, USER, EXPOSE, LABEL. */
function applyChanges(cfg: ImageConfig['config'], changes: string[]): void {
  for (const ch of changes) {
    const m = /^\s*(\w+)\s+([\s\S]*)$/.exec(ch);
    if (!m) throw new ApiError(400, `dockerfile parse error: unknown instruction: ${ch}`);
    const [, instr, arg] = m;
    const list = (): string[] => (arg.trim().startsWith('[') ? (JSON.parse(arg) as string[]) : ['/bin/sh', '-c', arg.trim()]);
    switch (instr.toUpperCase()) {
      case 'CMD': cfg.Cmd = list(); break;
      case 'ENTRYPOINT': cfg.Entrypoint = list(); break;
      case 'WORKDIR': cfg.WorkingDir = arg.trim(); break;
      case 'USER': cfg.User = arg.trim(); break;
      case 'ENV': {
        const [k, ...v] = arg.trim().split(/[= ]/);
        cfg.Env = [...(cfg.Env ?? []).filter((e) => !e.startsWith(`${k}=`)), `${k}=${v.join(' ').trim()}`];
        break;
      }
      case 'EXPOSE': cfg.ExposedPorts = { ...(cfg.ExposedPorts ?? {}), [arg.includes('/') ? arg.trim() : `${arg.trim()}/tcp`]: {} }; break;
      case 'LABEL': {
        const [k, ...v] = arg.trim().split('=');
        cfg.Labels = { ...(cfg.Labels ?? {}), [k]: v.join('=').replace(/^"|"$/g, '') };
        break;
      }
      default: throw new ApiError(400, `${instr} is not a valid change command`);
    }
  }
}
