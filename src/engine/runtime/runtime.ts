import type { Kernel } from '../kernel/kernel';
import type { Process } from '../kernel/process';
import type { OpenFile } from '../kernel/file';
import { NetNamespace } from '../kernel/netns';
import type { Cgroup } from '../kernel/cgroup';
import { CgroupFs } from '../vfs/cgroupfs';
import { PidNamespace, PlainNamespace, UtsNamespace } from '../kernel/pidns';
import { SysError } from '../kernel/errors';
import { SIG } from '../kernel/signals';
import type { FsBackend } from '../vfs/backend';
import { Vfs } from '../vfs/vfs';
import { ProcFs } from '../vfs/procfs';
import { DevFs } from '../vfs/devfs';

const ROOT = { cwd: '/', cred: { uid: 0, gid: 0, groups: [0] } };

/** What the runtime needs to start a container's first process. */
export interface ContainerProcessSpec {
  /** The mounted root filesystem (the container's overlay). */
  rootfs: FsBackend;
  /** How `mount` inside shows the root: its overlay options. */
  rootOptions: string[];
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  hostname: string;
  /** Descriptors 0, 1 and 2 for the process. */
  stdio: Map<number, OpenFile>;
  /** `-u`: a user name or UID, with an optional `:group`, looked up in the container's /etc/passwd. */
  user?: string;
  /** The network namespace, prepared by the daemon (eth0 on the bridge); a new one otherwise. */
  net?: NetNamespace;
  /** The container's cgroup, with its limits. */
  cgroup?: Cgroup;
  /** --read-only: the root filesystem is mounted read-only. */
  readOnly?: boolean;
  /** --init: docker-init runs as PID 1, forwards signals to the command and reaps orphans. */
  init?: boolean;
  /** --pid host / container:X: an existing PID namespace instead of a new one. */
  pidNs?: PidNamespace;
}

/** Why a container process could not start, worded as runc reports it through the daemon. */
export class StartError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'StartError';
  }
}

/**
 * The runtime ("libcontainer"): starts a container's first process in new PID, UTS, mount, IPC
 * and network namespaces, with the container's overlay as its root and its own /proc and /dev.
 * @sim partial: no cgroup limits and no network interfaces yet; user namespaces are not used
 * (as Docker does not by default).
 */
export function startContainerProcess(kernel: Kernel, parent: Process, spec: ContainerProcessSpec): Process {
  const pid = spec.pidNs ?? new PidNamespace(kernel.hostPidNs);
  const vfs = new Vfs(spec.rootfs, 'overlay', spec.readOnly ? ['ro', ...spec.rootOptions.filter((o) => o !== 'rw')] : spec.rootOptions);
  for (const [dir, fs, source, opts] of [
    ['/proc', new ProcFs(kernel, pid), 'proc', ['rw', 'nosuid', 'nodev', 'noexec', 'relatime']],
    ['/dev', new DevFs(kernel, () => []), 'tmpfs', ['rw', 'nosuid', 'size=65536k', 'mode=755']],
    ...(spec.cgroup ? [['/sys/fs/cgroup', new CgroupFs(kernel, () => spec.cgroup!), 'cgroup', ['rw', 'nosuid', 'nodev', 'noexec', 'relatime']] as const] : []),
  ] as const) {
    if (vfs.exists(ROOT, dir)) vfs.mount(ROOT, dir, fs, source, [...opts]);
  }
  const cred = userCred(vfs, spec.user);
  const path = resolveCommand(vfs, spec.argv[0], spec.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', spec.cwd);
  try {
    const proc = kernel.spawn({
      parent,
      argv: spec.init ? ['/sbin/docker-init', '--', ...spec.argv] : spec.argv,
      ...(spec.init ? { entry: (p: Process) => dockerInit(p, path, spec.argv), comm: 'docker-init' } : { path }),
      env: spec.env,
      cwd: spec.cwd,
      cred,
      cgroup: spec.cgroup,
      fds: spec.stdio,
      newSession: true,
      ns: { pid, uts: new UtsNamespace(spec.hostname), mnt: vfs, ipc: new PlainNamespace('ipc'), net: spec.net ?? new NetNamespace() },
    });
    return proc;
  } catch (e) {
    if (e instanceof SysError) {
      const why = e.code === 'ENOENT' ? `exec: "${spec.argv[0]}": stat ${spec.argv[0]}: no such file or directory` : e.code === 'EACCES' ? `exec: "${spec.argv[0]}": permission denied` : `exec format error`;
      throw new StartError(runcError(why), e.code === 'ENOENT' ? 127 : 126);
    }
    throw e;
  }
}

/**
 * docker-init (tini): PID 1 that starts the command as its child, passes on the signals it gets,
 * reaps orphans, and exits as the command did (128+N when a signal ended it).
 */
async function dockerInit(init: Process, path: string, argv: string[]): Promise<number> {
  const k = init.kernel;
  const child = k.spawn({ parent: init, argv, path });
  for (const sig of [SIG.SIGTERM, SIG.SIGINT, SIG.SIGHUP, SIG.SIGQUIT, SIG.SIGUSR1, SIG.SIGUSR2, SIG.SIGWINCH]) {
    init.handlers.set(sig, () => k.signal(init, child, sig));
  }
  for (;;) {
    const r = await k.waitpid(init, -1);
    if (!r) return 0;
    if (r.proc === child && r.kind === 'exited') return r.status.signal !== undefined ? 128 + r.status.signal : (r.status.code ?? 0);
  }
}

/** The credentials `-u USER[:GROUP]` names, from the container's /etc/passwd and /etc/group. */
function userCred(vfs: Vfs, user: string | undefined): { uid: number; gid: number; groups: number[] } {
  if (!user) return { uid: 0, gid: 0, groups: [0] };
  const [u, g] = user.split(':');
  const table = (path: string) => {
    try {
      return vfs.readText(ROOT, path).split('\n').map((l) => l.split(':'));
    } catch {
      return [];
    }
  };
  const passwd = table('/etc/passwd').find((f) => f[0] === u || (/^\d+$/.test(u) && f[2] === u));
  if (!passwd && !/^\d+$/.test(u)) throw new StartError(runcError(`unable to find user ${u}: no matching entries in passwd file`), 126);
  const uid = passwd ? Number(passwd[2]) : Number(u);
  let gid = passwd ? Number(passwd[3]) : uid;
  if (g !== undefined) {
    const group = table('/etc/group').find((f) => f[0] === g || (/^\d+$/.test(g) && f[2] === g));
    if (!group && !/^\d+$/.test(g)) throw new StartError(runcError(`unable to find group ${g}: no matching entries in group file`), 126);
    gid = group ? Number(group[2]) : Number(g);
  }
  return { uid, gid, groups: [gid] };
}

/** runc's wrapping of an exec failure, as `docker run` prints it. */
function runcError(why: string): string {
  return `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${why}: unknown`;
}

/** execvp's search inside the container's filesystem. */
function resolveCommand(vfs: Vfs, name: string, pathVar: string, cwd: string): string {
  if (name.includes('/')) return name;
  for (const dir of pathVar.split(':')) {
    const p = `${dir || cwd}/${name}`;
    try {
      if (vfs.stat(ROOT, p).type === 'file' && vfs.access(ROOT, p, 1)) return p;
    } catch {
      // not here
    }
  }
  throw new StartError(runcError(`exec: "${name}": executable file not found in $PATH`), 127);
}
