import type { Ctx } from '../programs/context';

/** Entry point of the shell program (being written). */
export async function runShell(ctx: Ctx, _name: 'bash' | 'sh'): Promise<number> {
  await ctx.err('bash: not ready\n');
  return 2;
}
