import type { Ctx, ProgramSpec } from './context';

const CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', lower: 'abcdefghijklmnopqrstuvwxyz', digit: '0123456789',
  space: ' \t\n\v\f\r', blank: ' \t', punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', xdigit: '0123456789ABCDEFabcdef',
};
CLASSES.alpha = CLASSES.upper + CLASSES.lower;
CLASSES.alnum = CLASSES.alpha + CLASSES.digit;

/** Expands a tr SET: ranges a-z, classes [:upper:], escapes \n \t \\ \NNN, repeats [c*n]. */
export function expandSet(set: string): string[] | string {
  const out: string[] = [];
  let i = 0;
  const esc = (): string => {
    const c = set[i + 1];
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (c !== undefined && /[0-7]/.test(c)) {
      const m = /^[0-7]{1,3}/.exec(set.slice(i + 1))![0];
      i += 1 + m.length;
      return String.fromCharCode(parseInt(m, 8));
    }
    i += 2;
    return c === undefined ? '\\' : (map[c] ?? c);
  };
  while (i < set.length) {
    const cls = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (cls) {
      if (!CLASSES[cls[1]]) return `invalid character class ‘${cls[1]}’`;
      out.push(...CLASSES[cls[1]]);
      i += cls[0].length;
      continue;
    }
    const rep = /^\[(.)\*(\d*)\]/.exec(set.slice(i));
    if (rep) {
      out.push(...rep[1].repeat(Number(rep[2] || 0) || 1));
      i += rep[0].length;
      continue;
    }
    const c = set[i] === '\\' ? esc() : set[i++];
    if (set[i] === '-' && i + 1 < set.length) {
      i++;
      const end = set[i] === '\\' ? esc() : set[i++];
      if (end.charCodeAt(0) < c.charCodeAt(0)) return `range-endpoints of '${c}-${end}' are in reverse collating sequence order`;
      for (let k = c.charCodeAt(0); k <= end.charCodeAt(0); k++) out.push(String.fromCharCode(k));
      continue;
    }
    out.push(c);
  }
  return out;
}

/** tr [-cds] SET1 [SET2] */
export const tr: ProgramSpec = {
  name: 'tr',
  summary: 'translate or delete characters',
  usage: 'tr [OPTION]... STRING1 [STRING2]',
  description: 'Translate, squeeze, and/or delete characters from standard input, writing to standard output.\n\n  -c, -C, --complement   use the complement of STRING1\n  -d, --delete           delete characters in STRING1, do not translate\n  -s, --squeeze-repeats  replace each sequence of a repeated character that is listed in the last specified STRING, with a single occurrence of that character',
  async run(ctx: Ctx) {
    const a = await ctx.parse({ c: { short: 'c', long: 'complement' }, C: { short: 'C' }, d: { short: 'd', long: 'delete' }, s: { short: 's', long: 'squeeze-repeats' }, t: { short: 't', long: 'truncate-set1' } });
    if (!a) return ctx.args[0] === '--help' ? 0 : 1;
    const [s1, s2] = a.operands;
    const del = !!a.opts.d;
    const squeeze = !!a.opts.s;
    const comp = !!(a.opts.c || a.opts.C);
    if (s1 === undefined) {
      await ctx.err("tr: missing operand\nTry 'tr --help' for more information.\n");
      return 1;
    }
    if (!del && !squeeze && s2 === undefined) {
      await ctx.err(`tr: missing operand after ‘${s1}’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`);
      return 1;
    }
    if (a.operands.length > (del && !squeeze ? 1 : 2)) {
      const hint = del && !squeeze ? 'Only one string may be given when deleting without squeezing repeats.\n' : '';
      await ctx.err(`tr: extra operand ‘${a.operands[del && !squeeze ? 1 : 2]}’\n${hint}Try 'tr --help' for more information.\n`);
      return 1;
    }
    const set1 = expandSet(s1);
    const set2 = s2 === undefined ? [] : expandSet(s2);
    if (typeof set1 === 'string' || typeof set2 === 'string') {
      await ctx.error(typeof set1 === 'string' ? set1 : (set2 as string));
      return 1;
    }
    const in1 = new Set(set1);
    const member = (c: string) => (comp ? !in1.has(c) : in1.has(c));
    const map = new Map<string, string>();
    if (!del && s2 !== undefined && !comp) {
      set1.forEach((c, i) => map.set(c, set2[Math.min(i, set2.length - 1)] ?? c));
    }
    const squeezeSet = new Set(del || s2 === undefined ? set1 : set2);
    let last = '';
    for (;;) {
      const chunk = await ctx.read(0);
      if (chunk === null) break;
      let out = '';
      for (const ch of new TextDecoder().decode(chunk, { stream: true })) {
        let c = ch;
        if (del && member(c)) continue;
        if (!del && s2 !== undefined) {
          if (comp) {
            if (member(c)) c = set2[set2.length - 1] ?? c;
          } else c = map.get(c) ?? c;
        }
        if (squeeze && c === last && (comp && (del || s2 === undefined) ? member(c) : squeezeSet.has(c))) continue;
        last = c;
        out += c;
      }
      await ctx.out(out);
    }
    return 0;
  },
};
