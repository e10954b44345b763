import type { Ctx } from '../../programs/context';
import { CliError, type DockerClient } from './connection';
import { table } from './table';
import { humanSize, inspectJson } from './format';
import { execTemplate, TemplateError } from './template';
import { ramSize } from './containers';
import { readTar, writeTar } from '../../storage/tar';
import { extractEntries, treeEntries } from '../../storage/tree';
import { isSysError } from '../../kernel/errors';

/** Splits `docker X` arguments into flags (with their values) and operands. */
function flags(cmd: string, args: string[], valued: string[], known: string[]): { opts: Map<string, string>; rest: string[] } {
  const opts = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-') || a === '-' || rest.length) {
      rest.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (valued.includes(name)) opts.set(name, eq > 0 ? a.slice(eq + 1) : (args[++i] ?? ''));
    else if (known.includes(name)) opts.set(name, 'true');
    else if (/^-[a-zA-Z]{2,}$/.test(a) && [...a.slice(1)].every((c) => known.includes(`-${c}`))) for (const c of a.slice(1)) opts.set(`-${c}`, 'true');
    else throw new CliError(`unknown ${a.startsWith('--') ? 'flag' : 'shorthand flag'}: ${a.startsWith('--') ? name : `'${a[1]}' in ${a}`}\nSee 'docker ${cmd} --help'.`);
  }
  return { opts, rest };
}

function needs(cmd: string, rest: string[], usage: string, what: string): void {
  if (rest.length === 0) throw new CliError(`"docker ${cmd}" requires at least 1 argument.\nSee 'docker ${cmd} --help'.\n\nUsage:  docker ${cmd} ${usage}\n\n${what}`);
}

