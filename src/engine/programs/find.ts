import type { Ctx, ProgramSpec } from './context';
import type { Stat } from '../vfs/backend';
import { isSysError } from '../kernel/errors';
import { matchPattern } from '../shell/pattern';
import { findInPath } from './lib/path-search';

/** A node of find's expression tree. */
type Expr =
  | { op: 'and' | 'or'; a: Expr; b: Expr }
  | { op: 'not'; a: Expr }
  | { op: 'test'; fn: (path: string, st: Stat, depth: number) => boolean }
  | { op: 'action'; kind: 'print' | 'print0' | 'delete' | 'prune' | 'quit' }
  | { op: 'exec'; argv: string[]; plus: boolean };

class FindError extends Error {}

/** GNU find's size units: c (bytes), k, M, G, b (512-byte blocks, the default). */
function sizeTest(spec: string): (st: Stat) => boolean {
  const m = /^([+-]?)(\d+)([bckwMG]?)$/.exec(spec);
  if (!m) {
    const bad = /^[+-]?\d+(.)/.exec(spec);
    throw new FindError(bad ? `invalid -size type \`${bad[1]}'` : `invalid argument \`${spec}' to \`-size'`);
  }
  const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1024 ** 2, G: 1024 ** 3, '': 512 }[m[3]]!;
  const n = Number(m[2]);
  return (st) => {
    const units = Math.ceil(st.size / unit);
    return m[1] === '+' ? units > n : m[1] === '-' ? units < n : units === n;
  };
}

