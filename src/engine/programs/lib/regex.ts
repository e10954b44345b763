/**
 * POSIX regular expressions (basic and extended, as grep and sed take them) translated to
 * JavaScript's. In a BRE, `\( \) \{ \} \| \+ \?` are special and the bare characters literal; in an
 * ERE it is the other way round. Bracket expressions keep their POSIX classes. Errors carry glibc's
 * wording, which grep and sed print.
 */

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

/** The characters that must be escaped to stand for themselves in a JS regex (with the `u` flag). */
const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** Escapes `s` so that it matches literally in a JS regex. */
export function escapeJs(s: string): string {
  return s.replace(SYNTAX, '\\$&');
}

/** How to translate: the dialect and the extras sed adds. */
export interface PosixOptions {
  extended: boolean;
  /** sed: `\n`, `\t` and friends are characters, also inside brackets. */
  sed?: boolean;
  /** Capture groups already used before this pattern (grep joins several patterns into one). */
  groupOffset?: number;
}

/** A translated pattern: JS source and the number of capture groups it has. */
export interface Translated {
  source: string;
  groups: number;
}

const SED_ESCAPES: Record<string, string> = { n: '\n', t: '\t', a: '\x07', f: '\f', v: '\v', r: '\r' };

function jsChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  return escapeJs(c);
}

/** Translates a POSIX regex (BRE unless `extended`) to JS source; throws SyntaxError(glibc's message). */
export function translatePosix(re: string, opts: PosixOptions): Translated {
  const ext = opts.extended;
  const off = opts.groupOffset ?? 0;
  let out = '';
  let i = 0;
  let groups = 0;
  const open: number[] = [];
  // Where an operator like `*` is literal: at the start, after `(`, `|` or an anchoring `^`.
  let atStart = true;
  // Whether the last item can take a quantifier (for `a**` and interval checks).
  let quantifiable = false;
  const pushAtom = (s: string) => {
    out += s;
    atStart = false;
    quantifiable = true;
  };
  const isEndAnchor = (j: number) => {
    if (j === re.length) return true;
    if (ext) return true;
    return re.startsWith('\\)', j) || re.startsWith('\\|', j) || (!!opts.sed && re[j] === '\n');
  };
  const interval = (body: string) => {
    const m = /^(\d*)(,?)(\d*)$/.exec(body);
    if (!m || (m[1] === '' && m[2] === '' )) throw new SyntaxError('Invalid content of \\{\\}');
    const lo = m[1] === '' ? 0 : Number(m[1]);
    const hi = m[2] ? (m[3] === '' ? undefined : Number(m[3])) : lo;
    if (hi !== undefined && hi < lo) throw new SyntaxError('Invalid content of \\{\\}');
    if (lo > 32767 || (hi ?? 0) > 32767) throw new SyntaxError('Regular expression too big');
    return `{${lo},${hi ?? ''}}`.replace(/^\{(\d+),\1\}$/, '{$1}');
  };
  const quantifier = (q: string) => {
    if (atStart) {
      pushAtom(escapeJs(q === '{' ? '{' : q));
      return;
    }
    if (!quantifiable) {
      // `a**` is `a*`; JS rejects the second quantifier, so wrap what came before.
      out = `(?:${out})`;
    }
    out += q;
    quantifiable = false;
  };
  while (i < re.length) {
    const c = re[i];
    if (c === '[') {
      const r = bracket(re, i, !!opts.sed);
      pushAtom(r.source);
      i = r.end;
      continue;
    }
    if (c === '\\') {
      const n = re[i + 1];
      if (n === undefined) throw new SyntaxError('Trailing backslash');
      i += 2;
      if (!ext && n === '(') {
        open.push(++groups);
        out += '(';
        atStart = true;
        quantifiable = false;
      } else if (!ext && n === ')') {
        if (!open.length) throw new SyntaxError('Unmatched ) or \\)');
        open.pop();
        out += ')';
        atStart = false;
        quantifiable = true;
      } else if (!ext && n === '|') {
        out += '|';
        atStart = true;
        quantifiable = false;
      } else if (!ext && (n === '+' || n === '?' || n === '*')) {
        quantifier(n);
      } else if (!ext && n === '{') {
        const close = re.indexOf('\\}', i);
        if (close < 0) throw new SyntaxError('Unmatched \\{');
        if (atStart) throw new SyntaxError('Invalid preceding regular expression');
        const q = interval(re.slice(i, close));
        i = close + 2;
        quantifier(q);
      } else if (!ext && n === '}') {
        pushAtom('\\}');
      } else if (/[1-9]/.test(n)) {
        if (Number(n) > groups || open.includes(Number(n))) throw new SyntaxError('Invalid back reference');
        pushAtom(`\\${Number(n) + off}`);
      } else if ('wWsSbB'.includes(n)) {
        if (n === 'b' || n === 'B') out += '\\' + n;
        else pushAtom('\\' + n);
      } else if (n === '<') out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if (n === '`') out += '(?<![\\s\\S])';
      else if (n === "'") out += '(?![\\s\\S])';
      else if (opts.sed && n in SED_ESCAPES) pushAtom(jsChar(SED_ESCAPES[n]));
      else pushAtom(jsChar(n));
      continue;
    }
    i++;
    if (ext && c === '(') {
      open.push(++groups);
      out += '(';
      atStart = true;
      quantifiable = false;
    } else if (ext && c === ')') {
      if (!open.length) pushAtom('\\)');
      else {
        open.pop();
        out += ')';
        atStart = false;
        quantifiable = true;
      }
    } else if (ext && c === '|') {
      out += '|';
      atStart = true;
      quantifiable = false;
    } else if (c === '*' || (ext && (c === '+' || c === '?'))) {
      quantifier(c);
    } else if (ext && c === '{') {
      const m = /^(\d*)(,?)(\d*)\}/.exec(re.slice(i));
      if (!m || (m[1] === '' && m[2] === '')) {
        // GNU takes a `{` that does not start a valid interval literally.
        if (m === null && /^\d*,?\d*$/.test(re.slice(i)) && re.slice(i) !== '') throw new SyntaxError('Unmatched { or \\{');
        pushAtom('\\{');
      } else {
        i += m[0].length;
        quantifier(interval(m[0].slice(0, -1)));
      }
    } else if (c === '^') {
      // In a BRE `^` anchors only first in the pattern or a group or alternative.
      const p = i - 1;
      if (ext || p === 0 || re.startsWith('\\(', p - 2) || re.startsWith('\\|', p - 2) || (!!opts.sed && re[p - 1] === '\n')) {
        out += '^';
        atStart = true;
        quantifiable = false;
      } else pushAtom('\\^');
    } else if (c === '$') {
      if (isEndAnchor(i)) {
        out += '$';
        quantifiable = false;
        atStart = false;
      } else pushAtom('\\$');
    } else if (c === '.') {
      pushAtom('.');
    } else {
      pushAtom(jsChar(c));
    }
  }
  if (open.length) throw new SyntaxError('Unmatched ( or \\(');
  return { source: out, groups };
}

