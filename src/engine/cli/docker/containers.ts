import type { Ctx } from '../../programs/context';
import { isSysError } from '../../kernel/errors';
import { CliError, type DockerClient } from './connection';
import { table } from './table';
import { formatPorts, humanDuration } from './format';
import { pullImage } from './images';
import { eachContainer } from './lifecycle';
import { execTemplate } from './template';

/** The flags of docker run and docker create that are modelled so far. */
interface RunOptions {
  detach: boolean;
  interactive: boolean;
  tty: boolean;
  rm: boolean;
  name?: string;
  env: string[];
  workdir?: string;
  entrypoint?: string;
  hostname?: string;
  user?: string;
  envFiles: string[];
  memory?: number;
  restart?: { Name: string; MaximumRetryCount: number };
  pid?: string;
  network?: string;
  cpuShares?: number;
  init?: boolean;
  readOnly?: boolean;
  pidsLimit?: number;
  nanoCpus?: number;
  /** -p: `containerPort/proto` → host bindings. */
  publish: Record<string, { HostIp: string; HostPort: string }[]>;
  publishAll: boolean;
  expose: string[];
  image: string;
  args: string[];
}

/** A size as docker run takes it (`50m`, `1g`, `512k`, bytes). */
export function ramSize(v: string, flag: string, cmd: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgtp]?)b?$/i.exec(v);
  if (!m) throw new CliError(`invalid argument "${v}" for "${flag}" flag: invalid size: '${v}'\nSee 'docker ${cmd} --help'.`, 125);
  return Math.round(Number(m[1]) * 1024 ** 'bkmgtp'.indexOf(m[2].toLowerCase() || 'b'));
}

function parseRun(cmd: string, args: string[]): RunOptions {
  const o: RunOptions = { detach: false, interactive: false, tty: false, rm: false, env: [], publish: {}, publishAll: false, expose: [], envFiles: [], image: '', args: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-') || a === '-') break;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--rm') o.rm = true;
    else if (flag === '--name') o.name = value();
    else if (flag === '-e' || flag === '--env') o.env.push(value());
    else if (flag === '-w' || flag === '--workdir') o.workdir = value();
    else if (flag === '--entrypoint') o.entrypoint = value();
    else if (flag === '-h' || flag === '--hostname') o.hostname = value();
    else if (flag === '-u' || flag === '--user') o.user = value();
    else if (flag === '-m' || flag === '--memory') o.memory = ramSize(value(), '-m, --memory', cmd);
    else if (flag === '--memory-swap') ramSize(value(), '--memory-swap', cmd);
    else if (flag === '--pids-limit') {
      const v = value();
      if (!/^-?\d+$/.test(v)) throw new CliError(`invalid argument "${v}" for "--pids-limit" flag: strconv.ParseInt: parsing "${v}": invalid syntax\nSee 'docker ${cmd} --help'.`, 125);
      o.pidsLimit = Number(v);
    } else if (flag === '--cpus') {
      const v = value();
      if (!/^\d*\.?\d+$/.test(v)) throw new CliError(`invalid argument "${v}" for "--cpus" flag: failed to parse ${v} as a rational number\nSee 'docker ${cmd} --help'.`, 125);
      o.nanoCpus = Math.round(Number(v) * 1e9);
    }
    else if (flag === '--env-file') o.envFiles.push(value());
    else if (flag === '--init') o.init = true;
    else if (flag === '--restart') {
      const [name, max] = value().split(':');
      o.restart = { Name: name, MaximumRetryCount: max ? Number(max) : 0 };
    } else if (flag === '--pid') o.pid = value();
    else if (flag === '-c' || flag === '--cpu-shares') o.cpuShares = Number(value());
    else if (flag === '--network' || flag === '--net') o.network = value();
    else if (flag === '--read-only') o.readOnly = true;
    else if (flag === '-p' || flag === '--publish') publish(o, value());
    else if (flag === '-P' || flag === '--publish-all') o.publishAll = true;
    else if (flag === '--expose') {
      const v = value();
      o.expose.push(v.includes('/') ? v : `${v}/tcp`);
    }
    else if (/^-[dit]+$/.test(flag)) {
      for (const f of flag.slice(1)) {
        if (f === 'd') o.detach = true;
        if (f === 'i') o.interactive = true;
        if (f === 't') o.tty = true;
      }
    } else if (flag === '--detach') o.detach = true;
    else if (flag === '--interactive') o.interactive = true;
    else if (flag === '--tty') o.tty = true;
    else throw new CliError(`unknown flag: ${flag}\nSee 'docker ${cmd} --help'.`, 125);
  }
  if (i >= args.length) throw new CliError(`"docker ${cmd}" requires at least 1 argument.\nSee 'docker ${cmd} --help'.\n\nUsage:  docker ${cmd} [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n${cmd === 'run' ? 'Create and run a new container from an image' : 'Create a new container'}`, 125);
  o.image = args[i];
  o.args = args.slice(i + 1);
  return o;
}

