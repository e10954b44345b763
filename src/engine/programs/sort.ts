import type { Ctx, ProgramSpec } from './context';
import { eachInput, readAllText, splitLines } from './lib/inputs';

interface Key {
  startField: number;
  startChar: number;
  endField: number;
  endChar: number;
  flags: string;
}

function parseKey(spec: string): Key | undefined {
  const m = /^(\d+)(?:\.(\d+))?([bdfhnrgMV]*)(?:,(\d+)(?:\.(\d+))?([bdfhnrgMV]*))?$/.exec(spec);
  if (!m) return undefined;
  return { startField: Number(m[1]), startChar: Number(m[2] ?? 1), endField: m[4] ? Number(m[4]) : Infinity, endChar: Number(m[5] ?? 0), flags: (m[3] ?? '') + (m[6] ?? '') };
}

function fieldsOf(line: string, sep: string | undefined): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (sep !== undefined) {
    let s = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i === line.length || line[i] === sep) {
        out.push({ start: s, end: i });
        s = i + 1;
      }
    }
    return out;
  }
  // Default: a field is leading blanks plus non-blanks.
  let i = 0;
  while (i < line.length) {
    const s = i;
    while (i < line.length && /\s/.test(line[i])) i++;
    while (i < line.length && !/\s/.test(line[i])) i++;
    out.push({ start: s, end: i });
  }
  return out;
}

function keyText(line: string, k: Key, sep: string | undefined): string {
  const f = fieldsOf(line, sep);
  const sf = f[k.startField - 1];
  if (!sf) return '';
  let from = sf.start + k.startChar - 1;
  if (k.flags.includes('b') || sep === undefined) {
    while (from < sf.end && /\s/.test(line[from]) && k.flags.includes('b')) from++;
  }
  let to = line.length;
  if (k.endField !== Infinity) {
    const ef = f[k.endField - 1];
    to = ef ? (k.endChar ? ef.start + k.endChar : ef.end) : line.length;
  }
  return line.slice(from, Math.max(from, to));
}

