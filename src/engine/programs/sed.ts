import type { Ctx, ProgramSpec } from './context';
import { isSysError } from '../kernel/errors';
import { compilePosix } from './lib/regex';

type Addr = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp | null } | { kind: 'step'; first: number; step: number } | { kind: 'zero' };
type Addr2 = Addr | { kind: 'rel'; n: number } | { kind: 'mult'; n: number };

interface Cmd {
  a1?: Addr;
  a2?: Addr2;
  neg: boolean;
  name: string;
  text?: string;
  label?: string;
  re?: RegExp | null;
  repl?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  from?: string;
  to?: string;
  code?: number;
  block?: number;
  /** Range state: inside a range since this line. */
  active?: boolean;
  endLine?: number;
}

/** A script error, worded as GNU sed words it. */
class SedError extends Error {}

/** Parses a sed script into commands; `{`/`}` become jump markers. */
function parseScript(script: string, extended: boolean, exprNo: number): Cmd[] {
  const cmds: Cmd[] = [];
  const stack: number[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new SedError(`-e expression #${exprNo}, char ${i}: ${msg}`);
  };
  const skipWs = () => {
    while (i < script.length && /[ \t]/.test(script[i])) i++;
  };
  const readDelimited = (delim: string, what: string): string => {
    let out = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && i + 1 < script.length) {
        if (script[i + 1] === delim) out += delim === '/' ? '\\/' : delim;
        else if (script[i + 1] === 'n') out += '\\n';
        else out += script[i] + script[i + 1];
        i += 2;
        continue;
      }
      if (script[i] === '\n' && what !== 'y') fail(`unterminated ${what}`);
      out += script[i++];
    }
    if (i >= script.length) fail(`unterminated ${what}`);
    i++;
    return out;
  };
  const regex = (src: string, flags: string): RegExp | null => {
    if (src === '') return null;
    try {
      return compilePosix(src.replace(/\\\//g, '/'), { extended, ignoreCase: flags.includes('I') || flags.includes('i'), global: true });
    } catch (e) {
      return fail((e as Error).message);
    }
  };
  const address = (): Addr | undefined => {
    const c = script[i];
    if (c === undefined) return undefined;
    if (/\d/.test(c)) {
      const m = /^(\d+)(?:~(\d+))?/.exec(script.slice(i))!;
      i += m[0].length;
      if (m[2] !== undefined) return { kind: 'step', first: Number(m[1]), step: Number(m[2]) };
      return Number(m[1]) === 0 ? { kind: 'zero' } : { kind: 'line', n: Number(m[1]) };
    }
    if (c === '$') {
      i++;
      return { kind: 'last' };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        delim = script[i + 1];
        i++;
      }
      i++;
      const src = readDelimited(delim, 'address regex');
      let flags = '';
      while (script[i] === 'I' || script[i] === 'M') flags += script[i++];
      return { kind: 're', re: regex(src, flags) };
    }
    return undefined;
  };
  const readLabel = (): string => {
    skipWs();
    let l = '';
    while (i < script.length && script[i] !== '\n' && script[i] !== ';') l += script[i++];
    return l.trim();
  };
  const readText = (): string => {
    // GNU: `a text`, or `a\` followed by lines ending in backslash.
    skipWs();
    if (script[i] === '\\') {
      i++;
      if (script[i] === '\n') i++;
    }
    let out = '';
    while (i < script.length) {
      if (script[i] === '\\' && script[i + 1] === '\n') {
        out += '\n';
        i += 2;
        continue;
      }
      if (script[i] === '\\' && i + 1 < script.length) {
        out += script[i + 1];
        i += 2;
        continue;
      }
      if (script[i] === '\n') break;
      out += script[i++];
    }
    return out;
  };
  while (i < script.length) {
    skipWs();
    while (script[i] === ';' || script[i] === '\n' || script[i] === ' ') i++;
    if (i >= script.length) break;
    if (script[i] === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    const cmd: Cmd = { neg: false, name: '' };
    cmd.a1 = address();
    if (cmd.a1 && script[i] === ',') {
      i++;
      const c = script[i];
      if (c === '+' || c === '~') {
        const m = /^[+~](\d+)/.exec(script.slice(i));
        if (!m) fail('expected newer version of sed');
        i += m![0].length;
        cmd.a2 = c === '+' ? { kind: 'rel', n: Number(m![1]) } : { kind: 'mult', n: Number(m![1]) };
      } else {
        const a2 = address();
        if (!a2) fail('unexpected `,\'');
        cmd.a2 = a2;
      }
    }
    skipWs();
    while (script[i] === '!') {
      cmd.neg = true;
      i++;
      skipWs();
    }
    const name = script[i++];
    if (name === undefined) fail('missing command');
    cmd.name = name;
    switch (name) {
      case '{':
        stack.push(cmds.length);
        cmds.push(cmd);
        continue;
      case '}':
        if (cmd.a1) fail('} doesn\'t want any addresses');
        if (!stack.length) fail('unexpected `}\'');
        cmds[stack.pop()!].block = cmds.length + 1;
        cmds.push(cmd);
        break;
      case 'a': case 'i': case 'c':
        cmd.text = readText();
        break;
      case ':':
        if (cmd.a1) fail(': doesn\'t want any addresses');
        cmd.label = readLabel();
        if (!cmd.label) fail('":" lacks a label');
        break;
      case 'b': case 't': case 'T':
        cmd.label = readLabel();
        break;
      case 'q': case 'Q': case 'l': case 'L': {
        skipWs();
        const m = /^\d+/.exec(script.slice(i));
        if (m) {
          cmd.code = Number(m[0]);
          i += m[0].length;
        }
        break;
      }
      case 'r': case 'R': case 'w': case 'W':
        cmd.text = readLabel();
        break;
      case 's': {
        const delim = script[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') fail('unterminated `s\' command');
        const src = readDelimited(delim, '`s\' command');
        const repl = readDelimited(delim, '`s\' command');
        cmd.re = regex(src, /[iI]/.test(script.slice(i).split(/[;\n}]/)[0]) ? 'I' : '');
        cmd.repl = repl;
        while (i < script.length && !/[;\n}]/.test(script[i])) {
          const f = script[i];
          if (f === 'g') cmd.global = true;
          else if (f === 'p') cmd.print = true;
          else if (f === 'i' || f === 'I' || f === 'm' || f === 'M' || f === 'e') {
            // handled above (case) or ignored
          } else if (/\d/.test(f)) {
            const m = /^\d+/.exec(script.slice(i))!;
            cmd.nth = Number(m[0]);
            i += m[0].length - 1;
          } else if (f === 'w') {
            i++;
            cmd.text = readLabel();
            break;
          } else if (f === ' ' || f === '\t') {
            // blanks before the next command
          } else fail("unknown option to `s'");
          i++;
        }
        break;
      }
      case 'y': {
        const delim = script[i++];
        const from = readDelimited(delim, '`y\' command').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
        const to = readDelimited(delim, '`y\' command').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
        if ([...from].length !== [...to].length) fail("strings for `y' command are different lengths");
        cmd.from = from;
        cmd.to = to;
        break;
      }
      case '=': case 'd': case 'D': case 'g': case 'G': case 'h': case 'H': case 'n': case 'N': case 'p': case 'P': case 'x': case 'z': case 'F':
        break;
      default:
        fail(`unknown command: \`${name}'`);
    }
    if (name !== '}') cmds.push(cmd);
    skipWs();
    if (i < script.length && !/[;\n}#]/.test(script[i])) fail(`extra characters after command`);
  }
  if (stack.length) {
    i = script.length;
    throw new SedError(`-e expression #${exprNo}, char 0: unmatched \`{'`);
  }
  return cmds;
}

