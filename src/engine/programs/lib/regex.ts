/**
 * POSIX regular expressions (basic and extended, as grep and sed take them) translated to
 * JavaScript's. In a BRE, `\( \) \{ \} \| \+ \?` are special and the bare characters literal; in an
 * ERE it is the other way round. Bracket expressions keep their POSIX classes.
 */

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~', word: 'A-Za-z0-9_',
};

/** Translates a POSIX regex (BRE unless `extended`) to a JavaScript regex source. */
export function posixToJs(re: string, extended: boolean): string {
  let out = '';
  let i = 0;
  let atStart = true;
  while (i < re.length) {
    const c = re[i];
    if (c === '[') {
      let j = i + 1;
      let body = '';
      if (re[j] === '^') {
        body += '^';
        j++;
      }
      if (re[j] === ']') {
        body += '\\]';
        j++;
      }
      while (j < re.length && re[j] !== ']') {
        const cls = /^\[:([a-z]+):\]/.exec(re.slice(j));
        if (cls) {
          body += CLASSES[cls[1]] ?? '';
          j += cls[0].length;
          continue;
        }
        if (re[j] === '\\') body += '\\\\';
        else if (re[j] === '[') body += '\\[';
        else body += re[j];
        j++;
      }
      if (j >= re.length) throw new SyntaxError('Unmatched [, [^, [:, [., or [=');
      out += `[${body}]`;
      i = j + 1;
      atStart = false;
      continue;
    }
    if (c === '\\') {
      const n = re[i + 1];
      i += 2;
      if (n === undefined) throw new SyntaxError('Trailing backslash');
      if (!extended && '(){}|+?'.includes(n)) out += n;
      else if (/[1-9]/.test(n)) out += '\\' + n;
      else if (n === 'w' || n === 'W' || n === 's' || n === 'S' || n === 'b' || n === 'B') out += '\\' + n;
      else if (n === '<') out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else out += n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      atStart = false;
      continue;
    }
    if (!extended && '(){}|+?'.includes(c)) {
      out += '\\' + c;
    } else if (c === '*' && atStart) {
      out += '\\*';
    } else if (c === '^' && !extended && !atStart) {
      out += '\\^';
    } else if (c === '$' && !extended && i !== re.length - 1 && !(re.slice(i + 1).startsWith('\\)') || re.slice(i + 1).startsWith('\\|'))) {
      out += '\\$';
    } else if (c === '{' && extended && !/^\{\d*(,\d*)?\}/.test(re.slice(i))) {
      out += '\\{';
    } else if (c === '/') {
      out += '\\/';
    } else {
      out += c;
    }
    atStart = c === '^' || (extended ? c === '(' || c === '|' : false) || (!extended && out.endsWith('(') && re[i - 1] === '\\');
    i++;
    if (!extended && re[i - 2] === '\\' && (c === '(' || c === '|')) atStart = true;
  }
  return out;
}

/** Compiles a POSIX regex; throws SyntaxError with a GNU-like message when invalid. */
export function compilePosix(re: string, opts: { extended: boolean; ignoreCase?: boolean; global?: boolean }): RegExp {
  const src = posixToJs(re, opts.extended);
  try {
    return new RegExp(src, (opts.global ? 'g' : '') + (opts.ignoreCase ? 'i' : '') + 'u');
  } catch {
    try {
      return new RegExp(src, (opts.global ? 'g' : '') + (opts.ignoreCase ? 'i' : ''));
    } catch {
      if (/\((?![^)]*\))/.test(src) || /\\\(/.test(re)) throw new SyntaxError('Unmatched ( or \\(');
      throw new SyntaxError('Invalid regular expression');
    }
  }
}
