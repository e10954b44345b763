/**
 * History expansion, as interactive bash does it before parsing: `!!` (the previous command),
 * `!N`, `!-N`, `!prefix`, and `!$` / `!^` / `!*` (words of the previous command). Not inside single
 * quotes, and not before a blank, `=` or `(`.
 */
export function expandHistory(line: string, history: string[]): { text: string; changed: boolean } | { error: string } {
  let out = '';
  let changed = false;
  let inSingle = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" ) inSingle = !inSingle;
    if (c === '\\' && !inSingle) {
      out += c + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (c !== '!' || inSingle || i + 1 >= line.length || /[\s=(]/.test(line[i + 1])) {
      out += c;
      continue;
    }
    const rest = line.slice(i + 1);
    let m: RegExpExecArray | null;
    let event: string | undefined;
    let len: number;
    const last = history.at(-1);
    if (rest.startsWith('!')) {
      event = last;
      len = 1;
    } else if ((m = /^-?\d+/.exec(rest))) {
      const n = Number(m[0]);
      event = n < 0 ? history.at(n) : history[n - 1];
      len = m[0].length;
    } else if (rest[0] === '$' || rest[0] === '^' || rest[0] === '*') {
      const words = (last ?? '').trim().split(/\s+/);
      if (last === undefined) return { error: `!${rest[0]}: event not found` };
      out += rest[0] === '$' ? words.at(-1) : rest[0] === '^' ? (words[1] ?? '') : words.slice(1).join(' ');
      i += 1;
      changed = true;
      continue;
    } else if ((m = /^[^\s;&|<>()'"]+/.exec(rest))) {
      const prefix = m[0];
      event = [...history].reverse().find((h) => h.startsWith(prefix));
      len = prefix.length;
    } else {
      out += c;
      continue;
    }
    if (event === undefined) return { error: `!${rest.slice(0, len)}: event not found` };
    out += event;
    i += len;
    changed = true;
  }
  return { text: out, changed };
}
