import { authHeaders } from './auth';
import { displayJsonMessages } from './jsonmessage';
import type { Ctx } from '../../programs/context';
import { isSysError } from '../../kernel/errors';
import { CliError, type DockerClient } from './connection';
import { table } from './table';
import { humanDuration, humanSize, inspectJson } from './format';
import { familiarName, parseReference, ReferenceError } from '../../images/reference';

interface ImageSummary {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Created: number;
  Size: number;
}

/** Fills a Go template such as `{{.Repository}}:{{.Tag}}` from a row's fields. */
export function goTemplate(template: string, fields: Record<string, string>): string {
  return template.replace(/\\t/g, '\t').replace(/\{\{\s*\.(\w+)\s*\}\}/g, (m, k: string) => fields[k] ?? m);
}

/** docker images [-q] [-a] [--digests] [--format TEMPLATE] [REPOSITORY[:TAG]]: the classic table from GET /images/json. */
export async function images(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  let format: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--format') format = args[++i];
    else if (args[i].startsWith('--format=')) format = args[i].slice(9);
    else rest.push(args[i]);
  }
  const quiet = rest.some((a) => a === '-q' || a === '--quiet' || (/^-[aq]+$/.test(a) && a.includes('q')));
  const digests = rest.includes('--digests');
  const filter = rest.find((a) => !a.startsWith('-'));
  const list = await client.request<ImageSummary[]>('GET', '/images/json');
  const now = ctx.kernel.clock.now();
  const rows = list.flatMap((i) => {
    const tags = i.RepoTags.length ? i.RepoTags : ['<none>:<none>'];
    return tags.map((t) => {
      const c = t.lastIndexOf(':');
      const repo = t.slice(0, c);
      const digest = i.RepoDigests.find((d) => d.startsWith(`${repo}@`))?.split('@')[1] ?? '<none>';
      return { Repository: repo, Tag: t.slice(c + 1), ID: i.Id.slice(7, 19), Digest: digest, CreatedSince: `${humanDuration(now - i.Created * 1000)} ago`, CreatedAt: new Date(i.Created * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'), Size: humanSize(i.Size) };
    });
  }).filter((r) => !filter || (filter.lastIndexOf(':') > filter.lastIndexOf('/') ? `${r.Repository}:${r.Tag}` === filter : r.Repository === filter));
  if (quiet) {
    await ctx.out([...new Set(rows.map((r) => r.ID))].map((id) => id + '\n').join(''));
    return 0;
  }
  if (format && !format.startsWith('table')) {
    await ctx.out(rows.map((r) => goTemplate(format!, r) + '\n').join(''));
    return 0;
  }
  await ctx.out(table(
    ['REPOSITORY', 'TAG', ...(digests ? ['DIGEST'] : []), 'IMAGE ID', 'CREATED', 'SIZE'],
    rows.map((r) => [r.Repository, r.Tag, ...(digests ? [r.Digest] : []), r.ID, r.CreatedSince, r.Size]),
  ));
  return 0;
}

/** Reads a file argument, or standard input for `-`. */
async function readInput(ctx: Ctx, path: string): Promise<Uint8Array> {
  if (path === '-') return ctx.readAll(0);
  try {
    return ctx.fs.readFile(ctx.proc, path);
  } catch (e) {
    if (isSysError(e)) throw new CliError(`open ${ctx.resolve(path)}: ${e.message.toLowerCase()}`);
    throw e;
  }
}

/** docker import FILE|- [REPOSITORY[:TAG]]: a single-layer image from a root filesystem tar. */
export async function importImage(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  if (args.length < 1 || args.length > 2) throw new CliError(`"docker import" requires at least 1 and at most 2 arguments.\nSee 'docker import --help'.\n\nUsage:  docker import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]\n\nImport the contents from a tarball to create a filesystem image`);
  const data = await readInput(ctx, args[0]);
  const ref = args[1];
  let q = 'fromSrc=-';
  if (ref) {
    const c = ref.lastIndexOf(':');
    const hasTag = c > ref.lastIndexOf('/');
    q += `&repo=${encodeURIComponent(hasTag ? ref.slice(0, c) : ref)}${hasTag ? `&tag=${encodeURIComponent(ref.slice(c + 1))}` : ''}`;
  }
  const r = await client.request<{ status: string }>('POST', `/images/create?${q}`, data);
  await ctx.out(`${r.status}\n`);
  return 0;
}

/** docker save [-o FILE] IMAGE...: the images as a tar archive. */
export async function save(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  let output: string | undefined;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-o' || args[i] === '--output') output = args[++i];
    else if (args[i].startsWith('--output=')) output = args[i].slice(9);
    else names.push(args[i]);
  }
  if (names.length === 0) throw new CliError(`"docker save" requires at least 1 argument.\nSee 'docker save --help'.\n\nUsage:  docker save [OPTIONS] IMAGE [IMAGE...]\n\nSave one or more images to a tar archive (streamed to STDOUT by default)`);
  if (!output && ctx.isatty(1)) throw new CliError('cowardly refusing to save to a terminal. Use the -o flag or redirect');
  const tar = await client.request<Uint8Array>('GET', `/images/get?${names.map((n) => `names=${encodeURIComponent(n)}`).join('&')}`);
  if (output) {
    try {
      ctx.fs.writeFile(ctx.proc, output, tar);
    } catch (e) {
      if (isSysError(e)) throw new CliError(`failed to save image: invalid output path: ${e.message}`);
      throw e;
    }
  } else await ctx.out(tar);
  return 0;
}

