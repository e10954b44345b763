/// <reference lib="webworker" />
/**
 * The engine's home in the browser: a Web Worker that owns the simulated host, so the page stays
 * responsive whatever runs inside. It is the only code that talks to the page (DESIGN.md rule 1).
 */
import { Host, parseLinkRate, type Terminal } from '../engine/index';
import type { FromWorker, ToWorker } from '../protocol/messages';

declare const self: DedicatedWorkerGlobalScope;

let host: Host | null = null;
let term: Terminal | null = null;
let size = { cols: 80, rows: 24 };

// Flow control: output the page has not drawn yet. Past HIGH the terminal pauses; below LOW it
// resumes, so a flood (`yes`) never piles up more than the page can draw quickly.
const HIGH = 256 * 1024;
const LOW = 64 * 1024;
let unacked = 0;
let paused = false;

function post(msg: FromWorker): void {
  self.postMessage(msg);
}

/** Opens a terminal with a login shell; when the shell ends, another one takes its place. */
function openTerminal(): void {
  if (!host) return;
  const t = host.openTerminal(size);
  term = t;
  t.onOutput((data) => {
    post({ type: 'output', data });
    unacked += data.length;
    if (!paused && unacked > HIGH) {
      paused = true;
      t.pauseOutput(true);
    }
  });
  void t.exited.then((code) => {
    if (term !== t) return;
    post({ type: 'exit', code });
    post({ type: 'output', data: `\r\n[the shell exited with status ${code}; a new login shell is starting]\r\n` });
    openTerminal();
  });
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  try {
    if (msg.type === 'start') {
      if (host) return;
      size = { cols: msg.cols, rows: msg.rows };
      host = new Host({ seed: msg.seed, linkRate: msg.link ? (parseLinkRate(msg.link) ?? undefined) : undefined });
      host.onEvent((event) => post({ type: 'event', event }));
      openTerminal();
      post({ type: 'ready' });
    } else if (msg.type === 'input') {
      term?.write(msg.data);
    } else if (msg.type === 'ack') {
      unacked = Math.max(0, unacked - msg.chars);
      if (paused && unacked < LOW) {
        paused = false;
        term?.pauseOutput(false);
      }
    } else if (msg.type === 'resize') {
      size = { cols: msg.cols, rows: msg.rows };
      term?.resize(msg.cols, msg.rows);
    }
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
