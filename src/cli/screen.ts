/** What a terminal shows, as plain text: the scripted front's output without control sequences. */

const ESC = 0x1b;
const BEL = 0x07;

/**
 * Where the escape sequence starting at `s[i]` (an ESC) ends (exclusive), or -1 when the text runs out
 * before it does. Malformed sequences end where a terminal would abandon them (ECMA-48 syntax).
 */
function sequenceEnd(s: string, i: number): number {
  let j = i + 1;
  if (j >= s.length) return -1;
  const intro = s[j];
  if (intro === '[') {
    // CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E.
    j++;
    while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x3f) j++;
    while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
    if (j >= s.length) return -1;
    const c = s.charCodeAt(j);
    return c >= 0x40 && c <= 0x7e ? j + 1 : j;
  }
  if (intro === ']' || intro === 'P' || intro === 'X' || intro === '^' || intro === '_') {
    // OSC, DCS, SOS, PM, APC: a string ended by ST (ESC \) or, for OSC as xterm allows, by BEL.
    for (j++; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === BEL && intro === ']') return j + 1;
      if (c === ESC) {
        if (j + 1 >= s.length) return -1;
        // Any other ESC aborts the string and starts a sequence of its own.
        return s[j + 1] === '\\' ? j + 2 : j;
      }
    }
    return -1;
  }
  // nF and Fp/Fe/Fs sequences: intermediates 0x20–0x2F then a final 0x30–0x7E. This covers the
  // character-set designations (ESC ( B, ESC ) 0, ESC % G), keypad modes (ESC =) and ESC 7 / ESC 8.
  while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
  if (j >= s.length) return -1;
  const c = s.charCodeAt(j);
  return c >= 0x30 && c <= 0x7e ? j + 1 : j;
}

/** Control characters that change nothing visible in a transcript: CR, BEL, and SO/SI (charset shifts). */
const INVISIBLE = /[\r\x07\x0e\x0f]/g;

/**
 * Turns a terminal's output stream into plain text: escape sequences (CSI, OSC and other strings,
 * character-set designations) removed, `\r\n` as `\n`, stray `\r` dropped. Output arrives in chunks
 * that may cut a sequence in two, so an unfinished one is held back until the next chunk (and one
 * still unfinished when output ends shows nothing, so it is never written).
 */
export class PlainText {
  private held = '';

  /** The plain text of the next chunk of output. */
  push(chunk: string): string {
    const s = this.held + chunk;
    this.held = '';
    let out = '';
    let from = 0;
    for (let i = s.indexOf('\x1b'); i >= 0; i = s.indexOf('\x1b', from)) {
      out += s.slice(from, i);
      const end = sequenceEnd(s, i);
      if (end < 0) {
        this.held = s.slice(i);
        from = s.length;
        break;
      }
      from = end;
    }
    out += s.slice(from);
    return out.replace(INVISIBLE, '');
  }
}

/** Plain text of a complete piece of terminal output (see PlainText). */
export function stripTerminal(text: string): string {
  return new PlainText().push(text);
}