/** `-p [IP:][HOSTPORT:]CONTAINERPORT[/PROTO]`, as docker run parses it. */
function publish(o: RunOptions, spec: string): void {
  const [addr, proto = 'tcp'] = spec.split('/');
  const parts = addr.split(':');
  const containerPort = parts.pop()!;
  const hostPort = parts.pop() ?? '';
  const hostIp = parts.join(':');
  const bad = (what: string) => new CliError(`docker: ${what}\n\nRun 'docker run --help' for more information`, 125);
  if (!/^\d+$/.test(containerPort) || Number(containerPort) < 1 || Number(containerPort) > 65535) throw bad(`invalid containerPort: ${containerPort}.`);
  if (hostPort && (!/^\d+$/.test(hostPort) || Number(hostPort) > 65535)) throw bad(`invalid hostPort: ${hostPort}.`);
  if (!['tcp', 'udp', 'sctp'].includes(proto)) throw bad(`invalid proto: ${proto}.`);
  const key = `${containerPort}/${proto}`;
  (o.publish[key] ??= []).push({ HostIp: hostIp, HostPort: hostPort });
}

/** --env-file: `KEY=VALUE` lines, `KEY` alone taking the client's value; comments and blanks skipped. */
function readEnvFiles(ctx: Ctx, files: string[], cmd: string): string[] {
  const out: string[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = ctx.fs.readText(ctx.proc, f);
    } catch (e) {
      if (isSysError(e)) throw new CliError(`docker: open ${f}: ${e.message.toLowerCase()}\n\nRun 'docker ${cmd} --help' for more information`, 125);
      throw e;
    }
    for (const line of text.split('\n').map((l) => l.trim())) {
      if (!line || line.startsWith('#')) continue;
      if (line.includes('=')) out.push(line);
      else if (ctx.env[line] !== undefined) out.push(`${line}=${ctx.env[line]}`);
    }
  }
  return out;
}

async function create(ctx: Ctx, client: DockerClient, o: RunOptions, cmd: string, pulled = false): Promise<string> {
  const env = [...readEnvFiles(ctx, o.envFiles, cmd), ...o.env];
  try {
    const r = await client.request<{ Id: string }>('POST', `/containers/create${o.name ? `?name=${encodeURIComponent(o.name)}` : ''}`, {
      Image: o.image,
      Cmd: o.args,
      Entrypoint: o.entrypoint !== undefined ? [o.entrypoint] : undefined,
      Env: env,
      WorkingDir: o.workdir,
      Tty: o.tty,
      Hostname: o.hostname,
      User: o.user,
      OpenStdin: o.interactive,
      ExposedPorts: Object.fromEntries([...Object.keys(o.publish), ...o.expose].map((p) => [p, {}])),
      HostConfig: { AutoRemove: o.rm, PortBindings: o.publish, PublishAllPorts: o.publishAll, Memory: o.memory, PidsLimit: o.pidsLimit, NanoCpus: o.nanoCpus, CpuShares: o.cpuShares, Init: o.init, ReadonlyRootfs: o.readOnly, RestartPolicy: o.restart, PidMode: o.pid, NetworkMode: o.network },
    });
    return r.Id;
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    if (/No such image/.test(e.message) && !pulled) {
      const ref = o.image.lastIndexOf(':') > o.image.lastIndexOf('/') ? o.image : `${o.image}:latest`;
      await ctx.err(`Unable to find image '${ref}' locally\n`);
      try {
        await pullImage(ctx, client, ref, 2);
      } catch (pe) {
        if (!(pe instanceof CliError)) throw pe;
        const why = pe.message.replace(/^Error response from daemon: /, '').replace(/: denied: requested access to the resource is denied$/, '');
        throw new CliError(`docker: Error response from daemon: ${why}\n\nRun 'docker ${cmd} --help' for more information`, 125);
      }
      return create(ctx, client, o, cmd, true);
    }
    throw new CliError(`docker: ${e.message}\n\nRun 'docker ${cmd} --help' for more information`, 125);
  }
}

