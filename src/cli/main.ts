/**
 * The `dockersim` command: the simulated host in a real terminal, or a script fed to it line by
 * line as if typed, printing what the terminal would show.
 */
import { promises as fs, readFileSync } from 'node:fs';
import { Host, type Terminal } from '../engine/index';
import { copyIn, copyOut } from './sync';
import { CliError, parseCli } from './options';
import { PlainText } from './screen';

const USAGE = `Usage: dockersim [--seed N] [--link-rate RATE] [--mount REALDIR:SIMDIR]... [script FILE]

Starts a simulated Linux host and its login shell.
  With a terminal on standard input: an interactive session.
  Otherwise (or with 'script FILE'): each input line is typed at the prompt, also into programs
  that read input; the output is what the terminal shows, without prompts and colours; the exit
  status is that of the last command.

Options:
  --seed N                 make IDs, names and random numbers reproducible
  --link-rate RATE         speed of the simulated Internet link for docker pull and push:
                           bytes per second such as 10MB or 500kB (default 50MB), or 'instant'
  --mount REALDIR:SIMDIR   copy REALDIR into the host at SIMDIR before, and SIMDIR back to REALDIR
                           after (deletions included); may be repeated. What is copied in is owned
                           by root under / and its system directories (/root, /etc, /usr, /var,
                           /opt, /srv, ...), by student (uid 1000) elsewhere, e.g. under /home,
                           /tmp or /mnt
  -h, --help               show this help
  --version                show the version

Exit status: the shell's; 2 for a usage error.
`;

const warn = (message: string) => process.stderr.write(`dockersim: ${message}\n`);

async function main(argv: string[]): Promise<number> {
  let opts: ReturnType<typeof parseCli>;
  try {
    opts = parseCli(argv);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`dockersim: ${e.message}\nTry 'dockersim --help' for more information.\n`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (opts === 'version') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`dockersim ${pkg.version}\n`);
    return 0;
  }
  for (const m of opts.mounts) {
    const st = await fs.stat(m.real).catch(() => null);
    if (!st?.isDirectory()) {
      warn(`${m.real}: not a directory`);
      return 2;
    }
  }
  let scriptText: string | undefined;
  if (opts.script !== undefined) {
    try {
      scriptText = await fs.readFile(opts.script, 'utf8');
    } catch (e) {
      warn(`${opts.script}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}`);
      return 2;
    }
  }

  const host = new Host({ seed: opts.seed, linkRate: opts.linkRate });
  for (const m of opts.mounts) {
    try {
      await copyIn(host, m.real, m.sim, warn);
    } catch (e) {
      warn(`--mount ${m.real}:${m.sim}: ${(e as Error).message}`);
      return 2;
    }
  }

  // The rule: a terminal on standard input means a person is typing.
  const interactive = scriptText === undefined && process.stdin.isTTY === true;
  let status = interactive ? await runInteractive(host) : await runScripted(host, scriptText);

  for (const m of opts.mounts) {
    try {
      await copyOut(host, m.sim, m.real, warn);
    } catch (e) {
      warn(`--mount ${m.real}:${m.sim}: writing back: ${(e as Error).message}`);
      // Files the caller expects outside are missing: that must not pass as success.
      status ||= 1;
    }
  }
  return status;
}

/**
 * Sends the terminal's output to stdout as it comes. When stdout cannot keep up, the terminal is
 * paused (as a screen sends XOFF), so a program flooding output blocks instead of filling memory.
 */
function toStdout(term: Terminal, transform: (text: string) => string): () => void {
  let waiting = false;
  const off = term.onOutput((text) => {
    const out = transform(text);
    if (!out || process.stdout.write(out) || waiting) return;
    waiting = true;
    term.pauseOutput(true);
    process.stdout.once('drain', () => {
      waiting = false;
      term.pauseOutput(false);
    });
  });
  return () => {
    // Whatever the shell wrote last, before it exited, is still to be shown.
    term.pauseOutput(false);
    off();
  };
}

/** The host's shell in this terminal: raw keystrokes in, terminal output out. */
async function runInteractive(host: Host): Promise<number> {
  // A terminal that does not report its size (or output that is not a terminal) gets 80x24.
  const size = () => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
  const term = host.openTerminal(size());
  const stop = toStdout(term, (t) => t);
  const onData = (d: string) => term.write(d);
  const onEnd = () => term.closeInput();
  // Node's 'resize' is SIGWINCH on the controlling terminal.
  const onResize = () => term.resize(size().cols, size().rows);
  // Raw mode: ^C, ^Z, arrows and line editing all belong to the simulated tty and shell.
  process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', onData);
  process.stdin.on('end', onEnd);
  process.stdout.on('resize', onResize);
  process.stdin.resume();
  try {
    return await term.exited;
  } finally {
    stop();
    process.stdin.off('data', onData);
    process.stdin.off('end', onEnd);
    process.stdout.off('resize', onResize);
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
}

/** Feeds a script as typed input; prints what the terminal shows without prompts or colours. */
async function runScripted(host: Host, text: string | undefined): Promise<number> {
  const term = host.openTerminal({ scripted: true, cols: 80, rows: 24 });
  const plain = new PlainText();
  const stop = toStdout(term, (t) => plain.push(t));
  // Lines end at '\n'. A script saved with CRLF line ends would otherwise type Enter twice (the tty
  // maps '\r' to '\n'), and a program reading input would take the second one as an empty line. A '\r'
  // at the end of a chunk waits to see whether a '\n' follows.
  let cr = false;
  let last = '\n';
  const type = (d: string) => {
    if (!d) return;
    let text = (cr ? '\r' : '') + d;
    cr = text.endsWith('\r');
    if (cr) text = text.slice(0, -1);
    text = text.replace(/\r\n/g, '\n');
    if (text) last = text;
    term.write(text);
  };
  // A last line without a newline is still a command: typing it ends with Enter, as bash runs it.
  const end = () => {
    if (cr || !last.endsWith('\n')) term.write('\n');
    term.closeInput();
  };
  if (text !== undefined) {
    type(text);
    end();
  } else {
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', type);
    process.stdin.on('end', end);
  }
  try {
    return await term.exited;
  } finally {
    stop();
  }
}

// A reader that goes away (`dockersim script f | head -1`) ends dockersim as SIGPIPE ends a program
// writing to a closed pipe (status 128+13), not with a stack trace. --mount is then not written back.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(141);
  throw e;
});

const code = await main(process.argv.slice(2));
// Exit once stdout has taken everything; background programs of the host would otherwise keep Node alive.
process.stdout.write('', () => process.exit(code));
