import type { Ctx, ProgramSpec } from '../context';
import { isSysError } from '../../kernel/errors';

/**
 * The little each language understands: print / console.log of string and number literals,
 * arithmetic on numbers, and names bound with `=` (`let`/`const` in JavaScript).
 * @sim partial: not a Python or JavaScript interpreter; anything else is a SyntaxError or a
 * NameError / ReferenceError.
 */
interface Lang {
  print: RegExp;
  bind: RegExp;
  undefinedName: (n: string) => string;
  syntax: (line: string) => string;
  show: (v: string | number) => string;
}

const PY: Lang = {
  print: /^print\((.*)\)$/,
  bind: /^([A-Za-z_]\w*)\s*=\s*(.+)$/,
  undefinedName: (n) => `Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nNameError: name '${n}' is not defined\n`,
  syntax: (l) => `  File "<stdin>", line 1\n    ${l}\n    ^\nSyntaxError: invalid syntax\n`,
  show: (v) => (typeof v === 'string' ? `'${v}'` : String(v)),
};
const JS: Lang = {
  print: /^console\.log\((.*)\);?$/,
  bind: /^(?:let|const|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(.+?);?$/,
  undefinedName: (n) => `Uncaught ReferenceError: ${n} is not defined\n`,
  syntax: () => 'Uncaught SyntaxError: Unexpected identifier\n',
  show: (v) => (typeof v === 'string' ? `'${v}'` : String(v)),
};

class EvalError extends Error {}

/** Evaluates a literal, a name or arithmetic over them. */
function evaluate(expr: string, vars: Map<string, string | number>, lang: Lang): string | number {
  const e = expr.trim().replace(/;$/, '');
  const str = /^(['"])(.*)\1$/.exec(e);
  if (str) return str[2];
  if (/^[\d\s+\-*/().%]+$/.test(e) && /\d/.test(e)) {
    const tokens = e.match(/\d+(?:\.\d+)?|[+\-*/()%]/g) ?? [];
    let i = 0;
    const atom = (): number => {
      const t = tokens[i++];
      if (t === '(') {
        const v = sum();
        i++;
        return v;
      }
      if (t === '-') return -atom();
      return Number(t);
    };
    const product = (): number => {
      let v = atom();
      while (tokens[i] === '*' || tokens[i] === '/' || tokens[i] === '%') {
        const op = tokens[i++];
        const r = atom();
        v = op === '*' ? v * r : op === '/' ? v / r : v % r;
      }
      return v;
    };
    const sum = (): number => {
      let v = product();
      while (tokens[i] === '+' || tokens[i] === '-') v = tokens[i++] === '+' ? v + product() : v - product();
      return v;
    };
    return sum();
  }
  if (/^[A-Za-z_$][\w$]*$/.test(e)) {
    if (vars.has(e)) return vars.get(e)!;
    throw new EvalError(lang.undefinedName(e));
  }
  throw new EvalError(lang.syntax(e));
}

/** Runs one line; returns what it prints (REPL echoes expression values). */
function line(src: string, vars: Map<string, string | number>, lang: Lang, repl: boolean): string {
  const l = src.trim();
  if (!l || l.startsWith('#') || l.startsWith('//')) return '';
  const p = lang.print.exec(l);
  if (p) {
    const v = p[1].trim() === '' ? '' : evaluate(p[1], vars, lang);
    return `${v}\n`;
  }
  const b = lang.bind.exec(l);
  if (b && !l.includes('==')) {
    vars.set(b[1], evaluate(b[2], vars, lang));
    return repl && lang === JS ? 'undefined\n' : '';
  }
  const v = evaluate(l, vars, lang);
  return repl ? `${lang.show(v)}\n` : '';
}

async function runLang(ctx: Ctx, lang: Lang, opts: { version: string; banner: string; prompt: string; exit: RegExp; flag: string; name: string }): Promise<number> {
  const args = ctx.args;
  if (args[0] === '--version' || args[0] === '-V' || args[0] === '-v') {
    await ctx.out(`${opts.version}\n`);
    return 0;
  }
  const vars = new Map<string, string | number>();
  const runSource = async (src: string, where: string): Promise<number> => {
    for (const l of src.split(/\n|;(?=\s*\w)/)) {
      try {
        await ctx.out(line(l, vars, lang, false));
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        await ctx.err(e.message.replace('"<stdin>"', where));
        return 1;
      }
    }
    return 0;
  };
  if (args[0] === opts.flag) {
    if (args[1] === undefined) {
      await ctx.err(lang === PY ? 'Argument expected for the -c option\nusage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `python -h\' for more information.\n' : `${opts.name}: ${opts.flag} requires an argument\n`);
      return lang === PY ? 2 : 9;
    }
    return runSource(args[1], '"<string>"');
  }
  if (args[0] && !args[0].startsWith('-')) {
    let src: string;
    try {
      src = ctx.fs.readText(ctx.proc, args[0]);
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.err(lang === PY ? `${ctx.argv[0].split('/').pop()}: can't open file '${ctx.resolve(args[0])}': [Errno 2] No such file or directory\n` : `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${ctx.resolve(args[0])}'\n`);
      return lang === PY ? 2 : 1;
    }
    return runSource(src, `"${args[0]}"`);
  }
  if (!ctx.isatty(0)) return runSource(await ctx.readText(0), '"<stdin>"');
  await ctx.out(opts.banner + opts.prompt);
  for await (const l of ctx.lines(0)) {
    if (opts.exit.test(l.trim())) return 0;
    try {
      await ctx.out(line(l, vars, lang, true));
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      await ctx.err(e.message);
    }
    await ctx.out(opts.prompt);
  }
  await ctx.out('\n');
  return 0;
}

/** python3 3.12: `--version`, `-c`, scripts and a REPL over a tiny subset (see Lang). */
export const python3: ProgramSpec = {
  name: 'python3',
  summary: 'an interpreted, interactive, object-oriented programming language',
  usage: 'python3 [option] ... [-c cmd | file] [arg] ...',
  onHost: false,
  run: (ctx) => runLang(ctx, PY, { version: 'Python 3.12.8', banner: 'Python 3.12.8 (main, Dec  4 2024, 00:00:00) [GCC 12.2.0] on linux\nType "help", "copyright", "credits" or "license" for more information.\n', prompt: '>>> ', exit: /^(exit|quit)\(\)$/, flag: '-c', name: 'python3' }),
};

/** node 22: `--version`, `-e`, scripts and a REPL over a tiny subset (see Lang). */
export const node: ProgramSpec = {
  name: 'node',
  summary: 'server-side JavaScript runtime',
  usage: 'node [options] [ -e script | script.js ] [arguments]',
  onHost: false,
  run: (ctx) => runLang(ctx, JS, { version: 'v22.12.0', banner: 'Welcome to Node.js v22.12.0.\nType ".help" for more information.\n', prompt: '> ', exit: /^\.exit$/, flag: '-e', name: 'node' }),
};

/** npm and pip: versions; installing needs a package registry the simulated network lacks. */
function packageTool(name: string, version: string, failure: string): ProgramSpec {
  return {
    name,
    summary: `${name} package installer`,
    usage: `${name} <command>`,
    onHost: false,
    async run(ctx: Ctx) {
      if (ctx.args[0] === '--version' || ctx.args[0] === '-v' || ctx.args[0] === '-V') {
        await ctx.out(`${version}\n`);
        return 0;
      }
      if (!ctx.args.length) {
        await ctx.out(`Usage: ${name} <command>\n`);
        return 1;
      }
      await ctx.err(failure.replace('$ARGS', ctx.args.slice(1).join(' ')));
      return 1;
    },
  };
}
/** @sim partial: no package registry is reachable from the simulated host. */
export const npm = packageTool('npm', '10.9.0', 'npm error code EAI_AGAIN\nnpm error syscall getaddrinfo\nnpm error errno EAI_AGAIN\nnpm error request to https://registry.npmjs.org/$ARGS failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org\n');
/** @sim partial: no package index is reachable from the simulated host. */
export const pip = packageTool('pip', 'pip 24.3.1 from /usr/local/lib/python3.12/site-packages/pip (python 3.12)', "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/$ARGS/\nERROR: Could not find a version that satisfies the requirement $ARGS (from versions: none)\nERROR: No matching distribution found for $ARGS\n");

/** A database client: its version, and the connection error its server's absence gives. */
function dbClient(name: string, version: string, port: number, refused: string, connected: string): ProgramSpec {
  return {
    name,
    summary: `${name} client`,
    usage: `${name} [OPTION]...`,
    onHost: false,
    async run(ctx: Ctx) {
      if (ctx.args.includes('--version') || ctx.args.includes('-V')) {
        await ctx.out(`${version}\n`);
        return 0;
      }
      try {
        ctx.kernel.tcp.connect(ctx.proc.ns.net, port, ctx.proc);
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.err(refused);
        return name === 'redis-cli' ? 1 : 2;
      }
      if (name === 'redis-cli' && (ctx.args.at(-1) ?? '').toLowerCase() === 'ping') {
        await ctx.out('PONG\n');
        return 0;
      }
      await ctx.err(connected);
      return 1;
    },
  };
}
/** @sim partial: the server answers PING only; other commands need a data model not built yet. */
export const redisCli = dbClient('redis-cli', 'redis-cli 7.4.1', 6379, 'Could not connect to Redis at 127.0.0.1:6379: Connection refused\n', 'redis-cli: only PING is answered by the simulated server\n');
/** @sim partial: connects, but the simulated server runs no SQL. */
export const psql = dbClient('psql', 'psql (PostgreSQL) 17.2 (Debian 17.2-1.pgdg120+1)', 5432, 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n', 'psql: the simulated server accepts connections but runs no SQL\n');
/** @sim partial: connects, but the simulated server runs no SQL. */
export const mysql = dbClient('mysql', 'mysql  Ver 9.1.0 for Linux on x86_64 (MySQL Community Server - GPL)', 3306, "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n", 'mysql: the simulated server accepts connections but runs no SQL\n');
