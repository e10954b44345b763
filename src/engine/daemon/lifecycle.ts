import type { Daemon } from './daemon';
import type { Process } from '../kernel/process';
import { BufferFile, type OpenFile } from '../kernel/file';
import type { TtyFile } from '../tty/tty';
import { ApiError } from './api';
import { contentBytes, findContainer, handTerminal, removeContainer, type Container } from './containers';
import { SIG } from '../kernel/signals';
import { WaitQueue } from '../kernel/waitqueue';
import { isSysError, SysError } from '../kernel/errors';
import { Vfs } from '../vfs/vfs';
import { readTar, writeTar } from '../storage/tar';
import { extractEntries, treeEntries } from '../storage/tree';

const ROOT = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] } };

/** A signal by name (`SIGTERM`, `TERM`) or number, as docker kill -s and StopSignal take it. */
export function parseSignal(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s) >= 1 && Number(s) <= 64 ? Number(s) : null;
  const name = s.toUpperCase().replace(/^SIG/, '');
  return (SIG as Record<string, number>)[`SIG${name}`] ?? null;
}

/** Resolves when `c` has exited or `ms` of clock time has passed; true if it exited. */
function exitedWithin(d: Daemon, c: Container, ms: number): Promise<boolean> {
  if (c.state !== 'running' || !c.exited) return Promise.resolve(true);
  return new Promise((resolve) => {
    const cancel = d.kernel.clock.setTimer(ms, () => resolve(false));
    void c.exited!.then(() => {
      cancel();
      resolve(true);
    });
  });
}

/** An exec instance: a process started in a running container's namespaces. */
interface Exec {
  id: string;
  container: Container;
  argv: string[];
  env: string[];
  workingDir?: string;
  user?: string;
  tty: boolean;
  stdin: boolean;
  exitCode: number | null;
  running: boolean;
}

/**
 * The lifecycle routes: stop (the image's StopSignal, SIGTERM by default, then SIGKILL after the
 * timeout — a PID 1 without a handler ignores SIGTERM, as on Linux), kill, restart, exec, top,
 * logs and inspect.
 */
