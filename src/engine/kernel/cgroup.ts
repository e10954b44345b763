import type { Process } from './process';

/**
 * A control group (cgroup v2): a node of the hierarchy under /sys/fs/cgroup with limits on the
 * processes in it and below it — memory.max, pids.max — and the events they cause. Memory is the
 * sum of what its live processes have charged (Kernel.charge); going over memory.max invokes the
 * OOM killer in this group only.
 */
export class Cgroup {
  readonly children = new Map<string, Cgroup>();
  memoryMax = Infinity;
  /** cgroup.freeze: 1 while docker pause holds the group. */
  frozen = false;
  /** cpu.max: microseconds of CPU per 100 ms period (Infinity: no limit). */
  cpuQuotaUs = Infinity;
  /** cpu.stat: CPU time used (ms), and how often the group was throttled. */
  cpuUsedMs = 0;
  throttled = 0;
  private periodStart = 0;
  private periodUsedMs = 0;
  pidsMax = Infinity;
  /** memory.events: `oom` when the limit was hit, `oom_kill` for each process the killer ended. */
  readonly events = { low: 0, high: 0, max: 0, oom: 0, oom_kill: 0 };
  /** The live processes directly in this group. */
  readonly procs = new Set<Process>();

  constructor(readonly name: string, readonly parent: Cgroup | null) {
    parent?.children.set(name, this);
  }

  /** `/system.slice/docker-<id>.scope`, as /proc/PID/cgroup shows it (`0::` + this). */
  get path(): string {
    return this.parent ? `${this.parent.path === '/' ? '' : this.parent.path}/${this.name}` : '/';
  }

  /** The group at `path` below this one, created when missing. */
  child(path: string): Cgroup {
    const [first, ...rest] = path.split('/').filter(Boolean);
    if (first === undefined) return this;
    const next = this.children.get(first) ?? new Cgroup(first, this);
    return next.child(rest.join('/'));
  }

  /** Live processes in this group and below. */
  allProcs(): Process[] {
    return [...[...this.procs].filter((p) => !p.ended), ...[...this.children.values()].flatMap((c) => c.allProcs())];
  }

  /** memory.current: bytes charged by the processes in this group and below. */
  memoryCurrent(): number {
    return this.allProcs().reduce((n, p) => n + p.rssKb * 1024, 0);
  }

  /** Records `ms` of CPU used by a process of this group at clock time `now`. */
  useCpu(ms: number, now: number): void {
    this.cpuUsedMs += ms;
    if (now - this.periodStart >= 100) {
      this.periodStart = now - ((now - this.periodStart) % 100);
      this.periodUsedMs = 0;
    }
    this.periodUsedMs += ms;
    this.parent?.useCpu(ms, now);
  }

  /** If this group (or an ancestor) used its cpu.max quota this period: ms until the next one. */
  overQuota(now: number): number {
    if (Number.isFinite(this.cpuQuotaUs) && now - this.periodStart < 100 && this.periodUsedMs * 1000 >= this.cpuQuotaUs) return Math.max(1, 100 - (now - this.periodStart));
    return this.parent ? this.parent.overQuota(now) : 0;
  }

  /** This group and its ancestors, nearest first. */
  lineage(): Cgroup[] {
    return this.parent ? [this, ...this.parent.lineage()] : [this];
  }

  /** Removes the group from the hierarchy (when its container is gone). */
  remove(): void {
    this.parent?.children.delete(this.name);
  }
}