/** Expands a replacement: & and \1-\9, \n, and GNU's \U \L \E \u \l case conversions. */
function replacement(repl: string, m: RegExpExecArray): string {
  let out = '';
  let mode: 'U' | 'L' | null = null;
  let once: 'u' | 'l' | null = null;
  const add = (s: string) => {
    for (const ch of s) {
      let c = mode === 'U' ? ch.toUpperCase() : mode === 'L' ? ch.toLowerCase() : ch;
      if (once) {
        c = once === 'u' ? c.toUpperCase() : c.toLowerCase();
        once = null;
      }
      out += c;
    }
  };
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c === '\\' && i + 1 < repl.length) {
      const n = repl[++i];
      if (/\d/.test(n)) add(m[Number(n)] ?? '');
      else if (n === 'n') add('\n');
      else if (n === 't') add('\t');
      else if (n === 'U' || n === 'L') mode = n;
      else if (n === 'E') mode = null;
      else if (n === 'u' || n === 'l') once = n;
      else add(n);
    } else if (c === '&') add(m[0]);
    else add(c);
  }
  return out;
}

/** sed [-nErsi] [-e SCRIPT]... [-f FILE] [SCRIPT] [FILE]... */
export const sed: ProgramSpec = {
  name: 'sed',
  summary: 'stream editor for filtering and transforming text',
  usage: 'sed [OPTION]... {script-only-if-no-other-script} [input-file]...',
  description: '  -n, --quiet, --silent   suppress automatic printing of pattern space\n  -e script               add the script to the commands to be executed\n  -f script-file          add the contents of script-file to the commands\n  -i[SUFFIX], --in-place  edit files in place\n  -E, -r, --regexp-extended  use extended regular expressions\n  -s, --separate          consider files as separate rather than as a single continuous long stream',
  async run(ctx: Ctx) {
    const args = ctx.args;
    let quiet = false;
    let extended = false;
    let inPlace = false;
    let separate = false;
    const scripts: string[] = [];
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        files.push(...args.slice(i + 1));
        break;
      }
      if (a === '-e' || a === '--expression') scripts.push(args[++i] ?? '');
      else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
      else if (a === '-f' || a === '--file') {
        try {
          scripts.push(ctx.fs.readText(ctx.proc, args[++i] ?? '').replace(/\n$/, ''));
        } catch (e) {
          await ctx.err(`sed: couldn't open file ${args[i]}: ${isSysError(e) ? e.message : ''}\n`);
          return 1;
        }
      } else if (a === '--help') {
        await ctx.out(`Usage: sed ${this_usage}\n`);
        return 0;
      } else if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
      else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
      else if (a === '-s' || a === '--separate') separate = true;
      else if (a === '-i' || a.startsWith('-i') || a === '--in-place') {
        inPlace = true;
        separate = true;
      } else if (/^-[nErs]+$/.test(a)) {
        for (const f of a.slice(1)) {
          if (f === 'n') quiet = true;
          else if (f === 'E' || f === 'r') extended = true;
          else if (f === 's') separate = true;
        }
      } else if (a.startsWith('-') && a.length > 1) {
        await ctx.err(`sed: invalid option -- '${a[1]}'\nUsage: sed ${this_usage}\n`);
        return 1;
      } else files.push(a);
    }
    if (scripts.length === 0) {
      if (files.length === 0) {
        await ctx.err(`Usage: sed ${this_usage}\n`);
        return 1;
      }
      scripts.push(files.shift()!);
    }
    let cmds: Cmd[];
    try {
      cmds = scripts.flatMap((s, n) => parseScript(s, extended, n + 1));
      // Re-resolve block ends after flattening several -e scripts.
      const again = parseScript(scripts.join('\n'), extended, 1);
      cmds = again;
    } catch (e) {
      if (e instanceof SedError) {
        await ctx.err(`sed: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
    const labels = new Map<string, number>();
    cmds.forEach((c, idx) => c.name === ':' && labels.set(c.label!, idx));
    for (const c of cmds) {
      if ((c.name === 'b' || c.name === 't' || c.name === 'T') && c.label && !labels.has(c.label)) {
        await ctx.err(`sed: -e expression #1, char 0: can't find label for jump to \`${c.label}'\n`);
        return 1;
      }
    }

    let status = 0;
    let exitCode: number | null = null;
    let lastRe: RegExp | null = null;
    const inputs = files.length ? files : ['-'];
    const groups = separate ? inputs.map((f) => [f]) : [inputs];

    for (const group of groups) {
      if (exitCode !== null) break;
      // A line source with one line of lookahead, so `$` is known.
      const texts: { name: string; text: string | null }[] = [];
      for (const f of group) {
        if (f === '-') texts.push({ name: f, text: null });
        else {
          try {
            texts.push({ name: f, text: ctx.fs.readText(ctx.proc, f) });
          } catch (e) {
            if (!isSysError(e)) throw e;
            await ctx.err(`sed: can't read ${f}: ${e.message}\n`);
            status = 2;
          }
        }
      }
      if (texts.length === 0) continue;
      async function* lines(): AsyncGenerator<{ line: string; nl: boolean }> {
        for (const t of texts) {
          if (t.text === null) {
            for await (const l of ctx.lines(0)) yield { line: l.replace(/\n$/, ''), nl: l.endsWith('\n') };
          } else {
            const parts = t.text.split('\n');
            const endsNl = t.text.endsWith('\n');
            if (endsNl) parts.pop();
            for (let k = 0; k < parts.length; k++) yield { line: parts[k], nl: k < parts.length - 1 || endsNl };
            if (t.text === '') continue;
          }
        }
      }
      const it = lines();
      let next = await it.next();
      let out = '';
      const flush = async () => {
        if (!out) return;
        if (inPlace) inPlaceText += out;
        else await ctx.out(out);
        out = '';
      };
      let inPlaceText = '';
      let lineNo = 0;
      let hold = '';
      let appendQueue: string[] = [];
      let quitAfter = false;
      const emit = (s: string, nl = true) => {
        out += s + (nl ? '\n' : '');
      };
      const readNext = async (): Promise<{ line: string; nl: boolean } | null> => {
        if (next.done) return null;
        const v = next.value;
        next = await it.next();
        lineNo++;
        return v;
      };
      const isLast = () => !!next.done;
      const matchAddr = (a: Addr | Addr2, ps: string): boolean => {
        switch (a.kind) {
          case 'line': return lineNo === a.n;
          case 'last': return isLast();
          case 'zero': return false;
          case 'step': return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
          case 're': {
            const re: RegExp | null = a.re ?? lastRe;
            if (!re) return false;
            lastRe = re;
            re.lastIndex = 0;
            return re.test(ps);
          }
          default: return false;
        }
      };
      const selected = (c: Cmd, ps: string): boolean => {
        let hit: boolean;
        if (!c.a1) hit = true;
        else if (!c.a2) hit = matchAddr(c.a1, ps);
        else if (c.active) {
          const a2 = c.a2;
          let end: boolean;
          if (a2.kind === 'line') end = lineNo >= a2.n;
          else if (a2.kind === 'rel') end = lineNo >= c.endLine!;
          else if (a2.kind === 'mult') end = a2.n <= 0 || lineNo % a2.n === 0;
          else end = matchAddr(a2, ps);
          if (end) c.active = false;
          hit = true;
        } else {
          const start = c.a1.kind === 'zero' ? lineNo === 1 : matchAddr(c.a1, ps);
          if (start) {
            hit = true;
            const a2 = c.a2;
            c.active = true;
            if (a2.kind === 'line' && a2.n <= lineNo) c.active = false;
            if (a2.kind === 'rel') {
              c.endLine = lineNo + a2.n;
              if (a2.n === 0) c.active = false;
            }
            if (a2.kind === 'mult' && (a2.n <= 0 || lineNo % a2.n === 0)) c.active = false;
            if (c.a1.kind === 'zero' && a2.kind === 're' && matchAddr(a2, ps)) c.active = false;
          } else hit = false;
        }
        return hit !== c.neg;
      };

      let cur = await readNext();
      while (cur) {
        await ctx.checkpoint();
        let ps = cur.line;
        let lastNl = cur.nl;
        let autoprint = !quiet;
        let substituted = false;
        let restartWith: string | null = null;
        let pc = 0;
        cycle: while (pc < cmds.length) {
          const c = cmds[pc];
          if (c.name === '}' || c.name === ':') {
            pc++;
            continue;
          }
          if (!selected(c, ps)) {
            pc = c.name === '{' ? c.block! : pc + 1;
            continue;
          }
          pc++;
          switch (c.name) {
            case '{': break;
            case '=': emit(String(lineNo)); break;
            case 'a': appendQueue.push(c.text!); break;
            case 'i': emit(c.text!); break;
            case 'c':
              if (!c.a2 || !c.active) emit(c.text!);
              autoprint = false;
              break cycle;
            case 'd': autoprint = false; break cycle;
            case 'D': {
              const nl = ps.indexOf('\n');
              if (nl < 0) {
                autoprint = false;
                break cycle;
              }
              restartWith = ps.slice(nl + 1);
              autoprint = false;
              break cycle;
            }
            case 'g': ps = hold; break;
            case 'G': ps += '\n' + hold; break;
            case 'h': hold = ps; break;
            case 'H': hold += '\n' + ps; break;
            case 'x': [ps, hold] = [hold, ps]; break;
            case 'z': ps = ''; break;
            case 'F': emit(texts[0].name === '-' ? '-' : texts[0].name); break;
            case 'l': emit(ps.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n') + '$'); break;
            case 'p': emit(ps); break;
            case 'P': emit(ps.split('\n')[0]); break;
            case 'n': {
              if (!quiet) emit(ps, lastNl || !isLast());
              for (const t of appendQueue) emit(t);
              appendQueue = [];
              const n = await readNext();
              if (!n) {
                autoprint = false;
                quitAfter = true;
                break cycle;
              }
              ps = n.line;
              lastNl = n.nl;
              break;
            }
            case 'N': {
              const n = await readNext();
              if (!n) {
                // GNU prints the pattern space when N hits the end of input.
                quitAfter = true;
                break cycle;
              }
              ps += '\n' + n.line;
              lastNl = n.nl;
              break;
            }
            case 'b':
              pc = c.label ? labels.get(c.label)! : cmds.length;
              break;
            case 't':
              if (substituted) {
                substituted = false;
                pc = c.label ? labels.get(c.label)! : cmds.length;
              }
              break;
            case 'T':
              if (!substituted) pc = c.label ? labels.get(c.label)! : cmds.length;
              else substituted = false;
              break;
            case 'q':
              exitCode = c.code ?? 0;
              quitAfter = true;
              break cycle;
            case 'Q':
              exitCode = c.code ?? 0;
              autoprint = false;
              quitAfter = true;
              break cycle;
            case 'y': {
              const from = [...c.from!];
              const to = [...c.to!];
              ps = [...ps].map((ch) => {
                const k = from.indexOf(ch);
                return k >= 0 ? to[k] : ch;
              }).join('');
              break;
            }
            case 'r': {
              try {
                appendQueue.push(ctx.fs.readText(ctx.proc, c.text!).replace(/\n$/, ''));
              } catch {
                // sed ignores unreadable files for r
              }
              break;
            }
            case 'w': case 'W':
              try {
                ctx.fs.writeFile(ctx.proc, c.text!, (c.name === 'W' ? ps.split('\n')[0] : ps) + '\n', { append: true });
              } catch {
                // unwritable: ignored here
              }
              break;
            case 's': {
              const re: RegExp | null = c.re ?? lastRe;
              if (!re) break;
              lastRe = re;
              let count = 0;
              let result = '';
              let pos = 0;
              let did = false;
              re.lastIndex = 0;
              for (;;) {
                const m = re.exec(ps);
                if (!m) break;
                count++;
                const take = c.nth ? count === c.nth || (c.global && count > c.nth) : true;
                if (take) {
                  result += ps.slice(pos, m.index) + replacement(c.repl!, m);
                  pos = m.index + m[0].length;
                  did = true;
                  if (!c.global) break;
                }
                if (m[0] === '') re.lastIndex++;
                if (!c.global && c.nth && count >= c.nth) break;
              }
              if (did) {
                ps = result + ps.slice(pos);
                substituted = true;
                if (c.print) emit(ps);
                if (c.text) {
                  try {
                    ctx.fs.writeFile(ctx.proc, c.text, ps + '\n', { append: true });
                  } catch {
                    // ignored
                  }
                }
              }
              break;
            }
          }
        }
        if (autoprint) emit(ps, lastNl || !isLast());
        for (const t of appendQueue) emit(t);
        appendQueue = [];
        await flush();
        if (quitAfter) break;
        if (restartWith !== null) {
          cur = { line: restartWith, nl: lastNl };
          continue;
        }
        cur = await readNext();
      }
      await flush();
      if (inPlace && texts[0] && texts[0].name !== '-') {
        ctx.fs.writeFile(ctx.proc, texts[0].name, inPlaceText);
      }
    }
    return exitCode ?? status;
  },
};

const this_usage = '[OPTION]... {script-only-if-no-other-script} [input-file]...';
