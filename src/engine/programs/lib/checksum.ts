import type { Ctx, ProgramSpec } from '../context';
import { isSysError } from '../../kernel/errors';
import { parseArgs, UsageError } from '../args';

/** A digest the checksum tools can compute incrementally. */
export interface Digest {
  update(data: Uint8Array): unknown;
  hex(): string;
}

/**
 * Builds md5sum / sha256sum: `HASH  NAME` per file, or `-c` to check such lists, with coreutils'
 * messages and warnings.
 */
export function checksumProgram(name: string, algo: string, bits: number, make: () => Digest): ProgramSpec {
  const hexLen = bits / 4;
  const spec: ProgramSpec = {
    name,
    summary: `compute and check ${algo} message digest`,
    usage: `${name} [OPTION]... [FILE]...`,
    description:
      `Print or check ${algo} (${bits}-bit) checksums.\n\nWith no FILE, or when FILE is -, read standard input.\n` +
      '  -b, --binary          read in binary mode\n  -c, --check           read checksums from the FILEs and check them\n      --tag             create a BSD-style checksum\n  -t, --text            read in text mode (default)\n  -z, --zero            end each output line with NUL, not newline,\n                          and disable file name escaping\n\n' +
      'The following five options are useful only when verifying checksums:\n      --ignore-missing  don\'t fail or report status for missing files\n      --quiet           don\'t print OK for each successfully verified file\n      --status          don\'t output anything, status code shows success\n      --strict          exit non-zero for improperly formatted checksum lines\n  -w, --warn            warn about improperly formatted checksum lines',
    async run(ctx: Ctx) {
      if (ctx.args[0] === '--help') {
        await ctx.out(`Usage: ${spec.usage}\n${spec.description}\n`);
        return 0;
      }
      let a;
      try {
        a = parseArgs(ctx.args, {
          b: { short: 'b', long: 'binary' }, c: { short: 'c', long: 'check' }, t: { short: 't', long: 'text' }, tag: { long: 'tag' },
          z: { short: 'z', long: 'zero' }, quiet: { long: 'quiet' }, status: { long: 'status' }, strict: { long: 'strict' },
          w: { short: 'w', long: 'warn' }, missing: { long: 'ignore-missing' },
        });
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        return ctx.usage(e);
      }
      const o = a.opts;
      if (!o.c && (o.quiet || o.status || o.strict || o.w || o.missing)) {
        const opt = o.missing ? 'ignore-missing' : o.quiet ? 'quiet' : o.status ? 'status' : o.strict ? 'strict' : 'warn';
        await ctx.err(`${name}: the --${opt} option is meaningful only when verifying checksums\nTry '${name} --help' for more information.\n`);
        return 1;
      }
      const hashOf = async (file: string, report: boolean): Promise<string | null> => {
        let f;
        try {
          f = ctx.openRead(file);
        } catch (e) {
          if (!isSysError(e)) throw e;
          if (report) await ctx.error(`${file}: ${e.message}`);
          return null;
        }
        try {
          if (f.kind === 'dir') {
            if (report) await ctx.error(`${file}: Is a directory`);
            return null;
          }
          const h = make();
          for (;;) {
            const c = await f.read(ctx.proc, 65536);
            if (c === null) break;
            h.update(c);
            await ctx.checkpoint();
          }
          return h.hex();
        } finally {
          f.close();
        }
      };
      const files = a.operands.length ? a.operands : ['-'];
      let status = 0;
      if (!o.c) {
        for (const f of files) {
          const h = await hashOf(f, true);
          if (h === null) {
            status = 1;
            continue;
          }
          // Names with a backslash or newline are escaped, and the line starts with `\`.
          const esc = !o.z && /[\\\n\r]/.test(f);
          const shown = esc ? f.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : f;
          const line = o.tag ? `${algo} (${shown}) = ${h}` : `${h} ${o.b ? '*' : ' '}${shown}`;
          await ctx.out((esc ? '\\' : '') + line + (o.z ? '\0' : '\n'));
        }
        return status;
      }
      const lineRe = new RegExp(`^(\\\\?)([0-9a-fA-F]{${hexLen}}) ([ *])(.+)$`);
      const bsdRe = new RegExp(`^(\\\\?)${algo} \\((.+)\\) = ([0-9a-fA-F]{${hexLen}})$`);
      for (const list of files) {
        let text: string;
        try {
          text = list === '-' ? await ctx.readText(0) : ctx.fs.readText(ctx.proc, list);
        } catch (e) {
          if (!isSysError(e)) throw e;
          await ctx.error(`${list}: ${e.message}`);
          status = 1;
          continue;
        }
        const shownList = list === '-' ? 'standard input' : list;
        let bad = 0;
        let failed = 0;
        let unreadable = 0;
        let good = 0;
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        for (let n = 0; n < lines.length; n++) {
          const line = lines[n];
          if (line.startsWith('#')) continue;
          let m = lineRe.exec(line);
          let want: string;
          let file: string;
          if (m) {
            want = m[2];
            file = m[4];
          } else if ((m = bsdRe.exec(line))) {
            want = m[3];
            file = m[2];
          } else {
            bad++;
            if (o.w) await ctx.error(`${shownList}: ${n + 1}: improperly formatted ${algo} checksum line`);
            continue;
          }
          if (m[1]) file = file.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
          if (o.missing) {
            try {
              ctx.fs.stat(ctx.proc, file);
            } catch {
              continue;
            }
          }
          good++;
          const h = await hashOf(file, !o.status);
          if (h === null) {
            unreadable++;
            if (!o.status) await ctx.out(`${file}: FAILED open or read\n`);
            continue;
          }
          const ok = h === want.toLowerCase();
          if (!ok) failed++;
          if (!o.status && !(ok && o.quiet)) await ctx.out(`${file}: ${ok ? 'OK' : 'FAILED'}\n`);
        }
        if (good === 0 && !(o.missing && bad === 0)) {
          await ctx.error(`${shownList}: no properly formatted checksum lines found`);
          status = 1;
          continue;
        }
        if (!o.status) {
          const s = (k: number, one: string, many: string) => (k === 1 ? one : many);
          if (bad) await ctx.error(`WARNING: ${bad} ${s(bad, 'line is', 'lines are')} improperly formatted`);
          if (unreadable) await ctx.error(`WARNING: ${unreadable} listed ${s(unreadable, 'file', 'files')} could not be read`);
          if (failed) await ctx.error(`WARNING: ${failed} computed ${s(failed, 'checksum', 'checksums')} did NOT match`);
        }
        if (failed || unreadable || (o.strict && bad)) status = 1;
      }
      return status;
    },
  };
  return spec;
}
