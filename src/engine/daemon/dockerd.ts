import type { Ctx, ProgramSpec } from '../programs/context';
import { WaitQueue } from '../kernel/waitqueue';
import { Daemon } from './daemon';
import { Overlay2Dir } from '../storage/overlay2-dir';

/** Where the daemon listens, as Docker's packages set it up. */
export const DOCKER_SOCKET = '/run/docker.sock';

/**
 * dockerd: the Docker daemon. It listens on /run/docker.sock (group docker, mode 0660, so members
 * of the docker group may talk to it) and serves the Engine API until it is stopped.
 */
export const dockerd: ProgramSpec = {
  name: 'dockerd',
  summary: 'A self-sufficient runtime for containers.',
  usage: 'dockerd [OPTIONS]',
  async run(ctx: Ctx) {
    if (ctx.proc.cred.uid !== 0) {
      await ctx.err('dockerd needs to be started with root privileges. To run dockerd in rootless mode as an unprivileged user, see https://docs.docker.com/go/rootless/\n');
      return 1;
    }
    const daemon = new Daemon(ctx.kernel);
    daemon.process = ctx.proc;
    const who = ctx.proc;
    ctx.fs.writeFile(who, DOCKER_SOCKET, new Uint8Array(0), { mode: 0o660 });
    ctx.fs.chmod(who, DOCKER_SOCKET, 0o660);
    ctx.fs.chown(who, DOCKER_SOCKET, 0, 999);
    ctx.kernel.sockets.set(ctx.fs.realpath(who, DOCKER_SOCKET), { owner: ctx.proc, accept: () => daemon });
    // The graph driver's directory: each snapshot's diff, as the host sees it.
    if (!ctx.fs.exists(who, '/var/lib/docker/overlay2')) ctx.fs.mkdir(who, '/var/lib/docker/overlay2', 0o710);
    ctx.fs.mount(who, '/var/lib/docker/overlay2', new Overlay2Dir(daemon.snapshots, () => ctx.kernel.clock.now()), '/dev/vda1', ['rw', 'relatime'], true);
    try {
      const never = new WaitQueue();
      for (;;) await ctx.proc.waitOn(never);
    } finally {
      ctx.kernel.sockets.delete(DOCKER_SOCKET);
    }
  },
};
