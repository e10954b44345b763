import { describe, expect, it } from 'vitest';
import { LineEditor, charWidth, columnize, commonPrefix, visibleWidth, type Completion, type EditorIO, type ReadOptions } from './readline';

/** A fake terminal: queued key chunks in, everything written captured. */
function fakeIO(chunks: string[], columns = 80): EditorIO & { out: string } {
  const io = {
    out: '',
    read: async () => chunks.shift() ?? null,
    write: async (t: string) => {
      io.out += t;
    },
    columns: () => columns,
  };
  return io;
}

/** One readLine over fresh keys: the result and everything the editor wrote. */
async function edit(chunks: string[], opts: Partial<ReadOptions> & { prompt?: string; columns?: number } = {}) {
  const io = fakeIO(chunks, opts.columns);
  const result = await new LineEditor(io).readLine(opts.prompt ?? '$ ', { history: opts.history ?? [], complete: opts.complete });
  return { result, out: io.out };
}

const line = (text: string) => ({ kind: 'line', text });

describe('typing and Enter', () => {
  it('writes the prompt, echoes what is typed and ends with CR LF', async () => {
    expect(await edit(['echo hi', '\r'])).toEqual({ result: line('echo hi'), out: '$ echo hi\r\n' });
    expect(await edit(['e', 'c', 'h', 'o', '\n'])).toEqual({ result: line('echo'), out: '$ echo\r\n' });
  });

  it('takes multi-byte and wide characters whole', async () => {
    expect(await edit(['héllo ✓ 日本', '\r'])).toEqual({ result: line('héllo ✓ 日本'), out: '$ héllo ✓ 日本\r\n' });
    // Left over a wide character moves two columns; a combining accent moves with its letter.
    expect(await edit(['日本', '\x1b[D', 'x', '\r'])).toEqual({ result: line('日x本'), out: '$ 日本\b\bx本\b\b\x1b[2C\r\n' });
    expect(await edit(['e\u0301a', '\x1b[D', '\x1b[D', 'x\r'])).toEqual({ result: line('xe\u0301a'), out: '$ e\u0301a\b\bxe\u0301a\b\b\x1b[2C\r\n' });
  });

  it('keeps the lines of a paste for the next calls', async () => {
    const io = fakeIO(['a\rb\r']);
    const ed = new LineEditor(io);
    expect(await ed.readLine('$ ', { history: [] })).toEqual(line('a'));
    expect(await ed.readLine('$ ', { history: [] })).toEqual(line('b'));
    expect(await ed.readLine('$ ', { history: [] })).toEqual({ kind: 'eof' });
    expect(io.out).toBe('$ a\r\n$ b\r\n$ ');
  });

  it('gives back what it read past the line when the terminal can take it', async () => {
    let back = '';
    const io = { ...fakeIO(['cat\rhello\r']), unread: (t: string) => (back += t) };
    expect(await new LineEditor(io).readLine('$ ', { history: [] })).toEqual(line('cat'));
    expect(back).toBe('hello\r');
  });

  it('accepts a non-empty line at end of input, and reports end of input on an empty one', async () => {
    expect(await edit(['ls'])).toEqual({ result: line('ls'), out: '$ ls\r\n' });
    expect(await edit([])).toEqual({ result: { kind: 'eof' }, out: '$ ' });
  });
});

