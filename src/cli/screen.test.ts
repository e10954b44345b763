import { describe, expect, it } from 'vitest';
import { PlainText, stripTerminal } from './screen';

describe('plain text of terminal output', () => {
  it('drops CSI, OSC, DCS, charset designations, keypad modes and shifts; makes CRLF a newline', () => {
    expect(stripTerminal('\x1b[01;32mgreen\x1b[00m\r\nnext\x1b]0;title\x07')).toBe('green\nnext');
    expect(stripTerminal('\x1b]2;t\x1b\\a\x1b(B\x1b)0\x0eq\x0f\x1b%G\x1b=b\x1b7\x1b8\x1b[?1049h\x1bPq#0\x1b\\c\x07\r')).toBe('aqbc');
    expect(stripTerminal('over\rwrite\r\r\n')).toBe('overwrite\n');
  });

  it('holds back a sequence cut in two by chunking until its end arrives', () => {
    const p = new PlainText();
    const chunks = ['a\x1b', '[01;3', '2mb\x1b]0;ti', 'tle', '\x07c\x1b(', 'Bd\r', '\ne\x1b'];
    expect(chunks.map((c) => p.push(c)).join('')).toBe('abcd\ne');
  });

  it('ends a malformed sequence where a terminal would abandon it', () => {
    expect(stripTerminal('\x1b[12\nx')).toBe('\nx');
    expect(stripTerminal('\x1b]0;t\x1b[1mx')).toBe('x');
  });
});
