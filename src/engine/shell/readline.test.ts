import { describe, expect, it } from 'vitest';
import { LineEditor, columnize, visibleWidth, type EditorIO } from './readline';
import { completeWord, type CompletionEnv } from './completion';

/** A fake terminal: queued key chunks in, everything written captured. */
function fakeIO(chunks: string[], columns = 80): EditorIO & { out: string; unread: (t: string) => void; pushedBack: string } {
  const io = {
    out: '',
    pushedBack: '',
    read: async () => chunks.shift() ?? null,
    write: async (t: string) => {
      io.out += t;
    },
    columns: () => columns,
    unread: (t: string) => {
      io.pushedBack += t;
    },
  };
  return io;
}

describe('line editor', () => {
  it('echoes typing and returns the line on Enter', async () => {
    const io = fakeIO(['echo hi', '\r']);
    const r = await new LineEditor(io).readLine('$ ', { history: [] });
    expect(r).toEqual({ kind: 'line', text: 'echo hi' });
    expect(io.out).toBe('$ echo hi\r\n');
  });

  it('erases with backspace at the end of the line', async () => {
    const io = fakeIO(['ab', '\x7f', 'c\r']);
    expect(await new LineEditor(io).readLine('$ ', { history: [] })).toEqual({ kind: 'line', text: 'ac' });
    expect(io.out).toBe('$ ab\b\x1b[Kc\r\n');
  });

  it('inserts in the middle after moving left, redrawing the line', async () => {
    const io = fakeIO(['ac', '\x1b[D', 'b', '\r']);
    expect(await new LineEditor(io).readLine('$ ', { history: [] })).toEqual({ kind: 'line', text: 'abc' });
    expect(io.out).toBe('$ ac\r\x1b[3C\r$ abc\x1b[J\r\x1b[4C\r\x1b[5C\r\n');
  });

  it('walks the history with up and down, keeping the line being typed', async () => {
    const io = fakeIO(['new', '\x1b[A', '\x1b[A', '\x1b[B', '\x1b[B', '\r']);
    expect(await new LineEditor(io).readLine('$ ', { history: ['one', 'two'] })).toEqual({ kind: 'line', text: 'new' });
    const io2 = fakeIO(['\x1b[A', '\x1b[A', '\r']);
    expect(await new LineEditor(io2).readLine('$ ', { history: ['one', 'two'] })).toEqual({ kind: 'line', text: 'one' });
  });

  it('^C abandons the line, ^D on an empty line is end of input', async () => {
    const io = fakeIO(['abc', '\x03']);
    expect(await new LineEditor(io).readLine('$ ', { history: [] })).toEqual({ kind: 'interrupt' });
    expect(io.out).toBe('$ abc^C\r\n');
    expect(await new LineEditor(fakeIO(['\x04'])).readLine('$ ', { history: [] })).toEqual({ kind: 'eof' });
    expect(await new LineEditor(fakeIO(['ab', '\x01', '\x04', '\r'])).readLine('$ ', { history: [] })).toEqual({ kind: 'line', text: 'b' });
  });

  it('kills and yanks: ^U, ^K, ^W, ^Y', async () => {
    expect(await new LineEditor(fakeIO(['one two', '\x17', '\x19', '\x19', '\r'])).readLine('$ ', { history: [] })).toEqual({ kind: 'line', text: 'one twotwo' });
    expect(await new LineEditor(fakeIO(['abc', '\x02', '\x0b', '\r'])).readLine('$ ', { history: [] })).toEqual({ kind: 'line', text: 'ab' });
    expect(await new LineEditor(fakeIO(['abc', '\x15', 'x\r'])).readLine('$ ', { history: [] })).toEqual({ kind: 'line', text: 'x' });
  });

  it('keeps pasted lines for the next call and gives back what it read past a line', async () => {
    const io = fakeIO(['a\rb\r']);
    const ed = new LineEditor({ ...io, unread: undefined });
    expect(await ed.readLine('$ ', { history: [] })).toEqual({ kind: 'line', text: 'a' });
    expect(await ed.readLine('$ ', { history: [] })).toEqual({ kind: 'line', text: 'b' });
    const io2 = fakeIO(['cat\rhello\r']);
    expect(await new LineEditor(io2).readLine('$ ', { history: [] })).toEqual({ kind: 'line', text: 'cat' });
    expect(io2.pushedBack).toBe('hello\r');
  });

  it('completes one candidate, a common prefix, and lists several on a second Tab', async () => {
    const complete = (line: string, cursor: number) => ({ start: line.lastIndexOf(' ', cursor - 1) + 1, candidates: ['docs/', 'dockerfile', 'download'].filter((c) => c.startsWith(line.slice(line.lastIndexOf(' ', cursor - 1) + 1, cursor))) });
    expect(await new LineEditor(fakeIO(['ls docs', '\t', '\r'])).readLine('$ ', { history: [], complete })).toEqual({ kind: 'line', text: 'ls docs/' });
    expect(await new LineEditor(fakeIO(['ls dockerf', '\t', '\r'])).readLine('$ ', { history: [], complete })).toEqual({ kind: 'line', text: 'ls dockerfile ' });
    const io = fakeIO(['ls d', '\t', '\t', '\r']);
    expect(await new LineEditor(io).readLine('$ ', { history: [], complete })).toEqual({ kind: 'line', text: 'ls do' });
    expect(io.out).toBe('$ ls do\r\ndocs/       dockerfile  download\r\n$ ls do\r\n');
  });

  it('redraws correctly across wrapped rows', async () => {
    const io = fakeIO(['abcdefgh', '\x01', 'X', '\r'], 6);
    expect(await new LineEditor(io).readLine('$ ', { history: [] })).toEqual({ kind: 'line', text: 'Xabcdefgh' });
    // Typing to the edge wraps with a space and CR; Home goes up one row; the redraw ends at the right spot.
    expect(io.out).toBe('$ abcd \refgh\x1b[1A\r\x1b[2C\r$ Xabcdefgh\x1b[J\x1b[1A\r\x1b[3C\x1b[1B\r\x1b[5C\r\n');
  });

  it('measures prompts without colour codes', () => {
    expect(visibleWidth('\x1b[01;32mstudent@host\x1b[00m:\x1b[01;34m~\x1b[00m$ ')).toBe(16);
    expect(columnize(['a', 'bb', 'ccc'], 80)).toBe('a    bb   ccc\r\n');
  });
});