describe('editing keys', () => {
  it('erases with Backspace at the end of the line, and rings at its start', async () => {
    expect(await edit(['ab', '\x7f', 'c\r'])).toEqual({ result: line('ac'), out: '$ ab\b\x1b[Kc\r\n' });
    expect(await edit(['\b', 'x\r'])).toEqual({ result: line('x'), out: '$ \x07x\r\n' });
  });

  it('inserts in the middle after Left, rewriting only the tail', async () => {
    expect(await edit(['ac', '\x1b[D', 'b', '\r'])).toEqual({ result: line('abc'), out: '$ ac\bbc\b\x1b[1C\r\n' });
    expect(await edit(['ac', '\x1bOD', '\x1bOC', '\x1bOD', 'b\r'])).toEqual({ result: line('abc'), out: '$ ac\b\x1b[1C\bbc\b\x1b[1C\r\n' });
  });

  it('deletes under the cursor with Delete and ^D', async () => {
    expect(await edit(['abc', '\x01', '\x1b[3~', '\x04', '\r'])).toEqual({ result: line('c'), out: '$ abc\b\b\bbc\x1b[K\b\bc\x1b[K\b\x1b[1C\r\n' });
  });

  it('goes Home and End in every form an xterm sends', async () => {
    for (const [home, end] of [['\x01', '\x05'], ['\x1b[H', '\x1b[F'], ['\x1b[1~', '\x1b[4~'], ['\x1bOH', '\x1bOF']]) {
      expect(await edit(['bc', home, 'a', end, 'd\r'])).toEqual({ result: line('abcd'), out: '$ bc\b\babc\b\b\x1b[2Cd\r\n' });
    }
  });

  it('kills and yanks: ^K, ^U, ^W (kills in a row add up), ^Y', async () => {
    expect((await edit(['abc', '\x02', '\x0b', '\r'])).result).toEqual(line('ab'));
    expect((await edit(['abc', '\x15', 'x\r'])).result).toEqual(line('x'));
    expect(await edit(['one two', '\x17', '\x19', '\x19', '\r'])).toEqual({ result: line('one twotwo'), out: '$ one two\b\b\b\x1b[Ktwotwo\r\n' });
    expect((await edit(['a b c', '\x17', '\x17', 'X', '\x19', '\r'])).result).toEqual(line('a Xb c'));
  });

  it('^T swaps characters and M-. brings back the last argument', async () => {
    expect((await edit(['ab', '\x14', '\r'])).result).toEqual(line('ba'));
    expect((await edit(['cat ', '\x1b.', '\x1b.', '\r'], { history: ['ls /etc', 'vi notes.txt'] })).result).toEqual(line('cat /etc'));
  });

  it('ignores unknown escape sequences whole, even split across reads', async () => {
    expect(await edit(['a', '\x1b[15~', '\x1bOP', '\x1b[<0;3;4M', '\x1b[200~', '\x1bz', 'b\x1b', '[D', 'c\r'])).toEqual({ result: line('acb'), out: '$ ab\bcb\b\x1b[1C\r\n' });
  });

  it('^L clears the screen and draws the whole prompt and line again', async () => {
    expect(await edit(['ls', '\x0c', '\r'], { prompt: 'me@host\n$ ' })).toEqual({ result: line('ls'), out: 'me@host\n$ ls\x1b[H\x1b[2Jme@host\n$ ls\x1b[J\r\n' });
  });
});

describe('^C and ^D', () => {
  it('^C abandons the line, with the cursor moved to its end first', async () => {
    expect(await edit(['abc', '\x03'])).toEqual({ result: { kind: 'interrupt' }, out: '$ abc^C\r\n' });
    expect(await edit(['abc', '\x01', '\x03'])).toEqual({ result: { kind: 'interrupt' }, out: '$ abc\b\b\b\x1b[3C^C\r\n' });
  });

  it('^C throws away what was typed ahead', async () => {
    const io = fakeIO(['ab\x03cd\r']);
    const ed = new LineEditor(io);
    expect(await ed.readLine('$ ', { history: [] })).toEqual({ kind: 'interrupt' });
    expect(await ed.readLine('$ ', { history: [] })).toEqual({ kind: 'eof' });
  });

  it('^D on an empty line is end of input, but not right after ^D emptied it', async () => {
    expect(await edit(['\x04'])).toEqual({ result: { kind: 'eof' }, out: '$ ' });
    expect(await edit(['a', '\x01', '\x04', '\x04', '\r'])).toEqual({ result: line(''), out: '$ a\b\x1b[K\x07\r\n' });
  });
});