/** find [PATH...] [EXPRESSION]: walks directory trees, testing each file. */
export const find: ProgramSpec = {
  name: 'find',
  summary: 'search for files in a directory hierarchy',
  usage: 'find [starting-point...] [expression]',
  description: 'Options: -xdev (stay on one filesystem)\nTests: -name PATTERN -iname PATTERN -path PATTERN -type [fdlcbps] -size [+-]N[ckMG] -empty -user NAME -perm MODE -newer FILE -mindepth N -maxdepth N\nOperators: ! -not -a -and -o -or ( )\nActions: -print -print0 -delete -prune -quit -exec COMMAND {} ; -exec COMMAND {} +',
  async run(ctx: Ctx) {
    // Leading -P (the default), -L (follow links) and -H (follow links named on the line).
    let lead = 0;
    let follow = 'never' as 'never' | 'always' | 'args';
    while (['-P', '-L', '-H'].includes(ctx.args[lead])) follow = ({ '-P': 'never', '-L': 'always', '-H': 'args' } as const)[ctx.args[lead++] as '-P'];
    const args = ctx.args.slice(lead);
    let i = 0;
    const paths: string[] = [];
    while (i < args.length && !args[i].startsWith('-') && args[i] !== '(' && args[i] !== '!') paths.push(args[i++]);
    if (paths.length === 0) paths.push('.');
    let maxDepth = Infinity;
    let minDepth = 0;
    let xdev = false;
    let hasAction = false;
    const execs: { argv: string[]; items: string[] }[] = [];

    const parseExpr = (): Expr | null => {
      const orExpr = (): Expr | null => {
        let left = andExpr();
        while (args[i] === '-o' || args[i] === '-or') {
          i++;
          if (!left) throw new FindError("invalid expression; you have used a binary operator '-o' with nothing before it.");
          const right = andExpr();
          if (!right) throw new FindError("expected an expression after '-o'");
          left = { op: 'or', a: left, b: right };
        }
        return left;
      };
      const andExpr = (): Expr | null => {
        let left = unary();
        for (;;) {
          if (args[i] === '-a' || args[i] === '-and') i++;
          else if (i >= args.length || args[i] === ')' || args[i] === '-o' || args[i] === '-or') break;
          const right = unary();
          if (!right) break;
          left = left ? { op: 'and', a: left, b: right } : right;
        }
        return left;
      };
      const unary = (): Expr | null => {
        const a = args[i];
        if (a === undefined || a === '-o' || a === '-or') return null;
        if (a === '-a' || a === '-and') throw new FindError(`invalid expression; you have used a binary operator '${a}' with nothing before it.`);
        if (a === '!' || a === '-not') {
          i++;
          const e = unary();
          if (!e) throw new FindError(`expected an expression after '${a}'`);
          return { op: 'not', a: e };
        }
        if (a === '(') {
          i++;
          const e = orExpr();
          if (args[i] !== ')') throw new FindError("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
          i++;
          return e;
        }
        return primary();
      };
      const need = (name: string): string => {
        const v = args[++i];
        if (v === undefined) throw new FindError(`missing argument to \`${name}'`);
        return v;
      };
      const primary = (): Expr | null => {
        const a = args[i];
        if (a === undefined) return null;
        let e: Expr;
        switch (a) {
          case '-name': case '-iname': {
            const pat = need(a);
            const ci = a === '-iname';
            e = { op: 'test', fn: (p) => matchPattern(ci ? pat.toLowerCase() : pat, (p.replace(/\/+$/, '').split('/').pop() || '/')[ci ? 'toLowerCase' : 'toString']()) };
            break;
          }
          case '-path': case '-wholename': {
            const pat = need(a);
            e = { op: 'test', fn: (p) => matchPattern(pat, p) };
            break;
          }
          case '-type': {
            const t = need(a);
            const map: Record<string, Stat['type']> = { f: 'file', d: 'dir', l: 'symlink', c: 'chardev', b: 'blockdev', p: 'fifo', s: 'socket' };
            // findutils 4.9 takes a comma-separated list (-type f,d).
            const types = t.split(',');
            if (types.some((x) => !map[x])) throw new FindError(`Unknown argument to -type: ${t}`);
            e = { op: 'test', fn: (_p, st) => types.some((x) => st.type === map[x]) };
            break;
          }
          case '-size': {
            const test = sizeTest(need(a));
            e = { op: 'test', fn: (_p, st) => test(st) };
            break;
          }
          case '-empty':
            e = { op: 'test', fn: (p, st) => (st.type === 'dir' ? ctx.fs.readdir(ctx.proc, p).length === 0 : st.type === 'file' && st.size === 0) };
            break;
          case '-user': {
            const u = need(a);
            e = { op: 'test', fn: (_p, st) => String(st.uid) === u || ctx.fs.readText(ctx.proc, '/etc/passwd').split('\n').some((l) => l.startsWith(`${u}:`) && l.split(':')[2] === String(st.uid)) };
            break;
          }
          case '-perm': {
            const m = need(a);
            const exact = /^[0-7]+$/.test(m);
            const bits = parseInt(m.replace(/^[-/]/, ''), 8);
            e = { op: 'test', fn: (_p, st) => (exact ? st.mode === bits : m.startsWith('-') ? (st.mode & bits) === bits : (st.mode & bits) !== 0) };
            break;
          }
          case '-newer': {
            const ref = ctx.fs.stat(ctx.proc, need(a)).mtimeMs;
            e = { op: 'test', fn: (_p, st) => st.mtimeMs > ref };
            break;
          }
          case '-xdev': case '-mount':
            xdev = true;
            i++;
            return primary() ?? { op: 'test', fn: () => true };
          case '-maxdepth': case '-mindepth': {
            const v = need(a);
            if (!/^\+?\d+$/.test(v)) throw new FindError(`Expected a positive decimal integer argument to ${a}, but got ‘${v}’`);
            if (a === '-maxdepth') maxDepth = Number(v);
            else minDepth = Number(v);
            i++;
            return primary() ?? { op: 'test', fn: () => true };
          }
          case '-true': e = { op: 'test', fn: () => true }; break;
          case '-false': e = { op: 'test', fn: () => false }; break;
          case '-print': case '-print0': case '-delete': case '-prune': case '-quit':
            if (a !== '-prune') hasAction = true;
            e = { op: 'action', kind: a.slice(1) as 'print' };
            break;
          case '-exec': case '-ok': {
            hasAction = true;
            const argv: string[] = [];
            i++;
            while (i < args.length && args[i] !== ';' && !(args[i] === '+' && args[i - 1] === '{}')) argv.push(args[i++]);
            if (i >= args.length) throw new FindError(`missing argument to \`${a}'`);
            const plus = args[i] === '+';
            e = { op: 'exec', argv, plus };
            if (plus) execs.push({ argv, items: [] });
            break;
          }
          default:
            if (a.startsWith('-')) throw new FindError(`unknown predicate \`${a}'`);
            throw new FindError(`paths must precede expression: \`${a}'`);
        }
        i++;
        return e;
      };
      const e = orExpr();
      if (i < args.length) throw new FindError(args[i] === ')' ? "invalid expression; you have too many ')'" : `paths must precede expression: \`${args[i]}'`);
      return e;
    };

    let expr: Expr | null;
    try {
      expr = parseExpr();
    } catch (e) {
      if (e instanceof FindError) {
        await ctx.err(`find: ${e.message}\n`);
        return 1;
      }
      if (isSysError(e)) {
        await ctx.err(`find: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
    let status = 0;
    let quit = false;
    // A failed `-exec … ;` is only false; a failed `-exec … +` makes find's own status 1.
    const runExec = async (argv: string[]): Promise<boolean> => {
      const path = findInPath(ctx, argv[0]);
      if (!path) {
        await ctx.err(`find: ‘${argv[0]}’: No such file or directory\n`);
        return false;
      }
      const child = ctx.spawn({ argv, path });
      const r = await ctx.wait(child);
      return r?.kind === 'exited' && r.status.code === 0;
    };
    const evaluate = async (e: Expr, path: string, st: Stat, depth: number, prune: { v: boolean }): Promise<boolean> => {
      switch (e.op) {
        case 'and': return (await evaluate(e.a, path, st, depth, prune)) && evaluate(e.b, path, st, depth, prune);
        case 'or': return (await evaluate(e.a, path, st, depth, prune)) || evaluate(e.b, path, st, depth, prune);
        case 'not': return !(await evaluate(e.a, path, st, depth, prune));
        case 'test': return e.fn(path, st, depth);
        case 'action':
          if (e.kind === 'print') await ctx.out(path + '\n');
          else if (e.kind === 'print0') await ctx.out(path + '\0');
          else if (e.kind === 'prune') prune.v = true;
          else if (e.kind === 'quit') quit = true;
          else if (e.kind === 'delete') {
            try {
              if (st.type === 'dir') ctx.fs.rmdir(ctx.proc, path);
              else ctx.fs.unlink(ctx.proc, path);
            } catch (err) {
              if (!isSysError(err)) throw err;
              status = 1;
              await ctx.err(`find: cannot delete ‘${path}’: ${err.message}\n`);
              return false;
            }
          }
          return true;
        case 'exec':
          if (e.plus) {
            execs.find((x) => x.argv === e.argv)!.items.push(path);
            return true;
          }
          return runExec(e.argv.map((x) => x.replaceAll('{}', path)));
      }
    };
    const deleteMode = args.includes('-delete');
    let startDev = -1;
    const visit = async (path: string, depth: number, above: Map<string, string> = new Map()): Promise<void> => {
      if (quit) return;
      await ctx.checkpoint();
      let st: Stat;
      try {
        st = ctx.fs.lstat(ctx.proc, path);
        if (st.type === 'symlink' && (follow === 'always' || (follow === 'args' && depth === 0))) {
          try {
            st = ctx.fs.stat(ctx.proc, path);
          } catch {
            // a dangling link stays a link
          }
        }
      } catch (e) {
        if (!isSysError(e)) throw e;
        status = 1;
        await ctx.err(`find: ‘${path}’: ${e.message}\n`);
        return;
      }
      // With -L a link can lead back to a directory being walked; GNU reports it and goes no further.
      const key = `${st.dev}:${st.ino}`;
      const loop = st.type === 'dir' ? above.get(key) : undefined;
      if (loop !== undefined) {
        status = 1;
        await ctx.err(`find: File system loop detected; ‘${path}’ is part of the same file system loop as ‘${loop}’.\n`);
        return;
      }
      const prune = { v: false };
      const check = async () => {
        if (depth >= minDepth) {
          const matched = expr ? await evaluate(expr, path, st, depth, prune) : true;
          if (matched && !hasAction) await ctx.out(path + '\n');
        }
      };
      if (!deleteMode) await check();
      if (depth === 0) startDev = st.dev;
      // -xdev: list a mount point, but do not descend into another filesystem.
      if (st.type === 'dir' && depth < maxDepth && !prune.v && !(xdev && st.dev !== startDev)) {
        let names: string[] = [];
        try {
          names = ctx.fs.readdir(ctx.proc, path);
        } catch (e) {
          if (!isSysError(e)) throw e;
          status = 1;
          await ctx.err(`find: ‘${path}’: ${e.message}\n`);
        }
        const inner = new Map(above).set(key, path);
        for (const n of names) await visit(path.endsWith('/') ? path + n : `${path}/${n}`, depth + 1, inner);
      }
      if (deleteMode) await check();
    };
    for (const p of paths) await visit(p, 0);
    for (const x of execs) {
      if (x.items.length === 0) continue;
      const at = x.argv.indexOf('{}');
      if (!(await runExec([...x.argv.slice(0, at), ...x.items, ...x.argv.slice(at + 1)]))) status = 1;
    }
    return status;
  },
};
