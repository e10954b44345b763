import type { Ctx, ProgramSpec } from '../programs/context';
import { WaitQueue } from '../kernel/waitqueue';
import { Daemon } from './daemon';

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
    const who = ctx.proc;
    ctx.fs.writeFile(who, DOCKER_SOCKET, new Uint8Array(0), { mode: 0o660 });
    ctx.fs.chmod(who, DOCKER_SOCKET, 0o660);
    ctx.fs.chown(who, DOCKER_SOCKET, 0, 999);
    ctx.kernel.sockets.set(ctx.fs.realpath(who, DOCKER_SOCKET), { owner: ctx.proc, accept: () => daemon });
    try {
      const never = new WaitQueue();
      for (;;) await ctx.proc.waitOn(never);
    } finally {
      ctx.kernel.sockets.delete(DOCKER_SOCKET);
    }
  },
};