/** docker run [OPTIONS] IMAGE [COMMAND] [ARG...]: create, start, and (unless -d) attach and wait. */
export async function run(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const o = parseRun('run', args);
  const id = await create(ctx, client, o, 'run');
  try {
    await client.request('POST', `/containers/${id}/start${o.detach ? '' : `?attach=1${o.interactive ? '&stdin=1' : ''}`}`);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    // A --rm container that could not start is removed at once.
    if (o.rm) await client.request('DELETE', `/containers/${id}?force=1`).catch(() => undefined);
    const m = /executable file not found|no such file or directory/.test(e.message) ? 127 : /permission denied/.test(e.message) ? 126 : 125;
    throw new CliError(`docker: ${e.message}\n\nRun 'docker run --help' for more information`, m);
  }
  if (o.detach) {
    await ctx.out(`${id}\n`);
    return 0;
  }
  const w = await client.request<{ StatusCode: number }>('POST', `/containers/${id}/wait`);
  return w.StatusCode;
}

/** docker create: a container, not started. */
export async function createCmd(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const id = await create(ctx, client, parseRun('create', args), 'create');
  await ctx.out(`${id}\n`);
  return 0;
}

interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  Command: string;
  Created: number;
  Status: string;
  Ports: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
  State: string;
}

/** docker ps [-a] [-q] [--no-trunc]. */
export async function ps(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const short = args.filter((a) => /^-[aqln]+$/.test(a)).join('');
  const all = args.includes('--all') || short.includes('a');
  const quiet = args.includes('--quiet') || short.includes('q');
  const latest = args.includes('--latest') || short.includes('l');
  const noTrunc = args.includes('--no-trunc');
  const nIndex = args.findIndex((a) => a === '-n' || a === '--last');
  const last = latest ? 1 : nIndex >= 0 ? Number(args[nIndex + 1]) : undefined;
  let list = await client.request<ContainerSummary[]>('GET', `/containers/json${all || last !== undefined ? '?all=1' : ''}`);
  if (last !== undefined) list = list.slice(0, last);
  // --filter KEY=VALUE: name (substring), id (prefix), status, ancestor (image), exited (code).
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '-f' && args[i] !== '--filter' && !args[i].startsWith('--filter=')) continue;
    const f = args[i].startsWith('--filter=') ? args[i].slice(9) : (args[++i] ?? '');
    const [key, value = ''] = f.split('=');
    const test: Record<string, (c: ContainerSummary) => boolean> = {
      name: (c) => c.Names[0].slice(1).includes(value),
      id: (c) => c.Id.startsWith(value),
      status: (c) => c.State === value,
      ancestor: (c) => c.Image === value || c.Image.split(':')[0] === value,
      exited: (c) => c.State === 'exited' && new RegExp(`^Exited \\(${value}\\)`).test(c.Status),
    };
    if (!test[key]) throw new CliError(`invalid filter '${key}'`);
    list = list.filter(test[key]);
  }
  if (quiet) {
    await ctx.out(list.map((c) => (noTrunc ? c.Id : c.Id.slice(0, 12)) + '\n').join(''));
    return 0;
  }
  const now = ctx.kernel.clock.now();
  const fi = args.findIndex((a) => a === '--format' || a.startsWith('--format='));
  const format = fi < 0 ? undefined : args[fi].startsWith('--format=') ? args[fi].slice(9) : args[fi + 1];
  if (format !== undefined && !format.startsWith('table')) {
    // The fields docker ps --format knows, with their table-column values.
    await ctx.out(list.map((c) => execTemplate(format, {
      ID: noTrunc ? c.Id : c.Id.slice(0, 12), Image: c.Image, Command: `"${c.Command}"`, RunningFor: `${humanDuration(now - c.Created * 1000)} ago`,
      CreatedAt: new Date(c.Created * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'), Status: c.Status, State: c.State, Ports: formatPorts(c.Ports), Names: c.Names[0].slice(1),
    }) + '\n').join(''));
    return 0;
  }
  const rows = list.map((c) => {
    const command = noTrunc || c.Command.length <= 20 ? c.Command : `${c.Command.slice(0, 19)}…`;
    return [noTrunc ? c.Id : c.Id.slice(0, 12), c.Image, `"${command}"`, `${humanDuration(now - c.Created * 1000)} ago`, c.Status, formatPorts(c.Ports), c.Names[0].slice(1)];
  });
  await ctx.out(table(['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], rows));
  return 0;
}

/** docker rm [-f] CONTAINER... */
export async function rm(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const force = args.includes('-f') || args.includes('--force') || args.some((a) => /^-[fv]+$/.test(a) && a.includes('f'));
  // -v also removes the container's anonymous volumes; containers have none yet.
  const names = args.filter((a) => !a.startsWith('-'));
  if (names.length === 0) throw new CliError(`"docker rm" requires at least 1 argument.\nSee 'docker rm --help'.\n\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRemove one or more containers`);
  return eachContainer(ctx, names, (n) => client.request('DELETE', `/containers/${n}${force ? '?force=1' : ''}`));
}

/** docker diff CONTAINER: A, C and D changes in its writable layer. */
export async function diff(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  if (args.length !== 1) throw new CliError(`"docker diff" requires exactly 1 argument.\nSee 'docker diff --help'.\n\nUsage:  docker diff CONTAINER\n\nInspect changes to files or directories on a container's filesystem`);
  const changes = await client.request<{ Path: string; Kind: number }[]>('GET', `/containers/${args[0]}/changes`);
  await ctx.out(changes.map((c) => `${'CAD'[c.Kind]} ${c.Path}\n`).join(''));
  return 0;
}

/** docker commit [-m MSG] [-c CHANGE]... CONTAINER [REPOSITORY[:TAG]]. */
export async function commit(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const changes: string[] = [];
  let message = '';
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '--change') changes.push(args[++i]);
    else if (args[i] === '-m' || args[i] === '--message') message = args[++i];
    else rest.push(args[i]);
  }
  if (rest.length < 1 || rest.length > 2) throw new CliError(`"docker commit" requires at least 1 and at most 2 arguments.\nSee 'docker commit --help'.\n\nUsage:  docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]\n\nCreate a new image from a container's changes`);
  const [container, ref] = rest;
  let q = `container=${encodeURIComponent(container)}`;
  if (ref) {
    const c = ref.lastIndexOf(':');
    const hasTag = c > ref.lastIndexOf('/');
    q += `&repo=${encodeURIComponent(hasTag ? ref.slice(0, c) : ref)}&tag=${encodeURIComponent(hasTag ? ref.slice(c + 1) : 'latest')}`;
  }
  if (message) q += `&comment=${encodeURIComponent(message)}`;
  for (const ch of changes) q += `&changes=${encodeURIComponent(ch)}`;
  const r = await client.request<{ Id: string }>('POST', `/commit?${q}`);
  await ctx.out(`${r.Id}\n`);
  return 0;
}

/** docker export [-o FILE] CONTAINER: the container's whole filesystem as a tar. */
export async function exportCmd(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  let output: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-o' || args[i] === '--output') output = args[++i];
    else rest.push(args[i]);
  }
  if (rest.length !== 1) throw new CliError(`"docker export" requires exactly 1 argument.\nSee 'docker export --help'.\n\nUsage:  docker export [OPTIONS] CONTAINER\n\nExport a container's filesystem as a tar archive`);
  if (!output && ctx.isatty(1)) throw new CliError('cowardly refusing to save to a terminal. Use the -o flag or redirect');
  const tar = await client.request<Uint8Array>('GET', `/containers/${rest[0]}/export`);
  if (output) {
    try {
      ctx.fs.writeFile(ctx.proc, output, tar);
    } catch (e) {
      if (isSysError(e)) throw new CliError(`failed to export container: ${e.message}`);
      throw e;
    }
  } else await ctx.out(tar);
  return 0;
}
