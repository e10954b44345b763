/**
 * Shell patterns (`*`, `?`, `[…]`, `[!…]`, `[[:class:]]`) as used by globbing, `case` and
 * `${x#pattern}`. A pattern string marks quoted characters with a leading backslash.
 */

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', word: 'A-Za-z0-9_', cntrl: '\\x00-\\x1f', print: ' -~', graph: '!-~',
};

/** Converts a pattern to a regular-expression source (no anchors). */
export function patternSource(pat: string): string {
  let out = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\') {
      out += escapeRe(pat[i + 1] ?? '\\');
      i++;
    } else if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      const end = findBracketEnd(pat, i);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = pat.slice(i + 1, end);
      let neg = false;
      if (body[0] === '!' || body[0] === '^') {
        neg = true;
        body = body.slice(1);
      }
      let cls = '';
      for (let j = 0; j < body.length; j++) {
        const m = /^\[:([a-z]+):\]/.exec(body.slice(j));
        if (m) {
          cls += CLASSES[m[1]] ?? '';
          j += m[0].length - 1;
        } else if (body[j] === '\\') {
          cls += escapeRe(body[j + 1] ?? '');
          j++;
        } else if (body[j] === ']' || body[j] === '^' || body[j] === '[') cls += '\\' + body[j];
        else cls += body[j];
      }
      out += `[${neg ? '^' : ''}${cls}]`;
      i = end;
    } else out += escapeRe(c);
  }
  return out;
}

function findBracketEnd(pat: string, start: number): number {
  let j = start + 1;
  if (pat[j] === '!' || pat[j] === '^') j++;
  if (pat[j] === ']') j++;
  for (; j < pat.length; j++) {
    if (pat[j] === '[' && pat[j + 1] === ':') {
      const close = pat.indexOf(':]', j + 2);
      if (close > 0) {
        j = close + 1;
        continue;
      }
    }
    if (pat[j] === ']') return j;
  }
  return -1;
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** True when `text` matches the whole pattern. */
export function matchPattern(pat: string, text: string): boolean {
  return new RegExp(`^${patternSource(pat)}$`).test(text);
}

/** True when the pattern has unquoted glob characters. */
export function hasGlob(pat: string): boolean {
  for (let i = 0; i < pat.length; i++) {
    if (pat[i] === '\\') i++;
    else if (pat[i] === '*' || pat[i] === '?' || (pat[i] === '[' && findBracketEnd(pat, i) > 0)) return true;
  }
  return false;
}

/** Removes the quoting backslashes from a pattern string. */
export function unescapePattern(pat: string): string {
  return pat.replace(/\\([\s\S])/g, '$1');
}

/** Quotes every character of `s` so that it matches only itself. */
export function quotePattern(s: string): string {
  return s.replace(/[\s\S]/g, (c) => (/[*?[\]\\]/.test(c) ? '\\' + c : c));
}