/** Translates a bracket expression starting at `start` (the `[`). */
function bracket(re: string, start: number, sed: boolean): { source: string; end: number } {
  let j = start + 1;
  if (j >= re.length) throw new SyntaxError('Invalid regular expression');
  let neg = false;
  if (re[j] === '^') {
    neg = true;
    j++;
  }
  const items: string[] = [];
  let first = true;
  for (;;) {
    if (j >= re.length) throw new SyntaxError('Unmatched [, [^, [:, [., or [=');
    const c = re[j];
    if (c === ']' && !first) {
      j++;
      break;
    }
    first = false;
    if (c === '[' && (re[j + 1] === ':' || re[j + 1] === '=' || re[j + 1] === '.')) {
      const kind = re[j + 1];
      const close = re.indexOf(kind + ']', j + 2);
      if (close < 0) throw new SyntaxError('Unmatched [, [^, [:, [., or [=');
      const name = re.slice(j + 2, close);
      j = close + 2;
      if (kind === ':') {
        if (!(name in CLASSES)) throw new SyntaxError('Invalid character class name');
        items.push(CLASSES[name]);
      } else items.push(jsClassChar(name));
      continue;
    }
    let ch = c;
    if (sed && c === '\\' && re[j + 1] !== undefined && (re[j + 1] in SED_ESCAPES || re[j + 1] === '\\' || re[j + 1] === ']')) {
      ch = re[j + 1] === '\\' ? '\\' : re[j + 1] === ']' ? ']' : SED_ESCAPES[re[j + 1]];
      // GNU sed keeps `\]` as backslash plus a closing bracket only in POSIX mode; we follow GNU.
      if (re[j + 1] === ']') ch = '\\';
      else j++;
    }
    j++;
    if (re[j] === '-' && re[j + 1] !== undefined && re[j + 1] !== ']') {
      let end = re[j + 1];
      j += 2;
      if (end === '[' && re[j] === '.') {
        const close = re.indexOf('.]', j + 1);
        end = re.slice(j + 1, close);
        j = close + 2;
      }
      if (end.codePointAt(0)! < ch.codePointAt(0)!) throw new SyntaxError('Invalid range end');
      items.push(`${jsClassChar(ch)}-${jsClassChar(end)}`);
      continue;
    }
    items.push(jsClassChar(ch));
  }
  const body = items.join('');
  if (body === '') return { source: neg ? '[\\s\\S]' : '[]', end: j };
  return { source: `[${neg ? '^' : ''}${body}]`, end: j };
}

function jsClassChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  return /[\\\]^[-]/.test(c) ? '\\' + c : c;
}

/**
 * Whether `re` uses `[:name:]` outside brackets, which grep refuses ("character class syntax is
 * [[:space:]], not [:space:]").
 */
export function bareClass(re: string): boolean {
  return /^\[:[a-z]+:\]$/.test(re) || /^\[:[a-z]+:\]/.test(re);
}

/** Compiles a POSIX regex; throws SyntaxError with glibc's message when invalid. */
export function compilePosix(re: string, opts: { extended: boolean; ignoreCase?: boolean; global?: boolean; sed?: boolean; multiline?: boolean }): RegExp {
  const t = translatePosix(re, opts);
  const flags = (opts.global ? 'g' : '') + (opts.ignoreCase ? 'i' : '') + (opts.multiline ? 'm' : '') + 'su';
  try {
    return new RegExp(t.source, flags);
  } catch {
    throw new SyntaxError('Invalid regular expression');
  }
}
