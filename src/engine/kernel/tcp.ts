import { SysError } from './errors';
import type { Namespace } from './pidns';
import type { Process } from './process';

/** A listening TCP socket: the process that owns it and what it hands each connection. */
export interface TcpListener {
  owner: Process;
  port: number;
  /** The program name `ss -p` shows. */
  program: string;
  accept: (client: Process) => unknown;
}

/**
 * Listening TCP sockets, per network namespace: a port is bound once per namespace, and a
 * connection reaches the listener bound in the namespace it is made in.
 * @sim partial: a connection is a direct call on the listener's service object (no segments,
 * no addresses beyond the port, no HTTP framing).
 */
export class TcpTable {
  private readonly byNs = new Map<Namespace, Map<number, TcpListener>>();

  /** bind(2) + listen(2) on `port` in `ns`; EADDRINUSE when a live socket holds it. */
  listen(ns: Namespace, listener: TcpListener): () => void {
    const ports = this.byNs.get(ns) ?? new Map<number, TcpListener>();
    const held = ports.get(listener.port);
    if (held && !held.owner.ended) throw new SysError('EADDRINUSE');
    ports.set(listener.port, listener);
    this.byNs.set(ns, ports);
    return () => {
      if (ports.get(listener.port) === listener) ports.delete(listener.port);
    };
  }

  /** connect(2) to `port` in `ns`: what the listener hands out, or ECONNREFUSED. */
  connect<T>(ns: Namespace, port: number, client: Process): T {
    const l = this.byNs.get(ns)?.get(port);
    if (!l || l.owner.ended) throw new SysError('ECONNREFUSED');
    return l.accept(client) as T;
  }

  /** The live listeners of `ns`, by port. */
  listeners(ns: Namespace): TcpListener[] {
    return [...(this.byNs.get(ns)?.values() ?? [])].filter((l) => !l.owner.ended).sort((a, b) => a.port - b.port);
  }
}
