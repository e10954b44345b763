import type { Process } from './process';

let nextInum = 4026531835;

/** Allocates the inode number of a new namespace. */
export function allocInum(): number {
  return nextInum++;
}

/** A namespace of any kind: identified, as in /proc/PID/ns/*, by an inode number. */
export abstract class Namespace {
  /** The inode number `readlink /proc/PID/ns/X` shows, e.g. `pid:[4026531836]`. */
  readonly inum = allocInum();
  abstract readonly kind: 'pid' | 'uts' | 'mnt' | 'ipc' | 'net' | 'user' | 'cgroup';
}

/**
 * A PID namespace: its own numbering starting at 1. Namespaces nest; a process is visible, with a
 * different number, in its own namespace and in every ancestor (pid_namespaces(7)).
 */
export class PidNamespace extends Namespace {
  readonly kind = 'pid' as const;
  private next = 1;
  /** Processes by their PID in this namespace. */
  readonly byPid = new Map<number, Process>();
  /** The first process created in the namespace (PID 1), its reaper of orphans. */
  init: Process | null = null;
  /** The depth of nesting: 0 for the host's namespace. */
  readonly level: number;
  constructor(readonly parent: PidNamespace | null) {
    super();
    this.level = parent ? parent.level + 1 : 0;
  }
  /** Allocates the next PID in this namespace. */
  alloc(proc: Process): number {
    const pid = this.next++;
    this.byPid.set(pid, proc);
    if (pid === 1) this.init = proc;
    return pid;
  }
  /** The chain from the host's namespace down to this one. */
  lineage(): PidNamespace[] {
    return this.parent ? [...this.parent.lineage(), this] : [this];
  }
  /** True when `other` is this namespace or one nested inside it. */
  contains(other: PidNamespace): boolean {
    for (let ns: PidNamespace | null = other; ns; ns = ns.parent) if (ns === this) return true;
    return false;
  }
}

/** A UTS namespace: hostname and domain name (uname -n). */
export class UtsNamespace extends Namespace {
  readonly kind = 'uts' as const;
  constructor(public hostname: string, public domainname = '(none)') {
    super();
  }
}

/** A namespace kind the simulator only identifies for now (ipc, net, user, cgroup). */
export class PlainNamespace extends Namespace {
  constructor(readonly kind: 'ipc' | 'net' | 'user' | 'cgroup') {
    super();
  }
}
