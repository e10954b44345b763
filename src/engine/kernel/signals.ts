/** Linux signal numbers (x86-64), their names and what the kernel does when nobody handles them. */
export const SIG = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
  SIGSTKFLT: 16, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22,
  SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29,
  SIGPWR: 30, SIGSYS: 31,
} as const;

/** A signal number. */
export type Signal = number;

/** What the kernel does with a signal that has no handler (signal(7)). */
export type DefaultAction = 'term' | 'core' | 'ignore' | 'stop' | 'cont';

const IGNORED = new Set<number>([SIG.SIGCHLD, SIG.SIGURG, SIG.SIGWINCH]);
const STOPPING = new Set<number>([SIG.SIGSTOP, SIG.SIGTSTP, SIG.SIGTTIN, SIG.SIGTTOU]);
const CORE = new Set<number>([SIG.SIGQUIT, SIG.SIGILL, SIG.SIGTRAP, SIG.SIGABRT, SIG.SIGBUS, SIG.SIGFPE, SIG.SIGSEGV, SIG.SIGXCPU, SIG.SIGXFSZ, SIG.SIGSYS]);

/** The default disposition of a signal, as signal(7) lists it. */
export function defaultAction(sig: Signal): DefaultAction {
  if (sig === SIG.SIGCONT) return 'cont';
  if (IGNORED.has(sig)) return 'ignore';
  if (STOPPING.has(sig)) return 'stop';
  if (CORE.has(sig)) return 'core';
  return 'term';
}

const BY_NUMBER = new Map<number, string>(Object.entries(SIG).map(([k, v]) => [v, k]));

/** `SIGTERM` for 15; `undefined` for an unknown number. */
export function signalName(sig: Signal): string | undefined {
  return BY_NUMBER.get(sig);
}

/** Parses `TERM`, `SIGTERM`, `sigterm` or `15`; returns undefined for anything else. */
export function parseSignal(text: string): Signal | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= 0 && n <= 64 ? n : undefined;
  }
  const up = text.toUpperCase();
  const name = up.startsWith('SIG') ? up : `SIG${up}`;
  return (SIG as Record<string, number>)[name];
}

/** strsignal(3) descriptions, as bash prints them for jobs killed by a signal. */
const DESCRIPTIONS: Record<number, string> = {
  1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 4: 'Illegal instruction', 5: 'Trace/breakpoint trap',
  6: 'Aborted', 7: 'Bus error', 8: 'Floating point exception', 9: 'Killed', 10: 'User defined signal 1',
  11: 'Segmentation fault', 12: 'User defined signal 2', 13: 'Broken pipe', 14: 'Alarm clock',
  15: 'Terminated', 16: 'Stack fault', 17: 'Child exited', 18: 'Continued', 19: 'Stopped (signal)',
  20: 'Stopped', 21: 'Stopped (tty input)', 22: 'Stopped (tty output)', 23: 'Urgent I/O condition',
  24: 'CPU time limit exceeded', 25: 'File size limit exceeded', 26: 'Virtual timer expired',
  27: 'Profiling timer expired', 28: 'Window changed', 29: 'I/O possible', 30: 'Power failure', 31: 'Bad system call',
};

/** `Terminated` for SIGTERM, as strsignal(3) says it. */
export function signalDescription(sig: Signal): string {
  return DESCRIPTIONS[sig] ?? `Real-time signal ${sig - 34}`;
}
