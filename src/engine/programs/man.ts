import type { Ctx, ProgramSpec } from './context';

/** Lays `left`, `mid` and `right` out on one line of `width`, `mid` centred, as man's header does. */
function headerLine(left: string, mid: string, right: string, width: number): string {
  const start = Math.max(left.length + 1, Math.floor((width - mid.length) / 2));
  const line = left.padEnd(start) + mid;
  return line + right.padStart(Math.max(right.length + 1, width - line.length));
}

/** Indents every line of `text` by man's 7 columns. */
function indent(text: string): string {
  return text.trimEnd().split('\n').map((l) => (l.trim() ? `       ${l}` : '')).join('\n');
}

/**
 * The short manual page of a program, built from its spec: NAME, SYNOPSIS and DESCRIPTION.
 * @sim partial: pages are generated from the program's own help record, not groff sources.
 */
export function manPage(spec: ProgramSpec, width = 80): string {
  const section = spec.dir?.endsWith('sbin') ? 8 : 1;
  const title = `${spec.name.toUpperCase()}(${section})`;
  const kind = section === 8 ? "System Manager's Manual" : 'User Commands';
  const summary = spec.summary.charAt(0).toUpperCase() + spec.summary.slice(1);
  const body = spec.description ?? `${summary}.`;
  return [
    headerLine(title, kind, title, width),
    '',
    'NAME',
    indent(`${spec.name} - ${spec.summary}`),
    '',
    'SYNOPSIS',
    indent(spec.usage ?? spec.name),
    '',
    'DESCRIPTION',
    indent(body),
    '',
    headerLine('DockerSim', '', title, width),
  ].join('\n') + '\n';
}

/**
 * man [SECTION] PAGE...: prints the short manual page of an installed program. A program has a
 * page only where its executable is installed (a container without curl has no `man curl`).
 * @sim partial: no pager, no sections beyond 1 and 8, no -k/-f (apropos, whatis).
 */
export const man: ProgramSpec = {
  name: 'man',
  summary: 'an interface to the system reference manuals',
  usage: 'man [section] page ...',
  description: 'man is the system\'s manual pager. Each page argument given to man is normally the name of a program. The manual page associated with each of these arguments is then found and displayed.',
  async run(ctx: Ctx) {
    let pages = ctx.args;
    if (pages[0] === '--help' || pages[0] === '-h') {
      await ctx.out(`Usage: ${man.usage}\n${man.summary}\n`);
      return 0;
    }
    if (pages.length && /^[1-9]$/.test(pages[0])) pages = pages.slice(1);
    if (pages.length === 0) {
      await ctx.err("What manual page do you want?\nFor example, try 'man man'.\n");
      return 1;
    }
    const width = ctx.isatty(1) ? Math.min(ctx.proc.tty?.cols ?? 80, 80) : 80;
    let status = 0;
    let out = '';
    for (const name of pages) {
      const spec = ctx.programs?.get(name) ?? ctx.programs?.get(name === '[' ? 'test' : '');
      const installed = spec && ctx.fs.exists(ctx.proc, `${spec.dir ?? '/usr/bin'}/${name}`);
      if (!spec || !installed) {
        await ctx.out(out);
        out = '';
        await ctx.err(`No manual entry for ${name}\n`);
        status = 16;
        continue;
      }
      out += manPage(spec, width);
    }
    await ctx.out(out);
    return status;
  },
};
