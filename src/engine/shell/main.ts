import type { Ctx } from '../programs/context';
import { Shell, ShellExit, ShellError, Interrupt } from './interp';
import { parse, ParseError } from './parser';
import { expandPrompt } from './prompt';
import { expandHistory } from './history';
import { LineEditor, type Completion } from './readline';
import { completeWord } from './completion';
import { BUILTINS } from './builtins';
import { isSysError } from '../kernel/errors';
import { ProcessGone } from '../kernel/process';

/**
 * The shell program: `bash -c CMD`, `bash SCRIPT`, commands from a pipe, or an interactive shell
 * on a terminal that reads ~/.bashrc, shows a prompt and keeps jobs.
 */
export async function runShell(ctx: Ctx, name: 'bash' | 'sh'): Promise<number> {
  const sh = new Shell(ctx, name);
  const args = ctx.args;
  let i = 0;
  let command: string | undefined;
  let forceInteractive = false;
  const login = ctx.argv[0].startsWith('-') || args.includes('-l') || args.includes('--login');
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '-c') {
      command = args[++i];
      if (command === undefined) {
        await ctx.err(`${name}: -c: option requires an argument\n`);
        return 2;
      }
      i++;
      break;
    }
    if (a === '-i') forceInteractive = true;
    else if (a === '-l' || a === '--login' || a === '-s' || a === '--norc' || a === '--noprofile') continue;
    else if (a === '-e') sh.opts.errexit = true;
    else if (a === '-x') sh.opts.xtrace = true;
    else if (a === '-u') sh.opts.nounset = true;
    else if (a === '--version') {
      await ctx.out('GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\nCopyright (C) 2022 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\nThis is free software; you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n');
      return 0;
    } else if (a.startsWith('-') && a !== '-') {
      await ctx.err(`${name}: ${a}: invalid option\nUsage:\t${name} [GNU long option] [option] ...\n\t${name} [option] script-file ...\n`);
      return 2;
    } else break;
  }
  const rest = args.slice(i);
  try {
    if (command !== undefined) {
      sh.arg0 = rest[0] ?? name;
      sh.positional = rest.slice(1);
      return await finish(sh, await topLevel(sh, () => sh.runSource(command!)));
    }
    if (rest.length > 0) {
      const path = rest[0];
      let text: string;
      try {
        text = ctx.fs.readText(ctx.proc, path);
      } catch (e) {
        if (isSysError(e)) {
          await ctx.err(`${name}: ${path}: ${e.message}\n`);
          return e.code === 'ENOENT' ? 127 : 126;
        }
        throw e;
      }
      sh.arg0 = path;
      sh.errName = path;
      sh.positional = rest.slice(1);
      return await finish(sh, await topLevel(sh, () => sh.runSource(text.replace(/^#![^\n]*/, ''))));
    }
    if (ctx.isatty(0) || forceInteractive) return await interactive(sh, login);
    const text = await ctx.readText(0);
    return await finish(sh, await topLevel(sh, () => sh.runSource(text)));
  } catch (e) {
    if (e instanceof ShellExit) return finish(sh, e.code);
    throw e;
  }
}

async function finish(sh: Shell, code: number): Promise<number> {
  await sh.runExitTrap();
  return code;
}

/** Runs `fn` as a whole script: exit, errors and interrupts become a status. */
async function topLevel(sh: Shell, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ShellExit) return e.code;
    if (e instanceof ShellError) {
      await sh.error(e.message);
      return e.status;
    }
    if (e instanceof Interrupt) return 130;
    if (e instanceof RangeError) {
      await sh.error('maximum recursion depth exceeded');
      return 1;
    }
    if (e instanceof Error && (e.message === 'return' || e.message === 'break' || e.message === 'continue')) return sh.status;
    throw e;
  }
}

/** Reads one line from standard input (the terminal in canonical mode); null at end of input. */
async function readLineFd(sh: Shell): Promise<string | null> {
  const fd = sh.proc.fds.get(0);
  if (!fd) return null;
  const c = await fd.read(sh.proc, 1 << 20);
  if (c === null) return null;
  return new TextDecoder().decode(c);
}

async function interactive(sh: Shell, login: boolean): Promise<number> {
  sh.interactive = true;
  sh.installInteractiveHandlers();
  const tty = sh.proc.tty;
  const quiet = tty?.scripted ?? false;
  // Startup files, as bash reads them: a login shell /etc/profile then ~/.profile (which sources
  // ~/.bashrc on Debian); any other interactive bash ~/.bashrc; sh reads none (without $ENV).
  const home = sh.getVar('HOME');
  // Debian's bash also reads /etc/bash.bashrc first (its SYS_BASHRC).
  const rcs = login ? ['/etc/profile', `${home}/.profile`] : sh.name === 'bash' ? ['/etc/bash.bashrc', `${home}/.bashrc`] : [];
  for (const rc of rcs) {
    if (sh.ctx.fs.exists(sh.proc, rc)) await topLevel(sh, () => sh.runSource(`. ${rc}`));
  }
  sh.status = 0;
  const editor = tty && !quiet ? makeEditor(sh) : null;
  for (;;) {
    try {
      await sh.notifyJobs();
    } catch (e) {
      if (e instanceof ProcessGone) throw e;
    }
    let src = '';
    let prompt = quiet ? '' : expandPrompt(sh, sh.getVar('PS1') ?? '$ ');
    let eof = false;
    let abandoned = false;
    sh.atPrompt = true;
    try {
      for (;;) {
        let line: string | null;
        if (editor) {
          tty!.setMode({ icanon: false, echo: false, isig: false });
          try {
            const r = await editor.readLine(prompt, { history: sh.history, complete: editor.complete });
            if (r.kind === 'eof') line = null;
            else if (r.kind === 'interrupt') {
              abandoned = true;
              break;
            } else line = r.text + '\n';
          } finally {
            tty!.setMode({ icanon: true, echo: true, isig: true });
          }
        } else {
          if (prompt) await sh.write(2, prompt);
          line = await readLineFd(sh);
        }
        if (line === null) {
          if (src) {
            await sh.error('syntax error: unexpected end of file');
            src = '';
          }
          eof = true;
          break;
        }
        src += line;
        try {
          parse(src);
          break;
        } catch (e) {
          if (e instanceof ParseError && e.incomplete) {
            prompt = quiet ? '' : expandPrompt(sh, sh.getVar('PS2') ?? '> ');
            continue;
          }
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof Interrupt)) throw e;
      abandoned = true;
      await sh.write(2, '\n');
    } finally {
      sh.atPrompt = false;
    }
    if (abandoned) {
      sh.status = 130;
      continue;
    }
    if (eof) {
      if (!quiet) await sh.write(2, login ? 'logout\n' : 'exit\n');
      return finish(sh, sh.status);
    }
    if (src.includes('!')) {
      const h = expandHistory(src, sh.history);
      if ('error' in h) {
        await sh.error(h.error);
        sh.status = 1;
        continue;
      }
      if (h.changed) {
        src = h.text;
        if (!quiet) await sh.write(1, src);
      }
    }
    const trimmed = src.replace(/\n$/, '');
    if (trimmed.trim() && !(trimmed.startsWith(' ') && (sh.getVar('HISTCONTROL') ?? '').includes('ignore'))) {
      if (sh.history.at(-1) !== trimmed) sh.history.push(trimmed);
    }
    sh.interrupted = false;
    try {
      await sh.runSource(src);
    } catch (e) {
      if (e instanceof ShellExit) return finish(sh, e.code);
      if (e instanceof Interrupt) {
        sh.status = 130;
        continue;
      }
      if (e instanceof ShellError) {
        await sh.error(e.message);
        sh.status = e.status;
        continue;
      }
      if (e instanceof RangeError) {
        await sh.error('maximum recursion depth exceeded');
        sh.status = 1;
        continue;
      }
      if (e instanceof Error && ['return', 'break', 'continue'].includes(e.message)) continue;
      throw e;
    }
  }
}

/** The line editor on the shell's terminal, with completion from the shell's view of the system. */
function makeEditor(sh: Shell): { readLine: LineEditor['readLine']; complete: (line: string, cursor: number) => Completion } {
  const editor = new LineEditor({
    read: async () => {
      const c = await sh.proc.fd(0).read(sh.proc, 4096);
      return c === null ? null : new TextDecoder().decode(c);
    },
    write: (text) => sh.write(2, text),
    columns: () => sh.proc.tty?.cols ?? 80,
    unread: (text) => sh.proc.tty?.unread(text),
  });
  const fs = sh.ctx.fs;
  const complete = (line: string, cursor: number) =>
    completeWord(line, cursor, {
      listDir: (p) => {
        try {
          return fs.readdir(sh.proc, p);
        } catch {
          return null;
        }
      },
      isDir: (p) => {
        try {
          return fs.stat(sh.proc, p).type === 'dir';
        } catch {
          return false;
        }
      },
      isExecutable: (p) => fs.access(sh.proc, p, 1),
      cwd: sh.proc.cwd,
      home: sh.getVar('HOME') ?? '/',
      path: sh.getVar('PATH') ?? '',
      names: [...Object.keys(BUILTINS), ...sh.funcs.keys(), ...sh.aliases.keys(), ...KEYWORDS],
    });
  return { readLine: (p, o) => editor.readLine(p, o), complete };
}

const KEYWORDS = ['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', 'function', 'select', 'time', '[['];
