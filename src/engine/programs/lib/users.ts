import type { Ctx } from '../context';

/** A line of /etc/passwd. */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

/** The accounts in /etc/passwd, read as the caller can see them. */
export function readPasswd(ctx: Ctx): PasswdEntry[] {
  try {
    return ctx.fs.readText(ctx.proc, '/etc/passwd').split('\n').filter(Boolean).map((l) => {
      const f = l.split(':');
      return { name: f[0], uid: Number(f[2]), gid: Number(f[3]), gecos: f[4] ?? '', home: f[5] ?? '', shell: f[6] ?? '' };
    });
  } catch {
    return [];
  }
}

/** The groups in /etc/group: name, gid and members. */
export function readGroups(ctx: Ctx): { name: string; gid: number; members: string[] }[] {
  try {
    return ctx.fs.readText(ctx.proc, '/etc/group').split('\n').filter(Boolean).map((l) => {
      const f = l.split(':');
      return { name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) };
    });
  } catch {
    return [];
  }
}

/** The name of a uid, or the number itself when it has none. */
export function userName(ctx: Ctx, uid: number): string {
  return readPasswd(ctx).find((p) => p.uid === uid)?.name ?? String(uid);
}

/** The name of a gid, or the number itself. */
export function groupName(ctx: Ctx, gid: number): string {
  return readGroups(ctx).find((g) => g.gid === gid)?.name ?? String(gid);
}

/** A user given by name or number; undefined when unknown. */
export function lookupUser(ctx: Ctx, spec: string): PasswdEntry | undefined {
  const all = readPasswd(ctx);
  return all.find((p) => p.name === spec) ?? (/^\d+$/.test(spec) ? all.find((p) => p.uid === Number(spec)) ?? { name: spec, uid: Number(spec), gid: Number(spec), gecos: '', home: '/', shell: '' } : undefined);
}

/** A group given by name or number; undefined when unknown. */
export function lookupGroup(ctx: Ctx, spec: string): number | undefined {
  const g = readGroups(ctx).find((x) => x.name === spec);
  if (g) return g.gid;
  return /^\d+$/.test(spec) ? Number(spec) : undefined;
}