export function registerLifecycleRoutes(d: Daemon): void {
  const execs = new Map<string, Exec>();
  const running = (c: Container) => c.state === 'running' && c.proc && !c.proc.ended;

  const stop = async (c: Container, seconds: number): Promise<void> => {
    c.stoppedByUser = true;
    if (!running(c)) return;
    if (c.cgroup?.frozen) d.kernel.freeze(c.cgroup, false);
    const img = d.images.images.get(c.imageId);
    const sig = parseSignal(img?.config.config.StopSignal ?? 'SIGTERM') ?? SIG.SIGTERM;
    d.kernel.signal(d.process, c.proc!, sig);
    if (!(await exitedWithin(d, c, seconds * 1000)) && running(c)) {
      d.kernel.signal(d.process, c.proc!, SIG.SIGKILL);
      await exitedWithin(d, c, 60_000);
    }
  };

  d.route('POST', '/containers/{id}/stop', 'postContainersStop', async (req) => {
    const c = findContainer(d, req.params.id);
    const t = req.query.get('t');
    await stop(c, t === null ? 10 : Math.max(0, Number(t)));
    return undefined;
  });

  d.route('POST', '/containers/{id}/kill', 'postContainersKill', (req) => {
    const c = findContainer(d, req.params.id);
    const name = req.query.get('signal') || 'SIGKILL';
    const sig = parseSignal(name);
    if (sig === null) throw new ApiError(400, `Invalid signal: ${name}`);
    if (!running(c)) throw new ApiError(409, `cannot kill container: ${req.params.id}: container ${c.id} is not running`);
    if (sig === SIG.SIGKILL || sig === SIG.SIGTERM) c.stoppedByUser = true;
    d.kernel.signal(d.process, c.proc!, sig);
    return undefined;
  });

  for (const [action, on] of [['pause', true], ['unpause', false]] as const) {
    d.route('POST', `/containers/{id}/${action}`, on ? 'postContainerPause' : 'postContainerUnpause', (req) => {
      const c = findContainer(d, req.params.id);
      if (!running(c) || !c.cgroup) throw new ApiError(409, `Container ${c.id} is not running`);
      if (on && c.cgroup.frozen) throw new ApiError(409, `Container ${c.id} is already paused`);
      if (!on && !c.cgroup.frozen) throw new ApiError(409, `Container ${c.id} is not paused`);
      d.kernel.freeze(c.cgroup, on);
      return undefined;
    });
  }

  d.route('POST', '/containers/{id}/restart', 'postContainersRestart', async (req, client) => {
    const c = findContainer(d, req.params.id);
    const t = req.query.get('t');
    await stop(c, t === null ? 10 : Number(t));
    const r = await d.handle({ method: 'POST', path: `/containers/${c.id}/start` }, client);
    if (r.status >= 400) throw new ApiError(r.status, (r.body as { message: string }).message);
    return undefined;
  });

  d.route('POST', '/containers/{id}/attach', 'postContainersAttach', (req, client) => {
    const c = findContainer(d, req.params.id);
    if (!running(c)) throw new ApiError(409, 'You cannot attach to a stopped container, start it first');
    const f = client.fds.get(0);
    if (!c.tty || !f?.isTTY) return { Tty: false };
    // A -t container gets the terminal back; a shell stopped reading it (SIGTTIN) continues.
    const tty = (f as TtyFile).tty;
    c.detach = new WaitQueue();
    handTerminal(c, tty, tty.fgPgrp);
    d.kernel.signalGroup(c.proc!.pgid, SIG.SIGCONT);
    return { Tty: true };
  });

  d.route('POST', '/containers/{id}/exec', 'postContainerExec', (req) => {
    const c = findContainer(d, req.params.id);
    if (!running(c)) throw new ApiError(409, `container ${c.id} is not running`);
    const body = req.body as { Cmd?: string[]; Env?: string[]; WorkingDir?: string; User?: string; Tty?: boolean; AttachStdin?: boolean };
    if (!body.Cmd?.length) throw new ApiError(400, 'No exec command specified');
    const id = d.kernel.random.hex(64);
    execs.set(id, { id, container: c, argv: body.Cmd, env: body.Env ?? [], workingDir: body.WorkingDir, user: body.User, tty: !!body.Tty, stdin: !!body.AttachStdin, exitCode: null, running: false });
    return { Id: id };
  });

  d.route('POST', '/exec/{id}/start', 'postExecStart', async (req, client) => {
    const e = execs.get(req.params.id);
    if (!e) throw new ApiError(404, `No such exec instance: ${req.params.id}`);
    const c = e.container;
    if (!running(c)) throw new ApiError(409, `container ${c.id} is not running`);
    const init = c.proc!;
    const env = Object.fromEntries([...c.env, ...e.env].map((x) => [x.slice(0, x.indexOf('=')), x.slice(x.indexOf('=') + 1)]));
    const none = new BufferFile(new Uint8Array(0), '/dev/null');
    const fds = new Map<number, OpenFile>([[0, e.stdin ? client.fd(0) : none], [1, client.fd(1)], [2, client.fd(2)]]);
    const uid = e.user && /^\d+$/.test(e.user.split(':')[0]) ? Number(e.user.split(':')[0]) : 0;
    let proc: Process;
    try {
      const path = resolveInContainer(init, e.argv[0], env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', e.workingDir ?? c.workingDir);
      proc = d.kernel.spawn({
        parent: d.process!,
        argv: e.argv,
        path,
        env,
        cwd: e.workingDir ?? c.workingDir,
        cred: { uid, gid: uid, groups: [uid] },
        fds,
        newSession: true,
        cgroup: c.cgroup,
        ns: { ...init.ns },
      });
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if (err instanceof SysError) {
        const why = err.code === 'ENOENT' ? `exec: "${e.argv[0]}": stat ${e.argv[0]}: no such file or directory` : `exec: "${e.argv[0]}": permission denied`;
        e.exitCode = err.code === 'ENOENT' ? 127 : 126;
        throw new ApiError(400, `OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown`);
      }
      throw err;
    }
    const stdin0 = client.fds.get(0);
    const tty = e.tty && stdin0?.isTTY ? (stdin0 as TtyFile).tty : undefined;
    const group = tty?.fgPgrp;
    if (tty) {
      proc.tty = tty;
      tty.fgPgrp = proc.pgid;
    }
    e.running = true;
    const r = await d.kernel.waitpid(d.process!, proc.pid);
    if (tty && group !== undefined && tty.fgPgrp === proc.pgid) tty.fgPgrp = group;
    const st = r?.kind === 'exited' ? r.status : { code: 0 };
    e.exitCode = st.signal !== undefined ? 128 + st.signal : (st.code ?? 0);
    e.running = false;
    return undefined;
  });

  d.route('GET', '/exec/{id}/json', 'getExecInspect', (req) => {
    const e = execs.get(req.params.id);
    if (!e) throw new ApiError(404, `No such exec instance: ${req.params.id}`);
    return { ID: e.id, Running: e.running, ExitCode: e.exitCode, ContainerID: e.container.id, ProcessConfig: { entrypoint: e.argv[0], arguments: e.argv.slice(1), tty: e.tty, user: e.user ?? '' } };
  });

  d.route('POST', '/containers/{id}/rename', 'postContainerRename', (req) => {
    const c = findContainer(d, req.params.id);
    const name = (req.query.get('name') ?? '').replace(/^\//, '');
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) throw new ApiError(400, `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    const clash = [...d.containers.values()].find((x) => x.name === name);
    if (clash) throw new ApiError(409, `Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`);
    c.name = name;
    return undefined;
  });

  d.route('POST', '/containers/{id}/update', 'postContainerUpdate', (req) => {
    const c = findContainer(d, req.params.id);
    const b = req.body as { Memory?: number; NanoCpus?: number; PidsLimit?: number; RestartPolicy?: { Name?: string; MaximumRetryCount?: number } };
    if (b.Memory !== undefined && b.Memory > 0 && b.Memory < 6 * 2 ** 20) throw new ApiError(400, 'Minimum memory limit allowed is 6MB');
    if (b.NanoCpus && (b.NanoCpus < 1e7 || b.NanoCpus > 2e9)) throw new ApiError(400, 'Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available');
    if (b.Memory !== undefined) c.memory = b.Memory;
    if (b.NanoCpus !== undefined) c.nanoCpus = b.NanoCpus;
    if (b.PidsLimit !== undefined) c.pidsLimit = b.PidsLimit;
    if (b.RestartPolicy?.Name) c.restartPolicy = { name: b.RestartPolicy.Name, max: b.RestartPolicy.MaximumRetryCount ?? 0 };
    if (c.cgroup && running(c)) {
      c.cgroup.memoryMax = c.memory || Infinity;
      c.cgroup.cpuQuotaUs = c.nanoCpus > 0 ? Math.round(c.nanoCpus / 1e4) : Infinity;
      c.cgroup.pidsMax = c.pidsLimit > 0 ? c.pidsLimit : Infinity;
    }
    return { Warnings: [] };
  });

  // docker cp: a container's files as a tar (GET), or a tar unpacked into it (PUT).
  const containerFs = (c: Container) => (running(c) ? { fs: c.proc!.ns.mnt, who: c.proc! } : { fs: new Vfs(d.snapshots.mount(d.snapshots.mounts(`container-${c.id}`)), 'overlay'), who: ROOT });
  d.route('GET', '/containers/{id}/archive', 'getContainerArchive', (req) => {
    const c = findContainer(d, req.params.id);
    const path = req.query.get('path') ?? '/';
    const { fs, who } = containerFs(c);
    let type: string;
    try {
      type = fs.lstat(who, path).type;
    } catch (e) {
      if (isSysError(e)) throw new ApiError(404, `Could not find the file ${path} in container ${req.params.id}`);
      throw e;
    }
    if (req.query.get('stat') === '1') return { type };
    const name = path.replace(/\/+$/, '').split('/').pop() || '.';
    return writeTar(treeEntries(fs, who, path, name));
  });
  d.route('PUT', '/containers/{id}/archive', 'putContainerArchive', (req) => {
    const c = findContainer(d, req.params.id);
    const dir = req.query.get('path') ?? '/';
    const { fs, who } = containerFs(c);
    if (!fs.exists(who, dir) || fs.stat(who, dir).type !== 'dir') throw new ApiError(404, `Could not find the file ${dir} in container ${req.params.id}`);
    extractEntries(fs, who, readTar(req.body as Uint8Array), dir);
    return undefined;
  });

  d.route('POST', '/containers/prune', 'postContainersPrune', () => {
    const gone = [...d.containers.values()].filter((c) => c.state !== 'running');
    let space = 0;
    for (const c of gone) {
      space += contentBytes(d, `container-${c.id}`);
      removeContainer(d, c);
    }
    return { ContainersDeleted: gone.map((c) => c.id), SpaceReclaimed: space };
  });

  d.route('GET', '/containers/{id}/json', 'getContainersInspect', (req) => {
    const c = findContainer(d, req.params.id);
    const iso = (t?: number) => (t ? new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z') : '0001-01-01T00:00:00Z');
    const img = d.images.images.get(c.imageId);
    const ports = Object.fromEntries([...c.exposedPorts.map((p) => [p, null] as const), ...c.publishedPorts.map((b) => [`${b.containerPort}/${b.proto}`, [{ HostIp: b.hostIp || '0.0.0.0', HostPort: b.hostPort }, ...(b.hostIp ? [] : [{ HostIp: '::', HostPort: b.hostPort }])]] as const)]);
    const ip = c.ip ?? '';
    const mac = ip ? `02:42:${ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0')).join(':')}` : '';
    return {
      Id: c.id,
      Created: iso(c.created),
      Path: c.path,
      Args: c.args,
      State: {
        Status: c.state === 'running' && c.cgroup?.frozen ? 'paused' : c.state, Running: c.state === 'running', Paused: !!c.cgroup?.frozen, Restarting: false, OOMKilled: c.oomKilled, Dead: false,
        Pid: c.state === 'running' ? (c.proc?.pid ?? 0) : 0, ExitCode: c.exitCode, Error: '', StartedAt: iso(c.startedAt), FinishedAt: iso(c.finishedAt),
      },
      Image: c.imageId,
      ResolvConfPath: `/var/lib/docker/containers/${c.id}/resolv.conf`,
      HostnamePath: `/var/lib/docker/containers/${c.id}/hostname`,
      HostsPath: `/var/lib/docker/containers/${c.id}/hosts`,
      LogPath: `/var/lib/docker/containers/${c.id}/${c.id}-json.log`,
      Name: `/${c.name}`,
      RestartCount: c.restartCount,
      Driver: 'overlay2',
      Platform: 'linux',
      HostConfig: { AutoRemove: c.autoRemove, CpuShares: c.cpuShares, Init: c.init, ReadonlyRootfs: c.readOnly, Memory: c.memory, NanoCpus: c.nanoCpus, PidsLimit: c.pidsLimit || null, PortBindings: Object.fromEntries(c.portBindings.map((b) => [`${b.containerPort}/${b.proto}`, [{ HostIp: b.hostIp, HostPort: b.hostPort }]])), RestartPolicy: { Name: c.restartPolicy.name, MaximumRetryCount: c.restartPolicy.max }, PidMode: c.pidMode, NetworkMode: c.networkMode },
      Config: {
        Hostname: c.id.slice(0, 12), Domainname: '', User: '', AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: c.tty, OpenStdin: false, StdinOnce: false,
        Env: c.env, Cmd: c.args.length || !img ? [c.path, ...c.args].slice(img?.config.config.Entrypoint?.length ?? 0) : null, Image: c.image, Volumes: img?.config.config.Volumes ?? null,
        WorkingDir: c.workingDir === '/' ? '' : c.workingDir, Entrypoint: img?.config.config.Entrypoint ?? null, Labels: img?.config.config.Labels ?? {},
        ...(c.exposedPorts.length ? { ExposedPorts: Object.fromEntries(c.exposedPorts.map((p) => [p, {}])) } : {}),
      },
      NetworkSettings: {
        Ports: ports, Gateway: ip ? '172.17.0.1' : '', IPAddress: ip, IPPrefixLen: ip ? 16 : 0, MacAddress: mac,
        Networks: { bridge: { Gateway: ip ? '172.17.0.1' : '', IPAddress: ip, IPPrefixLen: ip ? 16 : 0, MacAddress: mac, NetworkID: '', EndpointID: '' } },
      },
    };
  });

  d.route('GET', '/containers/{id}/stats', 'getContainerStats', (req) => {
    const c = findContainer(d, req.params.id);
    const procs = running(c) && c.cgroup ? c.cgroup.allProcs() : [];
    return {
      id: c.id,
      name: `/${c.name}`,
      read: new Date(d.kernel.clock.now()).toISOString(),
      cpu_stats: { cpu_usage: { total_usage: Math.round((c.cgroup?.cpuUsedMs ?? 0) * 1e6) }, online_cpus: 2, throttling_data: { throttled_periods: c.cgroup?.throttled ?? 0 } },
      memory_stats: { usage: c.cgroup && running(c) ? c.cgroup.memoryCurrent() : 0, limit: c.memory || 8 * 2 ** 30 },
      pids_stats: { current: procs.length, ...(c.pidsLimit > 0 ? { limit: c.pidsLimit } : {}) },
      networks: { eth0: { rx_bytes: 0, tx_bytes: 0 } },
    };
  });

  d.route('GET', '/containers/{id}/top', 'getContainersTop', (req) => {
    const c = findContainer(d, req.params.id);
    if (!running(c)) throw new ApiError(409, `container ${c.id} is not running`);
    const ns = c.proc!.ns.pid;
    const procs = [...d.kernel.procs.values()].filter((p) => !p.ended && p.ns.pid.lineage().includes(ns)).sort((a, b) => a.pid - b.pid);
    const start = (p: Process) => {
      const t = new Date(p.startTime);
      return `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
    };
    return {
      Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
      Processes: procs.map((p) => [p.cred.uid === 0 ? 'root' : String(p.cred.uid), String(p.pid), String(p.parent?.pid ?? 0), '0', start(p), p.tty ? 'pts/0' : '?', '00:00:00', p.argv.join(' ')]),
    };
  });

  d.route('GET', '/containers/{id}/logs', 'getContainersLogs', async (req, client) => {
    const c = findContainer(d, req.params.id);
    const tail = req.query.get('tail');
    const follow = req.query.get('follow') === '1';
    const stamps = req.query.get('timestamps') === '1';
    // -t: each line prefixed with when it was written (RFC 3339 with nanoseconds).
    const stamp = (text: string, from: number) => {
      if (!stamps) return text;
      let at = from;
      return text.split(/(?<=\n)/).filter(Boolean).map((line) => {
        const t = [...c.logTimes].reverse().find((x) => x.at <= at)?.time ?? c.created;
        at += line.length;
        return `${new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')} ${line}`;
      }).join('');
    };
    const pick = (text: string) => {
      const lines = text.split(/(?<=\n)/).filter(Boolean);
      const keep = !tail || tail === 'all' ? lines : Number(tail) === 0 ? [] : lines.slice(-Number(tail));
      const from = text.length - keep.join('').length;
      return stamp(keep.join(''), from);
    };
    if (!follow || !running(c)) return { text: pick(c.log) };
    // -f: what is there, then what comes, until the container stops.
    let sent = pick(c.log);
    await client.fd(1).write(client, new TextEncoder().encode(sent));
    let at = c.log.length;
    const tick = new WaitQueue();
    while (running(c)) {
      const cancel = d.kernel.clock.setTimer(100, () => tick.wake());
      try {
        await client.waitOn(tick);
      } finally {
        cancel();
      }
      if (c.log.length > at) {
        sent = c.log.slice(at);
        at = c.log.length;
        await client.fd(1).write(client, new TextEncoder().encode(sent));
      }
    }
    return { text: c.log.slice(at) };
  });
}

/** execvp's search in the container's filesystem, as the runtime's exec does. */
function resolveInContainer(init: Process, name: string, pathVar: string, cwd: string): string {
  if (name.includes('/')) return name;
  const vfs = init.ns.mnt;
  for (const dir of pathVar.split(':')) {
    const p = `${dir || cwd}/${name}`;
    try {
      if (vfs.stat(init, p).type === 'file') return p;
    } catch (e) {
      if (!isSysError(e)) throw e;
    }
  }
  throw new ApiError(400, `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`);
}