/** Runs `request` for each container, printing its name; errors are printed and make the status 1. */
export async function eachContainer(ctx: Ctx, names: string[], request: (n: string) => Promise<unknown>): Promise<number> {
  let status = 0;
  for (const n of names) {
    try {
      await request(n);
      await ctx.out(`${n}\n`);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      await ctx.err(`${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

/** docker stop [-t N] [-s SIGNAL] CONTAINER... */
export async function stop(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { opts, rest } = flags('stop', args, ['-t', '--time', '--timeout', '-s', '--signal'], []);
  needs('stop', rest, '[OPTIONS] CONTAINER [CONTAINER...]', 'Stop one or more running containers');
  const t = opts.get('-t') ?? opts.get('--time') ?? opts.get('--timeout');
  if (t !== undefined && !/^-?\d+$/.test(t)) throw new CliError(`invalid argument "${t}" for "-t, --timeout" flag: strconv.ParseInt: parsing "${t}": invalid syntax\nSee 'docker stop --help'.`);
  return eachContainer(ctx, rest, (n) => client.request('POST', `/containers/${n}/stop${t !== undefined ? `?t=${t}` : ''}`));
}

/** docker kill [-s SIGNAL] CONTAINER... */
export async function kill(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { opts, rest } = flags('kill', args, ['-s', '--signal'], []);
  needs('kill', rest, '[OPTIONS] CONTAINER [CONTAINER...]', 'Kill one or more running containers');
  const sig = opts.get('-s') ?? opts.get('--signal');
  return eachContainer(ctx, rest, (n) => client.request('POST', `/containers/${n}/kill${sig ? `?signal=${encodeURIComponent(sig)}` : ''}`));
}

/** docker restart [-t N] CONTAINER... */
export async function restart(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { opts, rest } = flags('restart', args, ['-t', '--time', '--timeout'], []);
  needs('restart', rest, '[OPTIONS] CONTAINER [CONTAINER...]', 'Restart one or more containers');
  const t = opts.get('-t') ?? opts.get('--time') ?? opts.get('--timeout');
  return eachContainer(ctx, rest, (n) => client.request('POST', `/containers/${n}/restart${t !== undefined ? `?t=${t}` : ''}`));
}

/** docker start [-a] [-i] CONTAINER...: starts, and with -a waits and returns its exit status. */
export async function start(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { opts, rest } = flags('start', args, [], ['-a', '--attach', '-i', '--interactive']);
  needs('start', rest, '[OPTIONS] CONTAINER [CONTAINER...]', 'Start one or more stopped containers');
  const attach = opts.has('-a') || opts.has('--attach');
  const interactive = opts.has('-i') || opts.has('--interactive');
  if (attach) {
    if (rest.length > 1) throw new CliError('you cannot start and attach multiple containers at once');
    try {
      await client.request('POST', `/containers/${rest[0]}/start?attach=1${interactive ? '&stdin=1' : ''}`);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      throw new CliError(e.message.replace(/^Error response from daemon: /, 'Error response from daemon: '));
    }
    const w = await client.request<{ StatusCode: number }>('POST', `/containers/${rest[0]}/wait`);
    return w.StatusCode;
  }
  let status = 0;
  for (const n of rest) {
    try {
      await client.request('POST', `/containers/${n}/start`);
      await ctx.out(`${n}\n`);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      await ctx.err(`${e.message}\nError: failed to start containers: ${n}\n`);
      status = 1;
    }
  }
  return status;
}

/** docker wait CONTAINER...: prints each exit code. */
export async function wait(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { rest } = flags('wait', args, [], []);
  needs('wait', rest, 'CONTAINER [CONTAINER...]', 'Block until one or more containers stop, then print their exit codes');
  let status = 0;
  for (const n of rest) {
    try {
      const w = await client.request<{ StatusCode: number }>('POST', `/containers/${n}/wait`);
      await ctx.out(`${w.StatusCode}\n`);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      await ctx.err(`${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

/** docker exec [-i] [-t] [-d] [-u USER] [-w DIR] [-e VAR] CONTAINER COMMAND [ARG...] */
export async function exec(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const env: string[] = [];
  let i = 0;
  const o = { i: false, t: false, d: false, user: undefined as string | undefined, workdir: undefined as string | undefined };
  for (; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-')) break;
    if (/^-[itd]+$/.test(a)) {
      for (const c of a.slice(1)) o[c as 'i' | 't' | 'd'] = true;
    } else if (a === '-u' || a === '--user') o.user = args[++i];
    else if (a === '-w' || a === '--workdir') o.workdir = args[++i];
    else if (a === '-e' || a === '--env') env.push(args[++i]);
    else if (a === '--interactive') o.i = true;
    else if (a === '--tty') o.t = true;
    else if (a === '--detach') o.d = true;
    else throw new CliError(`unknown ${a.startsWith('--') ? 'flag' : 'shorthand flag'}: ${a.startsWith('--') ? a : `'${a[1]}' in ${a}`}\nSee 'docker exec --help'.`);
  }
  const [container, ...cmd] = args.slice(i);
  if (!container || !cmd.length) throw new CliError(`"docker exec" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container`);
  const { Id } = await client.request<{ Id: string }>('POST', `/containers/${container}/exec`, { Cmd: cmd, Env: env, User: o.user, WorkingDir: o.workdir, Tty: o.t, AttachStdin: o.i });
  try {
    await client.request('POST', `/exec/${Id}/start`, { Detach: o.d, Tty: o.t });
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    const code = /executable file not found|no such file or directory/.test(e.message) ? 127 : /permission denied/.test(e.message) ? 126 : 1;
    throw new CliError(e.message, code);
  }
  const r = await client.request<{ ExitCode: number | null }>('GET', `/exec/${Id}/json`);
  return r.ExitCode ?? 0;
}

/** docker top CONTAINER: the container's processes with their host PIDs. */
export async function top(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { rest } = flags('top', args, [], []);
  if (!rest.length) throw new CliError(`"docker top" requires at least 1 argument.\nSee 'docker top --help'.\n\nUsage:  docker top CONTAINER [ps OPTIONS]\n\nDisplay the running processes of a container`);
  const r = await client.request<{ Titles: string[]; Processes: string[][] }>('GET', `/containers/${rest[0]}/top`);
  await ctx.out(table(r.Titles, r.Processes));
  return 0;
}

/** docker logs [-f] [--tail N] CONTAINER: what a detached container printed. */
export async function logs(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { opts, rest } = flags('logs', args, ['-n', '--tail', '--since', '--until'], ['-f', '--follow', '-t', '--timestamps', '--details']);
  if (rest.length !== 1) throw new CliError(`"docker logs" requires exactly 1 argument.\nSee 'docker logs --help'.\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nFetch the logs of a container`);
  const tail = opts.get('-n') ?? opts.get('--tail');
  const follow = opts.has('-f') || opts.has('--follow');
  const stamps = opts.has('-t') || opts.has('--timestamps');
  const r = await client.request<{ text: string }>('GET', `/containers/${rest[0]}/logs?stdout=1&stderr=1${tail ? `&tail=${tail}` : ''}${follow ? '&follow=1' : ''}${stamps ? '&timestamps=1' : ''}`);
  await ctx.out(r.text);
  return 0;
}

/** docker inspect [-f TEMPLATE] [--type container|image] NAME...: containers first, then images. */
export async function inspectAny(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { opts, rest } = flags('inspect', args, ['-f', '--format', '--type'], ['-s', '--size']);
  if (!rest.length) throw new CliError(`"docker inspect" requires at least 1 argument.\nSee 'docker inspect --help'.\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nReturn low-level information on Docker objects`);
  const format = opts.get('-f') ?? opts.get('--format');
  const type = opts.get('--type');
  const found: unknown[] = [];
  let status = 0;
  for (const n of rest) {
    let obj: unknown = null;
    if (type !== 'image') {
      try {
        obj = await client.request('GET', `/containers/${n}/json`);
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
      }
    }
    if (obj === null && type !== 'container') {
      try {
        obj = await client.request('GET', `/images/${n}/json`);
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
      }
    }
    if (obj === null) {
      await ctx.err(`Error: No such object: ${n}\n`);
      status = 1;
      continue;
    }
    found.push(obj);
  }
  if (format) {
    try {
      await ctx.out(found.map((o) => `${execTemplate(format, o)}\n`).join(''));
    } catch (e) {
      if (e instanceof TemplateError) throw new CliError(e.message);
      throw e;
    }
  } else await ctx.out(inspectJson(found));
  return status;
}

/** docker rename CONTAINER NEW_NAME */
export async function rename(_ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { rest } = flags('rename', args, [], []);
  if (rest.length !== 2) throw new CliError(`"docker rename" requires exactly 2 arguments.\nSee 'docker rename --help'.\n\nUsage:  docker rename CONTAINER NEW_NAME\n\nRename a container`);
  await client.request('POST', `/containers/${rest[0]}/rename?name=${encodeURIComponent(rest[1])}`);
  return 0;
}

/** docker port CONTAINER [PRIVATE_PORT[/PROTO]]: where its published ports are reachable. */
export async function port(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { rest } = flags('port', args, [], []);
  if (!rest.length) throw new CliError(`"docker port" requires at least 1 argument.\nSee 'docker port --help'.\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nList port mappings or a specific mapping for the container`);
  const c = await client.request<{ NetworkSettings: { Ports: Record<string, { HostIp: string; HostPort: string }[] | null> } }>('GET', `/containers/${rest[0]}/json`);
  const want = rest[1] ? (rest[1].includes('/') ? rest[1] : `${rest[1]}/tcp`) : undefined;
  const entries = Object.entries(c.NetworkSettings.Ports).filter(([k, v]) => v && (!want || k === want));
  if (want && !entries.length) throw new CliError(`Error: No public port '${want}' published for ${rest[0]}`);
  const show = (b: { HostIp: string; HostPort: string }) => `${b.HostIp === '::' ? '[::]' : b.HostIp}:${b.HostPort}`;
  await ctx.out(entries.flatMap(([k, v]) => v!.map((b) => (want ? `${show(b)}\n` : `${k} -> ${show(b)}\n`))).join(''));
  return 0;
}

/** docker container prune [-f] */
export async function containerPrune(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { opts } = flags('container prune', args, ['--filter'], ['-f', '--force']);
  if (!opts.has('-f') && !opts.has('--force')) {
    await ctx.out('WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ');
    let answer = '';
    for await (const l of ctx.lines(0)) {
      answer = l.trim();
      break;
    }
    if (!/^y(es)?$/i.test(answer)) return 0;
  }
  const r = await client.request<{ ContainersDeleted: string[]; SpaceReclaimed: number }>('POST', '/containers/prune');
  let out = r.ContainersDeleted.length ? `Deleted Containers:\n${r.ContainersDeleted.map((id) => `${id}\n`).join('')}\n` : '';
  out += `Total reclaimed space: ${humanSize(r.SpaceReclaimed)}\n`;
  await ctx.out(out);
  return 0;
}

/** docker pause / unpause CONTAINER...: freezes or thaws every process (cgroup freezer). */
export async function pause(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { rest } = flags('pause', args, [], []);
  needs('pause', rest, 'CONTAINER [CONTAINER...]', 'Pause all processes within one or more containers');
  return eachContainer(ctx, rest, (n) => client.request('POST', `/containers/${n}/pause`));
}
export async function unpause(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { rest } = flags('unpause', args, [], []);
  needs('unpause', rest, 'CONTAINER [CONTAINER...]', 'Unpause all processes within one or more containers');
  return eachContainer(ctx, rest, (n) => client.request('POST', `/containers/${n}/unpause`));
}

interface Stats {
  id: string;
  name: string;
  cpu_stats: { cpu_usage: { total_usage: number } };
  memory_stats: { usage: number; limit: number };
  pids_stats: { current: number };
}

/** Sizes in powers of 1024, as docker stats prints memory: `5.188MiB`, `7.752GiB`. */
function binarySize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number(v.toPrecision(4))}${units[i]}`;
}

/**
 * docker stats [--no-stream] [CONTAINER...]: CPU (from samples a second apart, or half a second for --no-stream), memory
 * against the limit, and PIDs, from each container's cgroup.
 * @sim partial: network and block I/O are not counted yet.
 */
export async function stats(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { opts, rest } = flags('stats', args, ['--format'], ['--no-stream', '-a', '--all', '--no-trunc']);
  let names = rest;
  if (!names.length) names = (await client.request<{ Id: string; State: string }[]>('GET', `/containers/json${opts.has('-a') || opts.has('--all') ? '?all=1' : ''}`)).map((c) => c.Id);
  const sample = () => Promise.all(names.map((n) => client.request<Stats>('GET', `/containers/${n}/stats?stream=false`)));
  const stream = !opts.has('--no-stream');
  let first = await sample();
  let t0 = ctx.kernel.clock.now();
  const tty = ctx.isatty(1);
  for (;;) {
    await ctx.sleep(stream ? 1000 : 500);
    const second = await sample();
    const elapsedNs = (ctx.kernel.clock.now() - t0) * 1e6;
    const text = render(first, second, elapsedNs);
    // Live: the screen is redrawn each second until ^C, as docker stats does on a terminal.
    if (!stream) {
      await ctx.out(text);
      return 0;
    }
    await ctx.out(tty ? `\x1b[2J\x1b[H${text}` : text);
    first = second;
    t0 = ctx.kernel.clock.now();
  }
}

/** The stats table from two samples `elapsedNs` apart. */
function render(first: Stats[], second: Stats[], elapsedNs: number): string {
  const rows = second.map((s, i) => {
    const cpu = elapsedNs > 0 ? ((s.cpu_stats.cpu_usage.total_usage - first[i].cpu_stats.cpu_usage.total_usage) / elapsedNs) * 100 : 0;
    const mem = s.memory_stats;
    return [s.id.slice(0, 12), s.name.slice(1), `${cpu.toFixed(2)}%`, `${binarySize(mem.usage)} / ${binarySize(mem.limit)}`, `${((mem.usage / mem.limit) * 100).toFixed(2)}%`, '0B / 0B', '0B / 0B', String(s.pids_stats.current)];
  });
  return table(['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'], rows);
}

/** docker update [-m] [--cpus] [--pids-limit] [--restart] CONTAINER...: changes limits of (running) containers. */
export async function update(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { opts, rest } = flags('update', args, ['-m', '--memory', '--cpus', '--pids-limit', '--restart', '--memory-swap'], []);
  needs('update', rest, '[OPTIONS] CONTAINER [CONTAINER...]', 'Update configuration of one or more containers');
  const body: Record<string, unknown> = {};
  const mem = opts.get('-m') ?? opts.get('--memory');
  if (mem !== undefined) body.Memory = ramSize(mem, '-m, --memory', 'update');
  const cpus = opts.get('--cpus');
  if (cpus !== undefined) body.NanoCpus = Math.round(Number(cpus) * 1e9);
  const pids = opts.get('--pids-limit');
  if (pids !== undefined) body.PidsLimit = Number(pids);
  const restartPolicy = opts.get('--restart');
  if (restartPolicy) body.RestartPolicy = { Name: restartPolicy.split(':')[0], MaximumRetryCount: Number(restartPolicy.split(':')[1] ?? 0) };
  return eachContainer(ctx, rest, (n) => client.request('POST', `/containers/${n}/update`, body));
}

/**
 * docker cp CONTAINER:SRC DEST | SRC CONTAINER:DEST: copies files and directories out of or into
 * a container (running or stopped) through the daemon's archive endpoints.
 */
export async function cp(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { rest } = flags('cp', args, [], ['-a', '--archive', '-L', '--follow-link', '-q', '--quiet']);
  if (rest.length !== 2) throw new CliError(`"docker cp" requires exactly 2 arguments.\nSee 'docker cp --help'.\n\nUsage:  docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH\n\nCopy files/folders between a container and the local filesystem`);
  const split = (a: string) => (/^[\w.-]+:/.test(a) && !a.startsWith('/') && !a.startsWith('.') ? [a.slice(0, a.indexOf(':')), a.slice(a.indexOf(':') + 1)] : null);
  const [from, to] = [split(rest[0]), split(rest[1])];
  if ((from && to) || (!from && !to)) throw new CliError('must specify at least one container source');
  const base = (p: string) => p.replace(/\/+$/, '').split('/').pop() || '.';
  if (from) {
    const [c, src] = from;
    const tar = await client.request<Uint8Array>('GET', `/containers/${c}/archive?path=${encodeURIComponent(src)}`);
    let entries = readTar(tar);
    const dest = ctx.resolve(rest[1]);
    let dir = dest;
    let name = base(src);
    if (!ctx.fs.exists(ctx.proc, dest) || ctx.fs.stat(ctx.proc, dest).type !== 'dir') {
      dir = dest.slice(0, dest.lastIndexOf('/')) || '/';
      name = base(dest);
    }
    entries = entries.map((e) => ({ ...e, path: name + e.path.slice(e.path.indexOf('/') >= 0 ? e.path.indexOf('/') : e.path.length) }));
    try {
      const n = extractEntries(ctx.fs, ctx.proc, entries, dir);
      await ctx.err(`Successfully copied ${humanSize(n)} to ${rest[1]}\n`);
    } catch (e) {
      if (isSysError(e)) throw new CliError(`Error: ${dest}: ${e.message.toLowerCase()}`);
      throw e;
    }
    return 0;
  }
  const [c, dest] = to!;
  const src = ctx.resolve(rest[0]);
  if (!ctx.fs.exists(ctx.proc, src)) throw new CliError(`lstat ${src}: no such file or directory`);
  let dir = dest;
  let name = base(src);
  const stat = await client.request<{ type: string }>('GET', `/containers/${c}/archive?path=${encodeURIComponent(dest)}&stat=1`).catch(() => null);
  if (!stat || stat.type !== 'dir') {
    dir = dest.slice(0, dest.lastIndexOf('/')) || '/';
    name = base(dest);
  }
  const entries = treeEntries(ctx.fs, ctx.proc, src, name);
  await client.request('PUT', `/containers/${c}/archive?path=${encodeURIComponent(dir)}`, writeTar(entries));
  await ctx.err(`Successfully copied ${humanSize(entries.reduce((n, e) => n + (e.data?.length ?? 0), 0))} to ${rest[1]}\n`);
  return 0;
}

/**
 * docker attach CONTAINER: follows a running container until it ends (or ^P^Q), then exits with
 * its status.
 * A container started with -t gets the terminal back (^P^Q detaches again).
 * @sim partial: without -t, output only (stdin is not forwarded).
 */
export async function attach(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const { rest } = flags('attach', args, ['--detach-keys'], ['--no-stdin', '--sig-proxy']);
  if (rest.length !== 1) throw new CliError(`"docker attach" requires exactly 1 argument.\nSee 'docker attach --help'.\n\nUsage:  docker attach [OPTIONS] CONTAINER\n\nAttach local standard input, output, and error streams to a running container`);
  const c = await client.request<{ State: { Running: boolean } }>('GET', `/containers/${rest[0]}/json`);
  if (!c.State.Running) throw new CliError('You cannot attach to a stopped container, start it first');
  const a = await client.request<{ Tty: boolean }>('POST', `/containers/${rest[0]}/attach?stream=1&stdin=1&stdout=1&stderr=1`);
  if (!a.Tty) {
    const r = await client.request<{ text: string }>('GET', `/containers/${rest[0]}/logs?stdout=1&stderr=1&tail=0&follow=1`);
    await ctx.out(r.text);
  }
  const w = await client.request<{ StatusCode: number }>('POST', `/containers/${rest[0]}/wait`);
  return w.StatusCode;
}