describe('completion', () => {
  const files: Record<string, string[]> = {
    '/home/s': ['Dockerfile', 'docs', '.hidden', 'app.py'],
    '/home/s/docs': ['guide.md'],
    '/usr/bin': ['docker', 'dockerd', 'ls'],
    '/bin': ['ls'],
  };
  const env: CompletionEnv = {
    listDir: (p) => files[p.replace(/\/$/, '')] ?? null,
    isDir: (p) => p.replace(/\/$/, '') in files,
    isExecutable: (p) => p.startsWith('/usr/bin/') || p.startsWith('/bin/'),
    cwd: '/home/s',
    home: '/home/s',
    path: '/usr/bin:/bin',
    names: ['declare', 'do', 'done', 'echo'],
  };
  it('completes commands in command position from names and PATH', () => {
    expect(completeWord('doc', 3, env)).toEqual({ start: 0, candidates: ['docker', 'dockerd'] });
    expect(completeWord('echo x | do', 11, env)).toEqual({ start: 9, candidates: ['do', 'docker', 'dockerd', 'done'] });
    expect(completeWord('sudo l', 6, env)).toEqual({ start: 5, candidates: ['ls'] });
  });
  it('completes paths elsewhere, with / after directories and hidden files only on request', () => {
    expect(completeWord('cat d', 5, env)).toEqual({ start: 4, candidates: ['docs/'] });
    expect(completeWord('cat docs/g', 10, env)).toEqual({ start: 4, candidates: ['docs/guide.md'] });
    expect(completeWord('cat ~/a', 7, env)).toEqual({ start: 4, candidates: ['~/app.py'] });
    expect(completeWord('cat .', 5, env)).toEqual({ start: 4, candidates: ['.hidden'] });
    expect(completeWord('ls ', 3, env)).toEqual({ start: 3, candidates: ['Dockerfile', 'app.py', 'docs/'] });
  });
});
