/**
 * The few facilities the engine takes from whatever hosts it (a Web Worker, Node, a test runner).
 * Every one exists in both browsers' workers and Node, so the engine runs unchanged in each.
 */
declare function setTimeout(handler: () => void, ms?: number): number;
declare function clearTimeout(id: number | undefined): void;
declare function queueMicrotask(cb: () => void): void;
declare const performance: { now(): number };

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
interface MessagePortLike {
  onmessage: ((ev: unknown) => void) | null;
  postMessage(msg: unknown): void;
}
declare class MessageChannel {
  port1: MessagePortLike;
  port2: MessagePortLike;
}
declare const console: { log(...a: unknown[]): void; error(...a: unknown[]): void; warn(...a: unknown[]): void };

declare class URLSearchParams {
  constructor(init?: string);
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
}
declare class URL {
  constructor(url: string, base?: string);
  readonly pathname: string;
  readonly searchParams: URLSearchParams;
}