describe('history', () => {
  it('walks up and down, keeping the line being typed', async () => {
    expect(await edit(['new', '\x1b[A', '\x1b[A', '\x1b[B', '\x1b[B', '\r'], { history: ['one', 'two'] })).toEqual({
      result: line('new'),
      out: '$ new\r$ two\x1b[J\r$ one\x1b[J\r$ two\x1b[J\r$ new\x1b[J\r\n',
    });
    expect((await edit(['\x10', '\x10', '\r'], { history: ['one', 'two'] })).result).toEqual(line('one'));
  });

  it('rings at the oldest entry and keeps edits to recalled lines while walking', async () => {
    const history = ['one', 'two'];
    const r = await edit(['\x1b[A', 'X', '\x1b[A', '\x1b[A', '\x0e', '\r'], { history });
    expect(r).toEqual({ result: line('twoX'), out: '$ \r$ two\x1b[JX\r$ one\x1b[J\x07\r$ twoX\x1b[J\r\n' });
    expect(history).toEqual(['one', 'two']);
  });

  it('^R searches backwards, again with ^R, and Enter runs the line found', async () => {
    const r = await edit(['\x12', 'ech', '\x12', '\r'], { history: ['echo one', 'ls', 'echo two'] });
    expect(r.result).toEqual(line('echo one'));
    expect(r.out).toBe(
      '$ \r(reverse-i-search)`\': \x1b[J' +
        "\r(reverse-i-search)`ech': echo two\x1b[J\r\x1b[25C" +
        "\r(reverse-i-search)`ech': echo one\x1b[J\r\x1b[25C" +
        '\r$ echo one\x1b[J\r\x1b[2C' +
        '\x1b[8C\r\n',
    );
  });

  it('^R then an editing key leaves the line found to edit; ^G puts the old line back', async () => {
    expect((await edit(['\x12', 'two', '\x05', '!', '\r'], { history: ['echo two', 'ls'] })).result).toEqual(line('echo two!'));
    expect((await edit(['x', '\x12', 'two', '\x07', '\r'], { history: ['echo two'] })).result).toEqual(line('x'));
  });
});

