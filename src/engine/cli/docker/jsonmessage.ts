import type { Ctx } from '../../programs/context';
import type { TtyFile } from '../../tty/tty';
import type { JsonMessage } from '../../daemon/api';
import { CliError } from './connection';
import { humanSize } from './format';

/** Sizes as go-units' HumanSize writes them: four significant digits, `29.15MB`. */
const humanSize4 = (bytes: number) => humanSize(bytes, 4);

/** A Go time.Duration in whole seconds, as String() writes it: `0s`, `42s`, `1m5s`, `2h0m3s`. */
function goDuration(seconds: number): string {
  if (seconds <= 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h}h${m}m${s}s` : m ? `${m}m${s}s` : `${s}s`;
}

/** The progress bar Docker draws for a transfer on a terminal `width` columns wide. */
export function progressBar(p: NonNullable<JsonMessage['progressDetail']>, width: number, now: number): string {
  const current = p.current ?? 0;
  const total = p.total ?? 0;
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize4(current).padStart(8);
  const pct = Math.min(50, Math.trunc(Math.trunc((current / total) * 100) / 2));
  const bar = width > 110 ? `[${'='.repeat(pct)}>${' '.repeat(Math.max(0, 50 - pct))}] ` : '';
  const numbers = current > total ? humanSize4(current).padStart(8) : `${humanSize4(current).padStart(8)}/${humanSize4(total)}`;
  let left = '';
  const start = p.start ? Math.floor(p.start / 1000) : 0;
  if (current > 0 && start > 0 && pct < 50 && width > 50) {
    const fromStart = now / 1000 - start;
    left = ` ${goDuration(Math.floor(((total - current) * fromStart) / current))}`;
  }
  return bar + numbers + left;
}

/**
 * Draws a daemon's message stream as the docker CLI does (jsonmessage): on a terminal, one line
 * per layer, rewritten in place with cursor movements as its progress changes; elsewhere one line
 * per status change and no progress bars. An error message ends the stream as a CliError.
 */
export async function displayJsonMessages(ctx: Ctx, fd: number, messages: AsyncIterable<JsonMessage>): Promise<void> {
  const file = ctx.proc.fds.get(fd);
  // A scripted terminal (dockersim fed from a pipe) is read as a log afterwards, not watched:
  // it gets the per-status lines docker prints to a pipe.
  const tty = file?.isTTY && !(file as TtyFile).tty.scripted ? (file as TtyFile).tty : null;
  let ids = new Map<string, number>();
  for await (const jm of messages) {
    if (jm.aux) continue;
    let out = '';
    let diff = 0;
    if (jm.id && jm.progressDetail) {
      let line = ids.get(jm.id);
      if (line === undefined) {
        line = ids.size;
        ids.set(jm.id, line);
        if (tty) out += '\n';
      }
      diff = ids.size - line;
      if (tty && diff) out += `\x1b[${diff}A`;
    } else {
      ids = new Map();
    }
    if (jm.errorDetail || jm.error) {
      if (out) await ctx.write(fd, out);
      throw new CliError(jm.errorDetail?.message ?? jm.error ?? '');
    }
    const bar = jm.progressDetail ? progressBar(jm.progressDetail, tty?.cols ?? 200, ctx.kernel.clock.now()) : '';
    if (!tty && bar) continue;
    let endl = '';
    if (tty && jm.progressDetail) {
      out += '\x1b[2K\r';
      endl = '\r';
    }
    if (jm.id) out += `${jm.id}: `;
    out += tty && jm.progressDetail ? `${jm.status ?? ''} ${bar}${endl}` : `${jm.status ?? ''}${endl}\n`;
    if (jm.id && tty && diff) out += `\x1b[${diff}B`;
    await ctx.write(fd, out);
  }
}
