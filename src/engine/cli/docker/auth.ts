import type { Ctx } from '../../programs/context';
import { isSysError } from '../../kernel/errors';
import type { TtyFile } from '../../tty/tty';
import { base64Decode, base64Encode } from '../../programs/base64';
import { parseReference } from '../../images/reference';
import { CliError, type DockerClient } from './connection';

/** The key docker login stores Docker Hub's credentials under. */
export const HUB_SERVER = 'https://index.docker.io/v1/';

interface ConfigFile {
  auths?: Record<string, { auth?: string }>;
  [key: string]: unknown;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function configPath(ctx: Ctx): string {
  return `${ctx.env.DOCKER_CONFIG ?? `${ctx.env.HOME ?? '/root'}/.docker`}/config.json`;
}

function readConfig(ctx: Ctx): ConfigFile {
  try {
    return JSON.parse(ctx.fs.readText(ctx.proc, configPath(ctx))) as ConfigFile;
  } catch (e) {
    if (isSysError(e) || e instanceof SyntaxError) return {};
    throw e;
  }
}

function writeConfig(ctx: Ctx, cfg: ConfigFile): void {
  const path = configPath(ctx);
  const dir = path.slice(0, path.lastIndexOf('/'));
  if (!ctx.fs.exists(ctx.proc, dir)) ctx.fs.mkdir(ctx.proc, dir, 0o700);
  ctx.fs.writeFile(ctx.proc, path, JSON.stringify(cfg, null, '\t') + '\n', { mode: 0o600 });
}

/** The config key of a registry: Docker Hub's legacy URL, or `host:port`. */
function serverKey(server: string): string {
  const s = server.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return s === 'docker.io' || s === 'index.docker.io' || s === 'registry-1.docker.io' || s === '' ? HUB_SERVER : s;
}

/** The X-Registry-Auth header for pushing to or pulling from the registry of `image`. */
export function authHeaders(ctx: Ctx, image: string): Record<string, string> {
  let domain = 'docker.io';
  try {
    domain = parseReference(image).domain;
  } catch {
    // a bad reference fails later with Docker's message
  }
  const key = serverKey(domain);
  const entry = readConfig(ctx).auths?.[key]?.auth;
  if (!entry) return {};
  const plain = dec.decode(base64Decode(entry).bytes);
  const colon = plain.indexOf(':');
  const json = JSON.stringify({ username: plain.slice(0, colon), password: plain.slice(colon + 1), serveraddress: key });
  return { 'X-Registry-Auth': base64Encode(enc.encode(json)).replace(/\+/g, '-').replace(/\//g, '_') };
}

/** Reads one line from the terminal (or standard input), with echo off for passwords. */
async function prompt(ctx: Ctx, text: string, secret: boolean): Promise<string> {
  await ctx.out(text);
  const file = ctx.proc.fds.get(0);
  const tty = file?.isTTY ? (file as TtyFile).tty : null;
  const echo = tty?.termios.echo;
  if (secret && tty) tty.setMode({ echo: false });
  try {
    for await (const line of ctx.lines(0)) return line.replace(/\r?\n$/, '');
    return '';
  } finally {
    if (secret && tty) {
      tty.setMode({ echo: echo ?? true });
      await ctx.out('\n');
    }
  }
}

/** docker login [-u USER] [-p PASS | --password-stdin] [SERVER]. */
export async function login(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  let username: string | undefined;
  let password: string | undefined;
  let stdin = false;
  let server = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '-u' || flag === '--username') username = inline ?? args[++i];
    else if (flag === '-p' || flag === '--password') password = inline ?? args[++i];
    else if (flag === '--password-stdin') stdin = true;
    else if (flag.startsWith('-')) throw new CliError(`unknown flag: ${flag}\nSee 'docker login --help'.`);
    else server = a;
  }
  const key = serverKey(server);
  let out = '';
  if (password !== undefined) out += 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n';
  if (stdin) {
    if (password !== undefined) throw new CliError('--password and --password-stdin are mutually exclusive');
    if (!username) throw new CliError('Must provide --username with --password-stdin');
    password = (await ctx.readText(0)).replace(/\r?\n$/, '');
  }
  if (out) await ctx.err(out);
  if (!username) username = (await prompt(ctx, 'Username: ', false)).trim();
  if (!username) throw new CliError('Error: Non-null Username Required');
  if (password === undefined) password = await prompt(ctx, 'Password: ', true);
  if (!password) throw new CliError('Error: Password Required');
  await client.request('POST', '/auth', { username, password, serveraddress: key });
  const cfg = readConfig(ctx);
  cfg.auths = { ...cfg.auths, [key]: { auth: base64Encode(enc.encode(`${username}:${password}`)) } };
  writeConfig(ctx, cfg);
  await ctx.err(`WARNING! Your credentials are stored unencrypted in '${configPath(ctx)}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`);
  await ctx.out('Login Succeeded\n');
  return 0;
}

/** docker logout [SERVER]. */
export async function logout(ctx: Ctx, _client: DockerClient, args: string[]): Promise<number> {
  const key = serverKey(args.find((a) => !a.startsWith('-')) ?? '');
  const cfg = readConfig(ctx);
  if (!cfg.auths?.[key]) {
    await ctx.out(`Not logged in to ${key === HUB_SERVER ? 'docker.io' : key}\n`);
    return 0;
  }
  await ctx.out(`Removing login credentials for ${key}\n`);
  delete cfg.auths[key];
  writeConfig(ctx, cfg);
  return 0;
}
