import type { ProgramSpec } from '../programs/context';
import { runShell } from './main';

/** bash: the GNU Bourne-Again SHell, as the simulator implements it. */
export const shellProgram: ProgramSpec = {
  name: 'bash',
  summary: 'GNU Bourne-Again SHell',
  usage: 'bash [option] [command_string | file]',
  description: 'Bash is an sh-compatible command language interpreter that executes commands read from the standard input, from a string (-c) or from a file.',
  run: (ctx) => runShell(ctx, 'bash'),
};

/** sh: the same shell, invoked under the POSIX name. */
export const shProgram: ProgramSpec = {
  ...shellProgram,
  name: 'sh',
  summary: 'command interpreter (shell)',
  run: (ctx) => runShell(ctx, 'sh'),
};
