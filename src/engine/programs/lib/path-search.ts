import type { Ctx } from '../context';

/** execvp(3)'s search: the first executable regular file named `name` in PATH, or undefined. */
export function findInPath(ctx: Ctx, name: string, pathVar = ctx.env.PATH ?? '/usr/bin:/bin', all = false): string | undefined {
  return findAllInPath(ctx, name, pathVar, all)[0];
}

/** Every executable called `name` in PATH, in order (which -a). */
export function findAllInPath(ctx: Ctx, name: string, pathVar = ctx.env.PATH ?? '/usr/bin:/bin', all = true): string[] {
  if (name.includes('/')) return ctx.fs.access(ctx.proc, name, 1) ? [name] : [];
  const out: string[] = [];
  for (const dir of pathVar.split(':')) {
    const p = `${dir || '.'}/${name}`;
    try {
      if (ctx.fs.stat(ctx.proc, p).type === 'file' && ctx.fs.access(ctx.proc, p, 1)) {
        out.push(p);
        if (!all) break;
      }
    } catch {
      // not here
    }
  }
  return out;
}
