import type { Ctx, ProgramSpec } from './context';
import { R_OK, W_OK, X_OK } from '../vfs/vfs';
import type { Stat } from '../vfs/backend';

/**
 * What test(1) needs from the system: file status and permission checks for one caller. A `Ctx`
 * adapts to it with `testEnvOf`; the shell's builtin passes its own.
 */
export interface TestEnv {
  /** stat(2); throws when the file is missing or unreachable. */
  stat(path: string): Pick<Stat, 'type' | 'size' | 'mtimeMs' | 'mode' | 'uid' | 'gid'>;
  /** lstat(2); throws likewise. */
  lstat(path: string): Pick<Stat, 'type'>;
  /** access(2) with R_OK/W_OK/X_OK bits. */
  access(path: string, mode: number): boolean;
  /** Whether descriptor `fd` is a terminal (for -t). */
  isatty?(fd: number): boolean;
  /** The caller's effective uid and gid (for -O and -G). */
  euid?: number;
  egid?: number;
}

/** A malformed expression: exit status 2. `message` is coreutils' text, `bashMessage` bash's. */
export class TestSyntaxError extends Error {
  constructor(message: string, readonly bashMessage: string) {
    super(message);
    this.name = 'TestSyntaxError';
  }
}

const q = (s: string) => `‘${s}’`;
const UNARY = new Set(['-e', '-f', '-d', '-L', '-h', '-r', '-w', '-x', '-s', '-z', '-n', '-b', '-c', '-p', '-S', '-t', '-g', '-u', '-k', '-O', '-G', '-N']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/**
 * Evaluates a test(1) expression (POSIX rules by argument count, then GNU's grammar with `!`,
 * `-a`, `-o` and parentheses). Returns 0 (true) or 1 (false); throws TestSyntaxError (status 2).
 * Shared by /usr/bin/test, /usr/bin/[ and the shell's builtin.
 */
export function evaluateTest(args: string[], env: TestEnv): number {
  return new Parser(args, env).run() ? 0 : 1;
}

/**
 * Runs a test expression and reports like a program: the status and, for status 2, the message
 * (coreutils' wording, or bash's builtin wording with `style: 'bash'`), without the program name.
 */
export function testStatus(args: string[], env: TestEnv, style: 'coreutils' | 'bash' = 'coreutils'): { status: number; message?: string } {
  try {
    return { status: evaluateTest(args, env) };
  } catch (e) {
    if (e instanceof TestSyntaxError) return { status: 2, message: style === 'bash' ? e.bashMessage : e.message };
    throw e;
  }
}

/** A Ctx as a TestEnv: the process's own view of files and descriptors. */
export function testEnvOf(ctx: Ctx): TestEnv {
  return {
    stat: (p) => ctx.fs.stat(ctx.proc, p),
    lstat: (p) => ctx.fs.lstat(ctx.proc, p),
    access: (p, m) => ctx.fs.access(ctx.proc, p, m),
    isatty: (fd) => ctx.isatty(fd),
    euid: ctx.proc.cred.uid,
    egid: ctx.proc.cred.gid,
  };
}

class Parser {
  private pos = 0;
  private argc: number;
  constructor(private readonly argv: string[], private readonly env: TestEnv) {
    this.argc = argv.length;
  }

  run(): boolean {
    if (this.argc === 0) return false;
    const v = this.posixtest(this.argc);
    if (this.pos !== this.argc) {
      const a = this.argv[this.pos];
      throw new TestSyntaxError(`extra argument ${q(a)}`, 'too many arguments');
    }
    return v;
  }

  /** POSIX's rules for 1 to 4 arguments; the full grammar beyond. */
  private posixtest(nargs: number): boolean {
    const a = this.argv;
    const p = this.pos;
    switch (nargs) {
      case 1:
        this.pos++;
        return a[p] !== '';
      case 2:
        if (a[p] === '!') {
          this.pos++;
          return !this.posixtest(1);
        }
        if (a[p].length === 2 && a[p][0] === '-' && UNARY.has(a[p])) return this.unary();
        throw new TestSyntaxError(`${q(a[p])}: unary operator expected`, `${a[p]}: unary operator expected`);
      case 3:
        if (BINARY.has(a[p + 1]) || a[p + 1] === '-a' || a[p + 1] === '-o') return this.expr();
        if (a[p] === '!') {
          this.pos++;
          return !this.posixtest(2);
        }
        if (a[p] === '(' && a[p + 2] === ')') {
          this.pos++;
          const v = this.posixtest(1);
          this.pos++;
          return v;
        }
        throw new TestSyntaxError(`${q(a[p + 1])}: binary operator expected`, `${a[p + 1]}: binary operator expected`);
      case 4:
        if (a[p] === '!') {
          this.pos++;
          return !this.posixtest(3);
        }
        if (a[p] === '(' && a[p + 3] === ')') {
          this.pos++;
          const v = this.posixtest(2);
          this.pos++;
          return v;
        }
        return this.expr();
      default:
        return this.expr();
    }
  }

  private beyond(): never {
    const last = this.argv[this.argc - 1];
    throw new TestSyntaxError(`missing argument after ${q(last)}`, 'argument expected');
  }

  /** expr: and ( -o and )* */
  private expr(): boolean {
    if (this.pos >= this.argc) this.beyond();
    let v = this.and();
    while (this.pos < this.argc && this.argv[this.pos] === '-o') {
      this.pos++;
      if (this.pos >= this.argc) this.beyond();
      v = this.and() || v;
    }
    return v;
  }

  /** and: term ( -a term )* */
  private and(): boolean {
    let v = this.term();
    while (this.pos < this.argc && this.argv[this.pos] === '-a') {
      this.pos++;
      if (this.pos >= this.argc) this.beyond();
      v = this.term() && v;
    }
    return v;
  }

  /** term: ! term | ( expr ) | unary | binary | string */
  private term(): boolean {
    const a = this.argv;
    if (this.pos >= this.argc) this.beyond();
    let negate = false;
    while (this.pos < this.argc && a[this.pos] === '!') {
      this.pos++;
      negate = !negate;
    }
    if (this.pos >= this.argc) this.beyond();
    let v: boolean;
    if (a[this.pos] === '(') {
      this.pos++;
      if (this.pos >= this.argc) this.beyond();
      // GNU looks ahead for the matching ')' to evaluate what lies between by POSIX's rules.
      let n = 1;
      for (; this.pos + n < this.argc && a[this.pos + n] !== ')'; n++) {
        if (n === 4) {
          n = this.argc - this.pos;
          break;
        }
      }
      v = this.posixtest(n);
      if (this.pos >= this.argc) throw new TestSyntaxError(`${q(')')} expected`, "`)' expected");
      if (a[this.pos] !== ')') throw new TestSyntaxError(`${q(')')} expected, found ${q(a[this.pos])}`, `\`)' expected, found ${a[this.pos]}`);
      this.pos++;
    } else if (this.argc - this.pos >= 3 && BINARY.has(a[this.pos + 1])) {
      v = this.binary();
    } else if (a[this.pos].length === 2 && a[this.pos][0] === '-' && UNARY.has(a[this.pos]) && this.argc - this.pos >= 2) {
      v = this.unary();
    } else {
      v = a[this.pos] !== '';
      this.pos++;
    }
    return negate ? !v : v;
  }

  private int(s: string): bigint {
    const t = s.replace(/^[ \t]+|[ \t]+$/g, '');
    if (!/^[-+]?\d+$/.test(t)) throw new TestSyntaxError(`invalid integer ${q(s)}`, `${s}: integer expression expected`);
    return BigInt(t);
  }

  private binary(): boolean {
    const [l, op, r] = this.argv.slice(this.pos, this.pos + 3);
    this.pos += 3;
    switch (op) {
      case '=': case '==': return l === r;
      case '!=': return l !== r;
      case '<': return l < r;
      case '>': return l > r;
      case '-eq': return this.int(l) === this.int(r);
      case '-ne': return this.int(l) !== this.int(r);
      case '-lt': return this.int(l) < this.int(r);
      case '-le': return this.int(l) <= this.int(r);
      case '-gt': return this.int(l) > this.int(r);
      case '-ge': return this.int(l) >= this.int(r);
      case '-nt': case '-ot': {
        const ml = this.mtime(l);
        const mr = this.mtime(r);
        // A missing file is older than any existing one.
        if (op === '-nt') return ml !== undefined && (mr === undefined || ml > mr);
        return mr !== undefined && (ml === undefined || ml < mr);
      }
      case '-ef': {
        try {
          const a = this.env.stat(l) as Stat;
          const b = this.env.stat(r) as Stat;
          return a.ino !== undefined && a.ino === b.ino && a.dev === b.dev;
        } catch {
          return false;
        }
      }
    }
    return false;
  }

  private mtime(p: string): number | undefined {
    try {
      return this.env.stat(p).mtimeMs;
    } catch {
      return undefined;
    }
  }

  private unary(): boolean {
    const op = this.argv[this.pos];
    const arg = this.argv[this.pos + 1];
    if (arg === undefined) this.beyond();
    this.pos += 2;
    const e = this.env;
    const st = () => e.stat(arg);
    try {
      switch (op) {
        case '-z': return arg === '';
        case '-n': return arg !== '';
        case '-t': return e.isatty?.(Number(this.int(arg))) ?? false;
        case '-e': st(); return true;
        case '-f': return st().type === 'file';
        case '-d': return st().type === 'dir';
        case '-b': return st().type === 'blockdev';
        case '-c': return st().type === 'chardev';
        case '-p': return st().type === 'fifo';
        case '-S': return st().type === 'socket';
        case '-L': case '-h': return e.lstat(arg).type === 'symlink';
        case '-s': return st().size > 0;
        case '-r': return e.access(arg, R_OK);
        case '-w': return e.access(arg, W_OK);
        case '-x': return e.access(arg, X_OK);
        case '-u': return (st().mode & 0o4000) !== 0;
        case '-g': return (st().mode & 0o2000) !== 0;
        case '-k': return (st().mode & 0o1000) !== 0;
        case '-O': return st().uid === e.euid;
        case '-G': return st().gid === e.egid;
        case '-N': return false;
      }
    } catch (err) {
      if (err instanceof TestSyntaxError) throw err;
      return false;
    }
    return false;
  }
}

/** test EXPRESSION and [ EXPRESSION ] (coreutils 9): status 0 true, 1 false, 2 error. */
export const test: ProgramSpec = {
  name: 'test',
  aliases: ['['],
  summary: 'check file types and compare values',
  usage: 'test EXPRESSION',
  description: "Exit with the status determined by EXPRESSION.\n\n  ( EXPRESSION )               EXPRESSION is true\n  ! EXPRESSION                 EXPRESSION is false\n  EXPRESSION1 -a EXPRESSION2   both EXPRESSION1 and EXPRESSION2 are true\n  EXPRESSION1 -o EXPRESSION2   either EXPRESSION1 or EXPRESSION2 is true\n  -n STRING                    the length of STRING is nonzero\n  -z STRING                    the length of STRING is zero\n  STRING1 = STRING2            the strings are equal\n  STRING1 != STRING2           the strings are not equal\n  INTEGER1 -eq INTEGER2        INTEGER1 is equal to INTEGER2 (also -ne -lt -le -gt -ge)\n  FILE1 -nt FILE2              FILE1 is newer (modification date) than FILE2\n  FILE1 -ot FILE2              FILE1 is older than FILE2\n  -d FILE                      FILE exists and is a directory\n  -e FILE                      FILE exists\n  -f FILE                      FILE exists and is a regular file\n  -L FILE                      FILE exists and is a symbolic link (same as -h)\n  -r FILE                      FILE exists and the user has read access\n  -s FILE                      FILE exists and has a size greater than zero\n  -w FILE                      FILE exists and the user has write access\n  -x FILE                      FILE exists and the user has execute (or search) access",
  usageStatus: 2,
  async run(ctx: Ctx) {
    const invoked = (ctx.argv[0] ?? '').split('/').pop();
    const bracket = invoked === '[';
    const name = bracket ? '[' : 'test';
    let args = ctx.args;
    if (bracket) {
      // GNU's [ takes --help and --version only as its sole argument.
      if (args.length === 1 && args[0] === '--help') {
        await ctx.out(`Usage: test EXPRESSION\n  or:  test\n  or:  [ EXPRESSION ]\n  or:  [ ]\n  or:  [ OPTION\n${test.summary}\n\n${test.description}\n`);
        return 0;
      }
      if (args.at(-1) !== ']') {
        await ctx.err(`[: missing ${q(']')}\n`);
        return 2;
      }
      args = args.slice(0, -1);
    }
    const r = testStatus(args, testEnvOf(ctx));
    if (r.message) await ctx.err(`${name}: ${r.message}\n`);
    return r.status;
  },
};
