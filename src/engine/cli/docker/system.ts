import type { Ctx } from '../../programs/context';
import { CliError, type DockerClient } from './connection';
import { table } from './table';
import { humanSize } from './format';

interface DataUsage {
  LayersSize: number;
  Images: { Id: string; UniqueSize: number; InUse: boolean }[];
  Containers: { SizeRw: number; State: string }[];
}

/** `12B (50%)`: reclaimable space and its share, as docker system df shows it. */
function reclaimable(part: number, total: number): string {
  return total === 0 ? humanSize(part) : `${humanSize(part)} (${Math.round((part / total) * 100)}%)`;
}

/** docker system df: disk used by images (shared layers counted once), containers, volumes, build cache. */
export async function system(ctx: Ctx, client: DockerClient, args: string[]): Promise<number> {
  if (args[0] !== 'df') throw new CliError(`docker: '${args[0] ?? ''}' is not a docker command.\nSee 'docker system --help'`);
  const u = await client.request<DataUsage>('GET', '/system/df');
  const imgReclaim = u.Images.filter((i) => !i.InUse).reduce((n, i) => n + i.UniqueSize, 0);
  const cSize = u.Containers.reduce((n, c) => n + c.SizeRw, 0);
  const cReclaim = u.Containers.filter((c) => c.State !== 'running').reduce((n, c) => n + c.SizeRw, 0);
  await ctx.out(table(['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'], [
    ['Images', String(u.Images.length), String(u.Images.filter((i) => i.InUse).length), humanSize(u.LayersSize), reclaimable(imgReclaim, u.LayersSize)],
    ['Containers', String(u.Containers.length), String(u.Containers.filter((c) => c.State === 'running').length), humanSize(cSize), reclaimable(cReclaim, cSize)],
    ['Local Volumes', '0', '0', '0B', '0B'],
    ['Build Cache', '0', '0', '0B', '0B'],
  ]));
  return 0;
}
