import type { Part, Word } from './ast';
import { hasGlob, matchPattern, patternSource, quotePattern, unescapePattern } from './pattern';

/** A piece of expanded text: quoted pieces are neither split nor globbed. */
export interface Frag {
  text: string;
  quoted: boolean;
  /** Unquoted expansion results are split on IFS. */
  split: boolean;
  /** A field boundary ("$@" between its arguments). */
  fieldBreak?: boolean;
}

/** An expanded field before pathname expansion. */
export interface Field {
  text: string;
  /** The same text as a pattern: quoted characters escaped. */
  pat: string;
  quoted: boolean;
}

/** Splits fragments into fields on IFS, as the shell's word splitting does. */
export function splitFields(frags: Frag[], ifs: string): Field[] {
  const out: Field[] = [];
  let cur: Field = { text: '', pat: '', quoted: false };
  let has = false;
  const ws = [...ifs].filter((c) => ' \t\n'.includes(c));
  const other = [...ifs].filter((c) => !' \t\n'.includes(c));
  const push = () => {
    out.push(cur);
    cur = { text: '', pat: '', quoted: false };
    has = false;
  };
  for (const f of frags) {
    if (f.fieldBreak) {
      if (has || cur.quoted) push();
      continue;
    }
    if (f.split && !f.quoted) {
      for (const c of f.text) {
        if (ws.includes(c)) {
          if (has || cur.quoted) push();
        } else if (other.includes(c)) {
          push();
        } else {
          cur.text += c;
          cur.pat += c;
          has = true;
        }
      }
      continue;
    }
    cur.text += f.text;
    cur.pat += f.quoted ? quotePattern(f.text) : f.text;
    if (f.quoted) cur.quoted = true;
    if (f.text) has = true;
  }
  if (has || cur.quoted) out.push(cur);
  return out;
}

/**
 * Brace expansion ({a,b}, {1..5}, {a..e}) on the unquoted literal parts of a word.
 * @sim partial: a brace expression must lie within one literal run (`{$a,b}` is not expanded).
 */
export function braceExpand(word: Word): Word[] {
  for (let pi = 0; pi < word.parts.length; pi++) {
    const part = word.parts[pi];
    if (part.t !== 'lit') continue;
    const v = part.v;
    for (let open = v.indexOf('{'); open >= 0; open = v.indexOf('{', open + 1)) {
      let depth = 0;
      let close = -1;
      const commas: number[] = [];
      for (let j = open; j < v.length; j++) {
        if (v[j] === '{') depth++;
        else if (v[j] === '}') {
          depth--;
          if (depth === 0) {
            close = j;
            break;
          }
        } else if (v[j] === ',' && depth === 1) commas.push(j);
      }
      if (close < 0) break;
      const inner = v.slice(open + 1, close);
      let alts: string[] | null = null;
      if (commas.length > 0) {
        alts = [];
        let s = open + 1;
        for (const c of [...commas, close]) {
          alts.push(v.slice(s, c));
          s = c + 1;
        }
      } else {
        const m = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inner) ?? /^([a-zA-Z])\.\.([a-zA-Z])(?:\.\.(-?\d+))?$/.exec(inner);
        if (m) alts = sequence(m[1], m[2], m[3]);
      }
      if (!alts) continue;
      const before: Part[] = [...word.parts.slice(0, pi), { t: 'lit', v: v.slice(0, open) }];
      const after: Part[] = [{ t: 'lit', v: v.slice(close + 1) }, ...word.parts.slice(pi + 1)];
      return alts.flatMap((a) => {
        const mid: Part = { t: 'lit', v: a };
        return braceExpand({ parts: [...before, mid, ...after].filter((p) => !(p.t === 'lit' && p.v === '')) });
      });
    }
  }
  return [word];
}

function sequence(a: string, b: string, stepText?: string): string[] {
  const step = Math.abs(Number(stepText ?? 1)) || 1;
  const numeric = /^-?\d+$/.test(a);
  const x = numeric ? Number(a) : a.charCodeAt(0);
  const y = numeric ? Number(b) : b.charCodeAt(0);
  const width = numeric && (/^-?0\d/.test(a) || /^-?0\d/.test(b)) ? Math.max(a.length, b.length) : 0;
  const out: string[] = [];
  if (Math.abs(y - x) / step > 100000) return [a];
  for (let i = x; x <= y ? i <= y : i >= y; i += x <= y ? step : -step) {
    out.push(numeric ? String(i).padStart(width, '0') : String.fromCharCode(i));
  }
  return out;
}

/** Removes the shortest or longest matching prefix or suffix (${x#p}, ${x##p}, ${x%p}, ${x%%p}). */
export function trimPattern(value: string, pat: string, op: string): string {
  const chars = [...value];
  const n = chars.length;
  if (op === '#' || op === '##') {
    const range = op === '#' ? [...Array(n + 1).keys()] : [...Array(n + 1).keys()].reverse();
    for (const i of range) if (matchPattern(pat, chars.slice(0, i).join(''))) return chars.slice(i).join('');
  } else {
    const range = op === '%' ? [...Array(n + 1).keys()].reverse() : [...Array(n + 1).keys()];
    for (const i of range) if (matchPattern(pat, chars.slice(i).join(''))) return chars.slice(0, i).join('');
  }
  return value;
}

/** ${x/p/r} and friends: replaces the first (or every, `//`) longest match; `/#` anchors at the start, `/%` at the end. */
export function replacePattern(value: string, pat: string, rep: string, op: string): string {
  if (pat === '') return value;
  const src = patternSource(pat);
  const flags = op === '//' ? 'g' : '';
  const re = op === '/#' ? new RegExp(`^(?:${src})`) : op === '/%' ? new RegExp(`(?:${src})$`) : new RegExp(src, flags);
  return value.replace(re, () => rep);
}

export { hasGlob, unescapePattern };