/** docker load [-i FILE]: images from a tar archive made by docker save. */
export async function load(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  let input = '-';
  for (let i = 0; i < args.length; i++) if (args[i] === '-i' || args[i] === '--input') input = args[++i];
  if (input === '-' && ctx.isatty(0)) throw new CliError('requested load from stdin, but stdin is empty');
  const data = await readInput(ctx, input);
  const r = await client.request<{ lines: string[] }>('POST', '/images/load', data);
  await ctx.out(r.lines.map((l) => l + '\n').join(''));
  return 0;
}

/** docker history IMAGE: one row per history entry, newest first. */
export async function history(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const name = args.find((a) => !a.startsWith('-'));
  if (!name) throw new CliError(`"docker history" requires exactly 1 argument.\nSee 'docker history --help'.\n\nUsage:  docker history [OPTIONS] IMAGE\n\nShow the history of an image`);
  const rows = await client.request<{ Id: string; Created: number; CreatedBy: string; Size: number; Comment: string }[]>('GET', `/images/${name}/history`);
  const now = ctx.kernel.clock.now();
  const noTrunc = args.includes('--no-trunc');
  await ctx.out(table(['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'], rows.map((r) => [
    r.Id === '<missing>' ? r.Id : noTrunc ? r.Id : r.Id.slice(7, 19),
    `${humanDuration(now - r.Created * 1000)} ago`,
    noTrunc || r.CreatedBy.length <= 45 ? r.CreatedBy : `${r.CreatedBy.slice(0, 44)}…`,
    humanSize(r.Size),
    r.Comment,
  ])));
  return 0;
}

/** docker image inspect IMAGE...: the daemon's JSON for each image. */
export async function inspect(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const names = args.filter((a) => !a.startsWith('-'));
  if (names.length === 0) throw new CliError(`"docker image inspect" requires at least 1 argument.\nSee 'docker image inspect --help'.\n\nUsage:  docker image inspect [OPTIONS] IMAGE [IMAGE...]\n\nDisplay detailed information on one or more images`);
  const found: unknown[] = [];
  let failed: CliError | null = null;
  for (const n of names) {
    try {
      found.push(await client.request('GET', `/images/${n}/json`));
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      failed = new CliError(`Error response from daemon: No such image: ${n}`);
    }
  }
  await ctx.out(inspectJson(found));
  if (failed) throw failed;
  return 0;
}

/** docker tag SOURCE TARGET. */
export async function tag(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  if (args.length !== 2) throw new CliError(`"docker tag" requires exactly 2 arguments.\nSee 'docker tag --help'.\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nCreate a tag TARGET_IMAGE that refers to SOURCE_IMAGE`);
  const [src, dst] = args;
  const c = dst.lastIndexOf(':');
  const hasTag = c > dst.lastIndexOf('/');
  await client.request('POST', `/images/${src}/tag?repo=${encodeURIComponent(hasTag ? dst.slice(0, c) : dst)}&tag=${encodeURIComponent(hasTag ? dst.slice(c + 1) : 'latest')}`);
  return 0;
}

