import type { Ctx } from '../../programs/context';
import type { DockerClient } from './connection';
import { table } from './table';

/** docker images [-q]: images from GET /images/json. @sim partial: no images yet. */
export async function images(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  const list = await client.request<unknown[]>('GET', '/images/json');
  if (args.includes('-q') || args.includes('--quiet')) return 0;
  await ctx.out(table(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], list.map(() => [])));
  return 0;
}