describe('Tab completion', () => {
  const files = ['docs/', 'dockerfile', 'download'];
  const complete = (text: string, cursor: number): Completion => {
    const start = text.lastIndexOf(' ', cursor - 1) + 1;
    return { start, candidates: files.filter((c) => c.startsWith(text.slice(start, cursor))) };
  };

  it('inserts a sole candidate, with a space unless it is a directory', async () => {
    expect(await edit(['ls docs', '\t', '\r'], { complete })).toEqual({ result: line('ls docs/'), out: '$ ls docs/\r\n' });
    expect(await edit(['ls dockerf', '\t', '\r'], { complete })).toEqual({ result: line('ls dockerfile '), out: '$ ls dockerfile \r\n' });
  });

  it('inserts what several share and rings; lists them when Tab changes nothing', async () => {
    const r = await edit(['ls d', '\t', '\t', '\t', '\r'], { complete });
    expect(r.result).toEqual(line('ls do'));
    expect(r.out).toBe('$ ls do\x07\x07\r\ndocs/       dockerfile  download    \r\n$ ls do\x1b[J\r\n');
    expect((await edit(['ls do', '\t\t', '\r'], { complete })).out).toBe('$ ls do\x07\r\ndocs/       dockerfile  download    \r\n$ ls do\x1b[J\r\n');
  });

  it('rings when nothing completes, and asks before listing a hundred', async () => {
    expect((await edit(['ls x', '\t', '\r'], { complete })).out).toBe('$ ls x\x07\r\n');
    const many = () => ({ start: 0, candidates: Array.from({ length: 100 }, (_, i) => `c${String(i).padStart(3, '0')}`) });
    // The first Tab inserts the shared `c0`, the second changes nothing, the third would list.
    expect((await edit(['\t', '\t', '\t', 'x', 'n', '\r'], { complete: many })).out).toBe('$ c0\x07\x07\r\nDisplay all 100 possibilities? (y or n)\x07\r\n$ c0\x1b[J\r\n');
    expect((await edit(['\t', '\t', '\t', 'y', '\r'], { complete: many })).out).toMatch(/^\$ c0\x07\x07\r\nDisplay all 100 possibilities\? \(y or n\)\r\nc000 {2}c008 {2}[\s\S]*\r\n\$ c0\x1b\[J\r\n$/);
  });

  it('uses the completer\'s suffix and display names, and replaces a word it does not extend', async () => {
    const quoted = (): Completion => ({ start: 4, candidates: ['"my file'], suffix: '" ' });
    expect((await edit(['cat "my', '\t', '\r'], { complete: quoted })).result).toEqual(line('cat "my file" '));
    const upper = (): Completion => ({ start: 3, candidates: ['README'] });
    expect(await edit(['ls read', '\t', '\r'], { complete: upper })).toEqual({ result: line('ls README '), out: '$ ls read\b\b\b\bREADME \r\n' });
    const shown = (): Completion => ({ start: 3, candidates: ['a\\ b', 'a\\ c'], display: ['a b', 'a c'] });
    expect((await edit(['ls a', '\t', '\t', '\t', '\r'], { complete: shown })).out).toBe('$ ls a\\ \x07\x07\r\na b  a c  \r\n$ ls a\\ \x1b[J\r\n');
  });

  it('lists below a wrapped line and lays out columns to the width', async () => {
    // '$ ls do' on a 4-column terminal: '$ ls' on row 0, ' do' on row 1; the cursor is after the 'd'.
    const r = await edit(['ls do', '\x02', '\t', '\t', '\r'], { complete: () => ({ start: 3, candidates: ['da', 'db'] }), columns: 4 });
    // The cursor goes to the end of the line before listing; then prompt and line are drawn again.
    expect(r.out).toBe('$ ls do\b\x07\x1b[1C\r\nda\r\ndb\r\n$ ls do\x1b[J\b\x1b[1C\r\n');
  });
});

describe('wrapped lines', () => {
  it('moves to the next row at the margin and finds the cursor by rows and columns', async () => {
    const r = await edit(['abcdefgh', 'ij', '\x01', 'X', '\r'], { columns: 10 });
    expect(r.result).toEqual(line('Xabcdefghij'));
    expect(r.out).toBe('$ abcdefgh \rij\x1b[1A\r\x1b[2CXabcdefghij\x1b[1A\r\x1b[3C\x1b[1B\r\x1b[3C\r\n');
  });

  it('puts a wide character that does not fit in the last column on the next row', async () => {
    const r = await edit(['ab日', '\x01', '\r'], { columns: 5 });
    expect(r.out).toBe('$ ab日\x1b[1A\r\x1b[2C\x1b[1B\r\x1b[2C\r\n');
  });

  it('erases back over the margin and clears the rows below', async () => {
    const r = await edit(['abcdefgh', '\x7f', '\r'], { columns: 10 });
    expect(r.out).toBe('$ abcdefgh \r\x1b[1A\r\x1b[9C\x1b[J\r\n');
  });

  it('measures the prompt without colour codes or \\x01 \\x02 markers', async () => {
    const prompt = '\x01\x1b[01;32m\x02me\x01\x1b[00m\x02$ ';
    const r = await edit(['abcdef', '\x01', '\r'], { columns: 5, prompt });
    // 4 visible prompt columns: the line takes the rest of row 0, all of row 1 and row 2.
    expect(r.out).toBe(prompt + 'abcdef \r\x1b[2A\r\x1b[4C\x1b[2B\r\r\n');
  });

  it('recalls a long history line over a short one and clears what is left', async () => {
    const r = await edit(['\x1b[A', '\x1b[B', '\r'], { columns: 10, history: ['0123456789abc'] });
    expect(r.out).toBe('$ \r$ 0123456789abc\x1b[J\x1b[1A\r$ \x1b[J\r\n');
  });
});

describe('helpers', () => {
  it('measures, prefixes and lays out as readline does', () => {
    expect(visibleWidth('\x1b[01;32mstudent@host\x1b[00m:\x1b[01;34m~\x1b[00m$ ')).toBe(16);
    expect(visibleWidth('\x1b]0;title\x07$ ')).toBe(2);
    expect([charWidth('a'), charWidth('日'), charWidth('\u0301')]).toEqual([1, 2, 0]);
    expect(commonPrefix(['docker', 'dockerd', 'docs'])).toBe('doc');
    expect(columnize(['a', 'bb', 'ccc'], 80)).toBe('a    bb   ccc  \r\n');
    // Five columns of 4 would fill 20 exactly, so readline takes four: filled top to bottom.
    expect(columnize(['aa', 'bb', 'cc', 'dd', 'ee'], 20)).toBe('aa  cc  ee  \r\nbb  dd  \r\n');
  });
});