/** docker rmi IMAGE...: untags and deletes. */
export async function rmi(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const names = args.filter((a) => !a.startsWith('-'));
  const force = args.includes('-f') || args.includes('--force');
  if (names.length === 0) throw new CliError(`"docker rmi" requires at least 1 argument.\nSee 'docker rmi --help'.\n\nUsage:  docker rmi [OPTIONS] IMAGE [IMAGE...]\n\nRemove one or more images`);
  let status = 0;
  for (const n of names) {
    try {
      const r = await client.request<{ Untagged?: string; Deleted?: string }[]>('DELETE', `/images/${n}${force ? '?force=1' : ''}`);
      await ctx.out(r.map((x) => (x.Untagged ? `Untagged: ${x.Untagged}\n` : `Deleted: ${x.Deleted}\n`)).join(''));
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      await ctx.err(`${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

/** docker pull NAME[:TAG|@DIGEST]: fetches an image from its registry. */
export async function pullCmd(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const unknown = args.find((a) => a.startsWith('-') && !['-q', '--quiet'].includes(a));
  if (unknown) throw new CliError(`unknown ${unknown.startsWith('--') ? 'flag' : 'shorthand flag'}: ${unknown.startsWith('--') ? unknown : `'${unknown[1]}' in ${unknown}`}\nSee 'docker pull --help'.`);
  const names = args.filter((a) => !a.startsWith('-'));
  if (names.length !== 1) throw new CliError(`"docker pull" requires exactly 1 argument.\nSee 'docker pull --help'.\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nDownload an image from a registry`);
  await pullImage(ctx, client, names[0], 1, args.includes('-q') || args.includes('--quiet'));
  return 0;
}

/** Pulls and prints Docker's progress lines on `fd`; returns the canonical reference. */
export async function pullImage(ctx: Ctx, client: DockerClient, name: string, fd: number, quiet = false): Promise<void> {
  const hasTag = name.lastIndexOf(':') > name.lastIndexOf('/') || name.includes('@');
  try {
    parseReference(name);
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    throw new CliError(e.message === 'invalid reference format' ? 'invalid reference format' : `invalid reference format: repository name (${name.split(':')[0]}) must be lowercase`);
  }
  if (!hasTag && fd === 1 && !quiet) await ctx.write(fd, 'Using default tag: latest\n');
  const messages = await client.stream('POST', `/images/create?fromImage=${encodeURIComponent(name)}${hasTag ? '' : '&tag=latest'}`, undefined, authHeaders(ctx, name));
  if (quiet) {
    for await (const m of messages) if (m.errorDetail) throw new CliError(m.errorDetail.message);
  } else await displayJsonMessages(ctx, fd, messages);
  const ref = parseReference(hasTag ? name : `${name}:latest`);
  const full = `${ref.domain}/${ref.path}${ref.digest ? `@${ref.digest}` : `:${ref.tag}`}`;
  if (fd === 1) await ctx.write(fd, `${full}\n`);
}

/** docker push [-a] NAME[:TAG]: uploads an image to its registry. */
export async function pushCmd(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const unknown = args.find((a) => a.startsWith('-') && !['-a', '--all-tags', '-q', '--quiet'].includes(a));
  if (unknown) throw new CliError(`unknown flag: ${unknown}\nSee 'docker push --help'.`);
  const names = args.filter((a) => !a.startsWith('-'));
  if (names.length !== 1) throw new CliError(`"docker push" requires exactly 1 argument.\nSee 'docker push --help'.\n\nUsage:  docker push [OPTIONS] NAME[:TAG]\n\nUpload an image to a registry`);
  const quiet = args.includes('-q') || args.includes('--quiet');
  let ref;
  try {
    ref = parseReference(names[0]);
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    throw new CliError(`invalid reference format${e.message === 'invalid reference format' ? '' : `: ${e.message}`}`);
  }
  const name = familiarName(ref);
  let tags = [ref.tag ?? 'latest'];
  if (args.includes('-a') || args.includes('--all-tags')) {
    const list = await client.request<{ RepoTags: string[] }[]>('GET', '/images/json');
    tags = list.flatMap((i) => i.RepoTags).filter((t) => t.slice(0, t.lastIndexOf(':')) === name).map((t) => t.slice(t.lastIndexOf(':') + 1)).sort();
    if (!tags.length) throw new CliError(`An image does not exist locally with the tag: ${name}`);
  } else if (!ref.tag && !quiet) await ctx.out('Using default tag: latest\n');
  for (const tag of tags) {
    const messages = await client.stream('POST', `/images/${name}/push?tag=${encodeURIComponent(tag)}`, undefined, authHeaders(ctx, name));
    if (quiet) {
      for await (const m of messages) if (m.errorDetail) throw new CliError(m.errorDetail.message);
      await ctx.out(`${ref.domain === 'docker.io' ? `docker.io/${ref.path}` : name}:${tag}\n`);
    } else await displayJsonMessages(ctx, 1, messages);
  }
  return 0;
}

/** docker image prune [-a] [-f]: removes dangling (or, with -a, all unused) images. */
export async function prune(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const all = args.includes('-a') || args.includes('--all') || args.some((a) => /^-[af]+$/.test(a) && a.includes('a'));
  const force = args.includes('-f') || args.includes('--force') || args.some((a) => /^-[af]+$/.test(a) && a.includes('f'));
  if (!force) {
    await ctx.out(`WARNING! This will remove all ${all ? 'images without at least one container associated to them' : 'dangling images'}.\nAre you sure you want to continue? [y/N] `);
    let answer = '';
    for await (const line of ctx.lines(0)) {
      answer = line.trim();
      break;
    }
    if (!/^y(es)?$/i.test(answer)) return 0;
  }
  const r = await client.request<{ ImagesDeleted: { Untagged?: string; Deleted?: string }[]; SpaceReclaimed: number }>('POST', `/images/prune${all ? '?all=1' : ''}`);
  let out = '';
  if (r.ImagesDeleted.length) out += 'Deleted Images:\n' + r.ImagesDeleted.map((x) => (x.Untagged ? `untagged: ${x.Untagged}\n` : `deleted: ${x.Deleted}\n`)).join('') + '\n';
  out += `Total reclaimed space: ${humanSize(r.SpaceReclaimed)}\n`;
  await ctx.out(out);
  return 0;
}

/** docker search TERM: repositories on Docker Hub. */
export async function search(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  let limit = 25;
  let noTrunc = false;
  const filters: string[] = [];
  const terms: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--limit') limit = Number(inline ?? args[++i]);
    else if (flag === '-f' || flag === '--filter') filters.push(inline ?? args[++i] ?? '');
    else if (flag === '--no-trunc') noTrunc = true;
    else if (flag.startsWith('-')) throw new CliError(`unknown flag: ${flag}\nSee 'docker search --help'.`);
    else terms.push(a);
  }
  if (terms.length !== 1) throw new CliError(`"docker search" requires exactly 1 argument.\nSee 'docker search --help'.\n\nUsage:  docker search [OPTIONS] TERM\n\nSearch Docker Hub for images`);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new CliError('Error response from daemon: limit 0 is outside the range of [1, 100]'.replace('0', String(limit)));
  let results = await client.request<{ name: string; description: string; star_count: number; is_official: boolean }[]>('GET', `/images/search?term=${encodeURIComponent(terms[0])}`);
  for (const f of filters) {
    const [key, value = ''] = f.split('=');
    if (key === 'is-official') results = results.filter((r) => r.is_official === (value === 'true'));
    else if (key === 'stars') results = results.filter((r) => r.star_count >= Number(value));
    else throw new CliError(`Error response from daemon: invalid filter '${key}'`);
  }
  const desc = (s: string) => (noTrunc || s.length <= 45 ? s : `${s.slice(0, 44)}…`);
  await ctx.out(table(['NAME', 'DESCRIPTION', 'STARS', 'OFFICIAL'], results.slice(0, limit).map((r) => [r.name, desc(r.description), String(r.star_count), r.is_official ? '[OK]' : ''])));
  return 0;
}
