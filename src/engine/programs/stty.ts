import type { Ctx, ProgramSpec } from './context';

/** stty [size | -a | [-]echo | [-]icanon | [-]isig | raw | cooked | sane]: the terminal's modes. */
export const stty: ProgramSpec = {
  name: 'stty',
  summary: 'change and print terminal line settings',
  usage: 'stty [SETTING]...',
  description: '  size      print the number of rows and columns\n  -a        print all current settings\n  [-]echo   echo input characters\n  [-]icanon enable special characters: erase, kill, eof (canonical mode)\n  [-]isig   enable interrupt, quit and suspend special characters\n  raw       same as -icanon -isig -echo\n  sane      reset all modes to reasonable values',
  async run(ctx: Ctx) {
    const file = ctx.proc.fds.get(0);
    const tty = file?.isTTY ? ctx.proc.tty : null;
    if (!tty) {
      await ctx.err("stty: 'standard input': Inappropriate ioctl for device\n");
      return 1;
    }
    const args = ctx.args;
    if (args.length === 0 || args[0] === '-a') {
      const t = tty.termios;
      const flag = (on: boolean, name: string) => (on ? name : `-${name}`);
      if (args[0] === '-a') await ctx.out(`speed 38400 baud; rows ${tty.rows}; columns ${tty.cols}; line = 0;\nintr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; susp = ^Z;\n${flag(t.icrnl, 'icrnl')} ${flag(t.onlcr, 'onlcr')}\n${flag(t.isig, 'isig')} ${flag(t.icanon, 'icanon')} ${flag(t.echo, 'echo')}\n`);
      else await ctx.out(`speed 38400 baud; line = 0;\n${t.echo ? '' : '-echo '}${t.icanon ? '' : '-icanon '}${t.isig ? '' : '-isig'}\n`.replace(/\n\n$/, '\n'));
      return 0;
    }
    for (const a of args) {
      switch (a) {
        case 'size': await ctx.out(`${tty.rows} ${tty.cols}\n`); break;
        case 'echo': case '-echo': tty.setMode({ echo: a === 'echo' }); break;
        case 'icanon': case '-icanon': tty.setMode({ icanon: a === 'icanon' }); break;
        case 'isig': case '-isig': tty.setMode({ isig: a === 'isig' }); break;
        case 'raw': case '-cooked': tty.setMode({ icanon: false, isig: false, echo: false }); break;
        case 'cooked': case '-raw': case 'sane': tty.setMode({ icanon: true, isig: true, echo: true, icrnl: true, onlcr: true }); break;
        default:
          await ctx.err(`stty: invalid argument ‘${a}’\nTry 'stty --help' for more information.\n`);
          return 1;
      }
    }
    return 0;
  },
};

/** tput cols | lines | clear | colors: terminal capabilities of an xterm-256color. */
export const tput: ProgramSpec = {
  name: 'tput',
  summary: 'initialize a terminal or query terminfo database',
  usage: 'tput [-Ttype] capname',
  async run(ctx: Ctx) {
    const tty = ctx.proc.tty;
    const cap = ctx.args[0];
    switch (cap) {
      case 'cols': await ctx.out(`${tty?.cols ?? 80}\n`); return 0;
      case 'lines': await ctx.out(`${tty?.rows ?? 24}\n`); return 0;
      case 'colors': await ctx.out('256\n'); return 0;
      case 'clear': await ctx.out('\x1b[H\x1b[2J'); return 0;
      case 'bold': await ctx.out('\x1b[1m'); return 0;
      case 'sgr0': await ctx.out('\x1b(B\x1b[m'); return 0;
      case 'setaf': await ctx.out(`\x1b[38;5;${ctx.args[1] ?? 7}m`); return 0;
      default:
        await ctx.err(`tput: unknown terminfo capability '${cap ?? ''}'\n`);
        return 4;
    }
  },
};
