import type { Ctx, ProgramSpec } from './context';
import type { Stat } from '../vfs/backend';
import { isSysError } from '../kernel/errors';
import { readTar, writeTar, TarError, type TarEntry } from '../storage/tar';
import { gunzipBytes, gzipBytes, isGzip } from './gzip';
import { modeString } from './lib/mode';
import { groupName, userName, lookupUser, lookupGroup } from './lib/users';
import { strftime } from './lib/time';

const TYPE_OF: Record<TarEntry['type'], Stat['type']> = { file: 'file', dir: 'dir', symlink: 'symlink', hardlink: 'file', chardev: 'chardev', blockdev: 'blockdev', fifo: 'fifo' };

/**
 * tar -c|-x|-t [-vzp] [-f ARCHIVE] [-C DIR] [FILE]...: GNU tar's create, extract and list, with
 * gzip. Old-style bundled options (`tar czf x.tgz dir`) work too.
 * @sim partial: no append, update, diff or delete; no --exclude.
 */
export const tar: ProgramSpec = {
  name: 'tar',
  summary: 'an archiving utility',
  usage: 'tar [OPTION...] [FILE]...',
  description: "Examples:\n  tar -cf archive.tar foo bar  # Create archive.tar from files foo and bar.\n  tar -tvf archive.tar         # List all files in archive.tar verbosely.\n  tar -xf archive.tar          # Extract all files from archive.tar.\n\n  -c, --create     create a new archive\n  -x, --extract    extract files from an archive\n  -t, --list       list the contents of an archive\n  -f, --file=ARCHIVE  use archive file ARCHIVE (- for standard input/output)\n  -z, --gzip       filter the archive through gzip\n  -C, --directory=DIR  change to directory DIR\n  -v, --verbose    verbosely list files processed",
  usageStatus: 2,
  async run(ctx: Ctx) {
    let args = [...ctx.args];
    // Old-style options: a first argument without a dash is a bundle of option letters.
    if (args[0] && !args[0].startsWith('-') && /^[cxtvzfpCj]+$/.test(args[0])) args = [`-${args[0]}`, ...args.slice(1)];
    ctx.proc.argv = [ctx.argv[0], ...args];
    const a = await ctx.parse({
      c: { short: 'c', long: 'create' }, x: { short: 'x', long: 'extract' }, t: { short: 't', long: 'list' },
      v: { short: 'v', long: 'verbose' }, z: { short: 'z', long: 'gzip' }, f: { short: 'f', long: 'file', value: true },
      C: { short: 'C', long: 'directory', value: true }, p: { short: 'p', long: 'preserve-permissions' }, get: { long: 'get' },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 2;
    const modes = ['c', 'x', 't'].filter((m) => a.opts[m]);
    if (modes.length !== 1) {
      await ctx.err(modes.length === 0
        ? "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n"
        : "tar: You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option\nTry 'tar --help' or 'tar --usage' for more information.\n");
      return 2;
    }
    const archive = typeof a.opts.f === 'string' ? a.opts.f : '-';
    const dir = typeof a.opts.C === 'string' ? ctx.resolve(a.opts.C) : ctx.cwd;
    const at = (p: string) => (p.startsWith('/') ? p : dir === '/' ? `/${p}` : `${dir}/${p}`);
    const fatal = async (msg: string) => {
      await ctx.err(`tar: ${msg}\ntar: Error is not recoverable: exiting now\n`);
      return 2;
    };
    let failed = false;

    if (a.opts.c) {
      if (a.operands.length === 0) {
        await ctx.err("tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n");
        return 2;
      }
      if (archive === '-' && ctx.isatty(1)) return fatal('Refusing to write archive contents to terminal (missing -f option?)');
      const entries: TarEntry[] = [];
      const seen = new Map<string, string>();
      let warnedSlash = false;
      const add = async (real: string, name: string) => {
        await ctx.checkpoint();
        let st: Stat;
        try {
          st = ctx.fs.lstat(ctx.proc, real);
        } catch (e) {
          if (!isSysError(e)) throw e;
          await ctx.err(`tar: ${name}: Cannot stat: ${e.message}\n`);
          failed = true;
          return;
        }
        const base = { mode: st.mode, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000) };
        if (a.opts.v) await ctx.out(`${name}${st.type === 'dir' ? '/' : ''}\n`);
        if (st.type === 'dir') {
          entries.push({ ...base, path: `${name}/`, type: 'dir' });
          let names: string[] = [];
          try {
            names = ctx.fs.readdir(ctx.proc, real);
          } catch (e) {
            if (!isSysError(e)) throw e;
            await ctx.err(`tar: ${name}: Cannot open: ${e.message}\n`);
            failed = true;
          }
          for (const n of names) await add(`${real}/${n}`, `${name}/${n}`);
        } else if (st.type === 'symlink') {
          entries.push({ ...base, path: name, type: 'symlink', linkname: ctx.fs.readlink(ctx.proc, real) });
        } else if (st.type === 'file') {
          const key = `${st.dev}:${st.ino}`;
          if (st.nlink > 1 && seen.has(key)) {
            entries.push({ ...base, path: name, type: 'hardlink', linkname: seen.get(key) });
            return;
          }
          if (st.nlink > 1) seen.set(key, name);
          try {
            entries.push({ ...base, path: name, type: 'file', data: ctx.fs.readFile(ctx.proc, real) });
          } catch (e) {
            if (!isSysError(e)) throw e;
            await ctx.err(`tar: ${name}: Cannot open: ${e.message}\n`);
            failed = true;
          }
        } else if (st.type === 'chardev' || st.type === 'blockdev') {
          entries.push({ ...base, path: name, type: st.type, devmajor: (st.rdev ?? 0) >> 8, devminor: (st.rdev ?? 0) & 0xff });
        }
      };
      for (const op of a.operands) {
        let name = op.replace(/\/+$/, '') || '/';
        if (name.startsWith('/')) {
          if (!warnedSlash) await ctx.err("tar: Removing leading `/' from member names\n");
          warnedSlash = true;
          name = name.replace(/^\/+/, '') || '.';
        }
        await add(at(op), name);
      }
      let bytes = writeTar(entries);
      if (a.opts.z) bytes = gzipBytes(bytes);
      try {
        if (archive === '-') await ctx.out(bytes);
        else ctx.fs.writeFile(ctx.proc, archive, bytes);
      } catch (e) {
        if (!isSysError(e)) throw e;
        return fatal(`${archive}: Cannot open: ${e.message}`);
      }
      if (failed) await ctx.err('tar: Exiting with failure status due to previous errors\n');
      return failed ? 2 : 0;
    }

    if (archive === '-' && ctx.isatty(0)) return fatal('Refusing to read archive contents from terminal (missing -f option?)');
    let raw: Uint8Array;
    try {
      raw = archive === '-' ? await ctx.readAll(0) : ctx.fs.readFile(ctx.proc, archive);
    } catch (e) {
      if (!isSysError(e)) throw e;
      return fatal(`${archive}: Cannot open: ${e.message}`);
    }
    let entries: TarEntry[];
    try {
      entries = readTar(isGzip(raw) ? gunzipBytes(raw) : raw);
    } catch (e) {
      if (e instanceof TarError) {
        await ctx.err(e.message === 'unexpected EOF' ? 'tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now\n' : 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n');
        return 2;
      }
      if (e instanceof Error && /gzip|end of file/.test(e.message)) {
        await ctx.err('\ngzip: stdin: unexpected end of file\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now\n');
        return 2;
      }
      throw e;
    }
    const wanted = a.operands.map((o) => o.replace(/\/+$/, ''));
    const selected = entries.filter((e) => wanted.length === 0 || wanted.some((w) => e.path.replace(/\/$/, '') === w || e.path.startsWith(`${w}/`)));

    if (a.opts.t) {
      let out = '';
      for (const e of selected) {
        if (!a.opts.v) {
          out += e.path + '\n';
          continue;
        }
        const ug = `${userName(ctx, e.uid)}/${groupName(ctx, e.gid)}`;
        const size = e.type === 'chardev' || e.type === 'blockdev' ? `${e.devmajor},${e.devminor}` : String(e.data?.length ?? 0);
        const date = strftime('%Y-%m-%d %H:%M', e.mtime * 1000);
        const tail = e.type === 'symlink' ? ` -> ${e.linkname}` : e.type === 'hardlink' ? ` link to ${e.linkname}` : '';
        out += `${modeString({ type: TYPE_OF[e.type], mode: e.mode })} ${ug}${' '.repeat(Math.max(1, 19 - ug.length - size.length))}${size} ${date} ${e.path}${tail}\n`;
      }
      await ctx.out(out);
      return 0;
    }

    // Extract.
    const root = ctx.proc.cred.uid === 0;
    let warnedDots = false;
    for (const e of selected) {
      await ctx.checkpoint();
      let name = e.path.replace(/\/+$/, '');
      if (name.startsWith('/') || name.split('/').includes('..')) {
        if (!warnedDots) await ctx.err(`tar: Removing leading \`${name.startsWith('/') ? '/' : '../'}' from member names\n`);
        warnedDots = true;
        name = name.split('/').filter((c) => c && c !== '..').join('/');
      }
      if (!name) continue;
      if (a.opts.v) await ctx.out(`${e.path}\n`);
      const path = at(name);
      try {
        const parents = name.split('/').slice(0, -1);
        let cur = '';
        for (const p of parents) {
          cur = cur ? `${cur}/${p}` : p;
          if (!ctx.fs.exists(ctx.proc, at(cur))) ctx.fs.mkdir(ctx.proc, at(cur), 0o755);
        }
        const mode = root || a.opts.p ? e.mode : e.mode & ~ctx.proc.umask;
        let exists = false;
        try {
          exists = ctx.fs.lstat(ctx.proc, path) !== undefined;
        } catch {
          exists = false;
        }
        if (e.type === 'dir') {
          if (!exists) ctx.fs.mkdir(ctx.proc, path, 0o700);
          ctx.fs.chmod(ctx.proc, path, mode);
        } else {
          if (exists && ctx.fs.lstat(ctx.proc, path).type !== 'dir') ctx.fs.unlink(ctx.proc, path);
          if (e.type === 'symlink') ctx.fs.symlink(ctx.proc, e.linkname ?? '', path);
          else if (e.type === 'hardlink') ctx.fs.link(ctx.proc, at(e.linkname ?? ''), path);
          else if (e.type === 'file') {
            ctx.fs.writeFile(ctx.proc, path, e.data ?? new Uint8Array(0), { mode });
            ctx.fs.chmod(ctx.proc, path, mode);
          } else continue;
        }
        if (e.type !== 'symlink' && e.type !== 'hardlink') {
          if (root) {
            const uid = lookupUser(ctx, String(e.uid))?.uid ?? e.uid;
            const gid = lookupGroup(ctx, String(e.gid)) ?? e.gid;
            ctx.fs.chown(ctx.proc, path, uid, gid);
          }
          ctx.fs.utimes(ctx.proc, path, e.mtime * 1000, e.mtime * 1000);
        }
      } catch (err) {
        if (!isSysError(err)) throw err;
        await ctx.err(`tar: ${name}: Cannot open: ${err.message}\n`);
        failed = true;
      }
    }
    if (failed) await ctx.err('tar: Exiting with failure status due to previous errors\n');
    return failed ? 2 : 0;
  },
};
