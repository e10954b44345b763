import type { Ctx, ProgramSpec } from '../../programs/context';
import { API_VERSION, ENGINE } from '../../daemon/api';
import { CliError, DockerClient } from './connection';
import { version } from './version';
import { info } from './info';
import { system } from './system';
import { commit, createCmd, diff, exportCmd, ps, rm, run } from './containers';
import { history, images, importImage, inspect, load, prune, pullCmd, pushCmd, rmi, save, search, tag } from './images';
import { login, logout } from './auth';
import { attach, containerPrune, cp, exec, inspectAny, kill, logs, pause, port, rename, restart, start, stats, stop, top, unpause, update, wait } from './lifecycle';

type Command = (ctx: Ctx, client: DockerClient, args: string[]) => Promise<number>;

/** The subcommands, with the one-line help docker --help shows for each. */
const COMMANDS: Record<string, { run: Command; help: string }> = {
  run: { run, help: 'Create and run a new container from an image' },
  ps: { run: ps, help: 'List containers' },
  create: { run: createCmd, help: 'Create a new container' },
  start: { run: start, help: 'Start one or more stopped containers' },
  stop: { run: stop, help: 'Stop one or more running containers' },
  restart: { run: restart, help: 'Restart one or more containers' },
  kill: { run: kill, help: 'Kill one or more running containers' },
  wait: { run: wait, help: 'Block until one or more containers stop, then print their exit codes' },
  exec: { run: exec, help: 'Execute a command in a running container' },
  top: { run: top, help: 'Display the running processes of a container' },
  logs: { run: logs, help: 'Fetch the logs of a container' },
  inspect: { run: inspectAny, help: 'Return low-level information on Docker objects' },
  rename: { run: rename, help: 'Rename a container' },
  attach: { run: attach, help: 'Attach local standard input, output, and error streams to a running container' },
  cp: { run: cp, help: 'Copy files/folders between a container and the local filesystem' },
  update: { run: update, help: 'Update configuration of one or more containers' },
  stats: { run: stats, help: 'Display a live stream of container(s) resource usage statistics' },
  pause: { run: pause, help: 'Pause all processes within one or more containers' },
  unpause: { run: unpause, help: 'Unpause all processes within one or more containers' },
  port: { run: port, help: 'List port mappings or a specific mapping for the container' },
  rm: { run: rm, help: 'Remove one or more containers' },
  diff: { run: diff, help: "Inspect changes to files or directories on a container's filesystem" },
  commit: { run: commit, help: "Create a new image from a container's changes" },
  export: { run: exportCmd, help: "Export a container's filesystem as a tar archive" },
  images: { run: images, help: 'List images' },
  pull: { run: pullCmd, help: 'Download an image from a registry' },
  push: { run: pushCmd, help: 'Upload an image to a registry' },
  login: { run: login, help: 'Authenticate to a registry' },
  logout: { run: logout, help: 'Log out from a registry' },
  search: { run: search, help: 'Search Docker Hub for images' },
  import: { run: importImage, help: 'Import the contents from a tarball to create a filesystem image' },
  save: { run: save, help: 'Save one or more images to a tar archive (streamed to STDOUT by default)' },
  load: { run: load, help: 'Load an image from a tar archive or STDIN' },
  history: { run: history, help: 'Show the history of an image' },
  tag: { run: tag, help: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE' },
  rmi: { run: rmi, help: 'Remove one or more images' },
  info: { run: info, help: 'Display system-wide information' },
  version: { run: version, help: 'Show the Docker version information' },
  system: { run: system, help: 'Manage Docker (docker system df: show disk usage)' },
};

/** `docker container ls` and friends: management commands map onto the same handlers. */
const MANAGEMENT: Record<string, Record<string, string>> = {
  container: { ls: 'ps', list: 'ps', ps: 'ps', run: 'run', create: 'create', rm: 'rm', diff: 'diff', commit: 'commit', export: 'export', start: 'start', stop: 'stop', restart: 'restart', kill: 'kill', wait: 'wait', exec: 'exec', top: 'top', logs: 'logs', inspect: 'inspect', rename: 'rename', port: 'port', prune: 'container-prune', pause: 'pause', unpause: 'unpause', stats: 'stats', update: 'update', cp: 'cp', attach: 'attach' },
  image: { ls: 'images', list: 'images', pull: 'pull', push: 'push', prune: 'image-prune', import: 'import', save: 'save', load: 'load', history: 'history', tag: 'tag', rm: 'rmi', inspect: 'image-inspect' },
  system: { info: 'info', df: 'system-df' },
};

function usage(): string {
  const cmds = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(11)} ${c.help}`).join('\n');
  return `\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n${cmds}\n\nManagement Commands:\n  container   Manage containers\n  image       Manage images\n  system      Manage Docker\n\nGlobal Options:\n  -v, --version   Print version information and quit\n  -h, --help      Print usage\n\nRun 'docker COMMAND --help' for more information on a command.\n`;
}

/**
 * docker: the client. It turns its arguments into Engine API requests on /var/run/docker.sock
 * and prints the answers; the daemon does the work.
 */
export const docker: ProgramSpec = {
  name: 'docker',
  summary: 'Docker image and container command line interface',
  usage: 'docker [OPTIONS] COMMAND',
  description: `The docker client talks to the Docker daemon (dockerd) over the Engine API, version ${API_VERSION}.`,
  async run(ctx: Ctx) {
    let args = ctx.args;
    if (args[0] === '-v' || args[0] === '--version') {
      await ctx.out(`Docker version ${ENGINE.version}, build ${ENGINE.clientCommit}\n`);
      return 0;
    }
    if (args.length === 0 || args[0] === '-h' || args[0] === '--help' || args[0] === 'help') {
      await ctx.out(usage());
      return 0;
    }
    if (args[0].startsWith('-')) {
      await ctx.err(`unknown shorthand flag: '${args[0].replace(/^-+/, '')[0]}' in ${args[0]}\nSee 'docker --help'.\n`);
      return 125;
    }
    const group = MANAGEMENT[args[0]];
    if (group && args[1] && group[args[1]]) args = [group[args[1]], ...args.slice(2)];
    if (args[0] === 'image-inspect') return runCommand(ctx, inspect, args.slice(1));
    if (args[0] === 'image-prune') return runCommand(ctx, prune, args.slice(1));
    if (args[0] === 'container-prune') return runCommand(ctx, containerPrune, args.slice(1));
    if (args[0] === 'system-df') return runCommand(ctx, system, ['df', ...args.slice(1)]);
    const cmd = COMMANDS[args[0]];
    if (!cmd) {
      await ctx.err(`docker: '${args[0]}' is not a docker command.\nSee 'docker --help'\n`);
      return 1;
    }
    return runCommand(ctx, cmd.run, args.slice(1));
  },
};

async function runCommand(ctx: Ctx, run: Command, args: string[]): Promise<number> {
  try {
    return await run(ctx, new DockerClient(ctx), args);
  } catch (e) {
    if (e instanceof CliError) {
      await ctx.err(`${e.message}\n`);
      return e.status;
    }
    throw e;
  }
}
