import type { Ctx, ProgramSpec } from './context';
import { humanSize } from './ls';

/** df [-h] [-T] [FILE]...: space on the mounted filesystems, in 1K blocks. */
export const df: ProgramSpec = {
  name: 'df',
  summary: 'report file system space usage',
  usage: 'df [OPTION]... [FILE]...',
  description: '  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)\n  -T, --print-type      print file system type\n  -a, --all             include pseudo, duplicate, inaccessible file systems',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ h: { short: 'h', long: 'human-readable' }, T: { short: 'T', long: 'print-type' }, a: { short: 'a', long: 'all' }, k: { short: 'k' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const mounts = ctx.fs.mounts;
    const rows: string[][] = [];
    const chosen = a.operands.length
      ? a.operands.map((p) => ctx.fs.statfs(ctx.proc, p).mount)
      : mounts.filter((m) => a.opts.a || (m.backend.statfs?.().totalBytes ?? 0) > 0);
    for (const m of chosen) {
      const s = m.backend.statfs?.() ?? { totalBytes: 0, usedBytes: 0, files: 0 };
      const total = Math.floor(s.totalBytes / 1024);
      const used = Math.ceil(s.usedBytes / 1024);
      const avail = Math.max(0, total - used);
      const pct = total ? `${Math.ceil((used / total) * 100)}%` : '-';
      const f = (kb: number) => (a.opts.h ? humanSize(kb * 1024) : String(kb));
      rows.push([m.source, ...(a.opts.T ? [m.backend.fsType] : []), f(total), f(used), f(avail), pct, m.path]);
    }
    const header = ['Filesystem', ...(a.opts.T ? ['Type'] : []), a.opts.h ? 'Size' : '1K-blocks', 'Used', a.opts.h ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
    const all = [header, ...rows];
    const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
    const left = new Set([0, a.opts.T ? 1 : -1, header.length - 1]);
    const out = all.map((r) => r.map((v, c) => (c === r.length - 1 ? v : left.has(c) ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join(' ')).join('\n') + '\n';
    await ctx.out(out);
    return 0;
  },
};