const SUFFIX = 'KMGTPEZY';
function human(s: string): number {
  const m = /^\s*(-?\d+(?:\.\d+)?)([KMGTPEZY]?)/i.exec(s);
  if (!m) return 0;
  return Number(m[1]) * 1024 ** (m[2] ? SUFFIX.indexOf(m[2].toUpperCase()) + 1 : 0);
}
function numeric(s: string): number {
  const m = /^\s*(-?\d*\.?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}
/** -g: strtod's reading; what is not a number sorts first, then NaN, then numbers. */
function general(a: string, b: string): number {
  const val = (s: string): number => {
    const m = /^\s*([+-]?(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))/i.exec(s);
    if (!m) return -Infinity - 1;
    return Number(m[1].replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
  };
  const rank = (s: string): [number, number] => {
    const m = /^\s*[+-]?(?:inf|nan|\d|\.\d)/i.test(s);
    if (!m) return [0, 0];
    const v = val(s);
    return Number.isNaN(v) ? [1, 0] : [2, v];
  };
  const [ra, va] = rank(a);
  const [rb, vb] = rank(b);
  if (ra !== rb) return ra - rb;
  return va < vb ? -1 : va > vb ? 1 : 0;
}

function version(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (/^\d/.test(x) && /^\d/.test(y)) {
      if (Number(x) !== Number(y)) return Number(x) - Number(y);
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
function bytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** sort [-nrufhVbc] [-k KEYDEF]... [-t SEP] [-o FILE] [FILE]... (C locale byte order). */
export const sort: ProgramSpec = {
  name: 'sort',
  summary: 'sort lines of text files',
  usage: 'sort [OPTION]... [FILE]...',
  description: 'Write sorted concatenation of all FILE(s) to standard output.\n\n  -b  ignore leading blanks      -f  fold lower case to upper case\n  -h  compare human readable numbers (e.g., 2K 1G)\n  -n  compare according to string numerical value\n  -r  reverse the result         -V  natural sort of version numbers\n  -k, --key=KEYDEF   sort via a key   -t, --field-separator=SEP\n  -u, --unique       output only the first of an equal run\n  -o, --output=FILE  write result to FILE   -c  check for sorted input',
  async run(ctx: Ctx) {
    const a = await ctx.parse({
      n: { short: 'n', long: 'numeric-sort' }, r: { short: 'r', long: 'reverse' }, u: { short: 'u', long: 'unique' }, f: { short: 'f', long: 'ignore-case' },
      h: { short: 'h', long: 'human-numeric-sort' }, V: { short: 'V', long: 'version-sort' }, b: { short: 'b', long: 'ignore-leading-blanks' },
      k: { short: 'k', long: 'key', value: true }, t: { short: 't', long: 'field-separator', value: true }, o: { short: 'o', long: 'output', value: true },
      c: { short: 'c', long: 'check' }, s: { short: 's', long: 'stable' }, g: { short: 'g', long: 'general-numeric-sort' },
    });
    if (!a) return ctx.args[0] === '--help' ? 0 : 2;
    const sep = typeof a.opts.t === 'string' ? a.opts.t : undefined;
    if (sep !== undefined && sep.length !== 1) {
      await ctx.error('multi-character tab ‘' + sep + '’');
      return 2;
    }
    const keys: Key[] = [];
    for (const spec of a.all.k ?? []) {
      const k = parseKey(spec);
      if (/^0*(\.|,|[a-zA-Z]|$)/.test(spec)) {
        await ctx.error(`field number is zero: invalid field specification ‘${spec}’`);
        return 2;
      }
      if (!k) {
        await ctx.error(`invalid number at field start: invalid count at start of ‘${spec}’`);
        return 2;
      }
      keys.push(k);
    }
    const global = Object.keys(a.opts).filter((x) => 'nrfhVbg'.includes(x) && x.length === 1).join('');
    let lines: string[] = [];
    const status = await eachInput(ctx, a.operands, async (file) => {
      lines.push(...splitLines(await readAllText(ctx, file)));
    }, (name, message) => `cannot read: ${name}: ${message}`);
    if (status) return 2;
    const cmpText = (x: string, y: string, flags: string): number => {
      if (flags.includes('b')) {
        x = x.trimStart();
        y = y.trimStart();
      }
      if (flags.includes('g')) return general(x, y);
      if (flags.includes('n')) return numeric(x) - numeric(y);
      if (flags.includes('h')) return human(x) - human(y);
      if (flags.includes('V')) return version(x, y);
      if (flags.includes('f')) return bytewise(x.toUpperCase(), y.toUpperCase());
      return bytewise(x, y);
    };
    const compare = (x: string, y: string): number => {
      for (const k of keys) {
        const flags = k.flags.replace('r', '') || global.replace('r', '');
        let c = cmpText(keyText(x, k, sep), keyText(y, k, sep), flags);
        if ((k.flags.includes('r') || (!k.flags && global.includes('r'))) && c) c = -c;
        if (c) return c;
      }
      if (keys.length === 0) {
        const c = cmpText(x, y, global);
        if (c) return global.includes('r') ? -c : c;
      }
      if (a.opts.u || a.opts.s) return 0;
      // The last-resort comparison is bytewise on the whole line.
      const c = bytewise(x, y);
      return global.includes('r') ? -c : c;
    };
    if (a.opts.c) {
      for (let i = 1; i < lines.length; i++) {
        if (compare(lines[i - 1], lines[i]) > 0) {
          await ctx.err(`sort: ${a.operands[0] ?? '-'}:${i + 1}: disorder: ${lines[i]}\n`);
          return 1;
        }
      }
      return 0;
    }
    lines = lines.map((l, i) => [l, i] as const).sort((p, q) => compare(p[0], q[0]) || p[1] - q[1]).map((p) => p[0]);
    if (a.opts.u) lines = lines.filter((l, i) => i === 0 || compare(lines[i - 1], l) !== 0);
    const text = lines.map((l) => l + '\n').join('');
    if (typeof a.opts.o === 'string') ctx.fs.writeFile(ctx.proc, a.opts.o, text);
    else await ctx.out(text);
    return 0;
  },
};
