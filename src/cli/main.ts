/**
 * The `dockersim` command: the simulated host in a real terminal, or a script fed to it line by
 * line as if typed, printing what the terminal would show.
 */
import { promises as fs, readFileSync } from 'node:fs';
import { Host } from '../engine/index';
import { copyIn, copyOut } from './sync';
import { CliError, parseCli, stripTerminal } from './options';

const USAGE = `Usage: dockersim [--seed N] [--mount REALDIR:SIMDIR]... [script FILE]

Starts a simulated Linux host and its login shell.
  With a terminal on standard input: an interactive session.
  Otherwise (or with 'script FILE'): each input line is typed at the prompt; the output is what
  the terminal shows, without prompts and colours; the exit status is that of the last command.

Options:
  --seed N                 make IDs, names and random numbers reproducible
  --mount REALDIR:SIMDIR   copy REALDIR into the host at SIMDIR before, and back after
  -h, --help               show this help
  --version                show the version
`;

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
      process.stderr.write(`dockersim: ${m.real}: not a directory\n`);
      return 2;
    }
  }
  let scriptText: string | undefined;
  if (opts.script !== undefined) {
    try {
      scriptText = await fs.readFile(opts.script, 'utf8');
    } catch (e) {
      process.stderr.write(`dockersim: ${opts.script}: ${(e as Error).message}\n`);
      return 2;
    }
  }

  const host = new Host({ seed: opts.seed });
  for (const m of opts.mounts) await copyIn(host, m.real, m.sim);

  const interactive = scriptText === undefined && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const status = interactive ? await runInteractive(host) : await runScripted(host, scriptText);
  for (const m of opts.mounts) await copyOut(host, m.sim, m.real);
  return status;
}

/** The host's shell in this terminal: raw keystrokes in, terminal output out. */
async function runInteractive(host: Host): Promise<number> {
  const size = () => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
  const term = host.openTerminal(size());
  term.onOutput((t) => process.stdout.write(t));
  process.stdin.setRawMode(true);
  process.stdin.resume();
  process.stdin.setEncoding('utf8');
  const onData = (d: string) => term.write(d);
  const onResize = () => term.resize(size().cols, size().rows);
  process.stdin.on('data', onData);
  process.stdout.on('resize', onResize);
  try {
    return await term.exited;
  } finally {
    process.stdin.off('data', onData);
    process.stdout.off('resize', onResize);
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
}

/** Feeds a script as typed input; prints what the terminal shows without prompts or colours. */
async function runScripted(host: Host, text: string | undefined): Promise<number> {
  const term = host.openTerminal({ scripted: true, cols: 80, rows: 24 });
  term.onOutput((t) => process.stdout.write(stripTerminal(t)));
  if (text !== undefined) {
    term.write(text);
    term.closeInput();
  } else {
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d: string) => term.write(d));
    process.stdin.on('end', () => term.closeInput());
  }
  return term.exited;
}

const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
