import { describe, expect, it } from 'vitest';
import { testHost } from '../testing/harness';
import { TerminalDriver } from '../testing/terminal';

describe('the host terminal', () => {
  it('shows the student prompt and runs commands', async () => {
    const t = new TerminalDriver(testHost());
    expect(await t.prompt()).toBe('student@host:~$ ');
    expect(await t.type('echo hello\r')).toBe('echo hello\nhello\nstudent@host:~$ ');
    expect(await t.type('cat nonexistent\r')).toBe('cat nonexistent\ncat: nonexistent: No such file or directory\nstudent@host:~$ ');
    expect(await t.type('echo $?\r')).toBe('echo $?\n1\nstudent@host:~$ ');
    expect(await t.type('nosuchcmd\r')).toBe('nosuchcmd\nbash: nosuchcmd: command not found\nstudent@host:~$ ');
    expect(await t.type('echo $?\r')).toBe('echo $?\n127\nstudent@host:~$ ');
  });

  it('runs background jobs and kills them', async () => {
    const host = testHost();
    const t = new TerminalDriver(host);
    await t.prompt();
    const started = await t.type('sleep 100 &\r');
    expect(started).toMatch(/^sleep 100 &\n\[1\] (\d+)\nstudent@host:~\$ $/);
    const pid = Number(/\[1\] (\d+)/.exec(started)![1]);
    expect([...host.kernel.procs.values()].find((p) => p.pid === pid)?.argv).toEqual(['sleep', '100']);
    expect(await t.type('jobs\r')).toBe('jobs\n[1]+  Running                 sleep 100 &\nstudent@host:~$ ');
    expect(await t.type('kill %1\r')).toBe('kill %1\n[1]+  Terminated              sleep 100\nstudent@host:~$ ');
    expect(host.kernel.procs.has(pid)).toBe(false);
  });

  it('^C stops a busy loop at once and the next command works', async () => {
    const t = new TerminalDriver(testHost());
    await t.prompt();
    await t.type('while true; do :; done\r', { waitMs: 100 });
    expect(await t.type('\x03')).toBe('^C\nstudent@host:~$ ');
    expect(await t.type('echo still here\r')).toBe('echo still here\nstill here\nstudent@host:~$ ');
  });

  it('^Z stops a foreground job, fg resumes it and ^C ends it', async () => {
    const t = new TerminalDriver(testHost());
    await t.prompt();
    await t.type('sleep 50\r', { waitMs: 50 });
    expect(await t.type('\x1a')).toBe('^Z\n[1]+  Stopped                 sleep 50\nstudent@host:~$ ');
    await t.type('fg\r', { waitMs: 50 });
    expect(await t.type('\x03')).toBe('^C\nstudent@host:~$ ');
    expect(await t.type('jobs\r')).toBe('jobs\nstudent@host:~$ ');
  });

  it('reads continuation lines for an open quote', async () => {
    const t = new TerminalDriver(testHost());
    await t.prompt();
    await t.type('echo "a\r', { waitMs: 50 });
    expect(t.screen.endsWith('> ')).toBe(true);
    expect(await t.type('b"\r')).toBe('b"\na\nb\nstudent@host:~$ ');
  });
});

describe('line editing at the prompt', () => {
  it('completes commands and paths with Tab and recalls history with Up', async () => {
    const t = new TerminalDriver(testHost());
    await t.prompt();
    await t.type('mkdir projects\r');
    expect(await t.type('ech\thi\r')).toBe('echo hi\nhi\nstudent@host:~$ ');
    expect(await t.type('ls pro\t\r')).toBe('ls projects/\nstudent@host:~$ ');
    // Each Up redraws the line from the prompt (\r, prompt, text, clear to end of screen).
    expect(await t.type('\x1b[A\x1b[A\r')).toBe('student@host:~$ ls projects/student@host:~$ echo hi\nhi\nstudent@host:~$ ');
    expect(await t.type('history\r')).toBe('history\n    1  mkdir projects\n    2  echo hi\n    3  ls projects/\n    4  echo hi\n    5  history\nstudent@host:~$ ');
  });

  it('leaves typed-ahead lines for the command that reads them', async () => {
    const t = new TerminalDriver(testHost());
    await t.prompt();
    expect(await t.type('head -n 1\rtyped ahead\r')).toBe('head -n 1\ntyped ahead\nstudent@host:~$ ');
  });
});
