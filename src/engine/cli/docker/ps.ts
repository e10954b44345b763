import type { Ctx } from '../../programs/context';
import type { DockerClient } from './connection';
import { table } from './table';

/** docker ps [-a] [-q]: containers from GET /containers/json. @sim partial: no containers yet. */
export async function ps(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const all = args.includes('-a') || args.includes('--all');
  const list = await client.request<unknown[]>('GET', `/containers/json${all ? '?all=1' : ''}`);
  if (args.includes('-q') || args.includes('--quiet')) return 0;
  await ctx.out(table(['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], list.map(() => [])));
  return 0;
}
