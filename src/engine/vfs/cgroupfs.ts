import type { Kernel } from '../kernel/kernel';
import type { Cgroup } from '../kernel/cgroup';
import type { Caller } from './backend';
import { SyntheticFs, type SynthNode } from './synthetic';

const FILES = ['cgroup.controllers', 'cgroup.procs', 'cgroup.freeze', 'cpu.max', 'cpu.stat', 'memory.current', 'memory.events', 'memory.max', 'memory.peak', 'pids.current', 'pids.max'];

/**
 * cgroup2: the kernel's cgroup hierarchy as files (/sys/fs/cgroup). A container mounts its own
 * cgroup as the root (cgroup namespace), so `cat /sys/fs/cgroup/memory.max` inside shows its limit.
 * @sim partial: limits are read-only here (set them with docker run and docker update).
 */
export class CgroupFs extends SyntheticFs {
  readonly fsType = 'cgroup2';

  constructor(private readonly kernel: Kernel, private readonly root: () => Cgroup) {
    super(() => kernel.clock.now());
  }

  protected node(p: string, _caller: Caller): SynthNode | undefined {
    const parts = p.split('/').filter(Boolean);
    let g = this.root();
    while (parts.length > 1 || (parts.length === 1 && g.children.has(parts[0]))) {
      const next = g.children.get(parts[0]);
      if (!next) return undefined;
      g = next;
      parts.shift();
    }
    const file = (read: () => string, mode = 0o644): SynthNode => ({ type: 'file', read, mode });
    const limit = (v: number) => (Number.isFinite(v) ? `${v}\n` : 'max\n');
    if (parts.length === 0) return { type: 'dir', entries: () => [...FILES, ...[...g.children.keys()].sort()] };
    const procs = g.allProcs();
    switch (parts[0]) {
      case 'cgroup.controllers':
        return file(() => 'cpuset cpu io memory hugetlb pids rdma misc\n', 0o444);
      case 'cgroup.procs':
        return file(() => [...g.procs].filter((x) => !x.ended).map((x) => `${x.pid}\n`).join(''));
      case 'cgroup.freeze':
        return file(() => (g.frozen ? '1\n' : '0\n'));
      case 'cpu.max':
        return file(() => `${Number.isFinite(g.cpuQuotaUs) ? g.cpuQuotaUs : 'max'} 100000\n`);
      case 'cpu.stat':
        return file(() => `usage_usec ${Math.round(g.cpuUsedMs * 1000)}\nuser_usec ${Math.round(g.cpuUsedMs * 1000)}\nsystem_usec 0\nnr_periods ${Math.floor(g.cpuUsedMs / 100)}\nnr_throttled ${g.throttled}\nthrottled_usec 0\n`, 0o444);
      case 'memory.current':
        return file(() => `${g.memoryCurrent()}\n`, 0o444);
      case 'memory.peak':
        return file(() => `${g.memoryCurrent()}\n`, 0o444);
      case 'memory.max':
        return file(() => limit(g.memoryMax));
      case 'memory.events':
        return file(() => Object.entries(g.events).map(([k, v]) => `${k} ${v}\n`).join('') + 'oom_group_kill 0\n', 0o444);
      case 'pids.current':
        return file(() => `${procs.length}\n`, 0o444);
      case 'pids.max':
        return file(() => limit(g.pidsMax));
      default:
        return undefined;
    }
  }
}
