import type { Ctx } from '../context';
import type { OpenFile } from '../../kernel/file';
import { isSysError } from '../../kernel/errors';

/** coreutils' wording when head, tail and friends cannot open a file. */
export const cannotOpen = (name: string, message: string): string => `cannot open '${name}' for reading: ${message}`;

/**
 * Opens each operand (or standard input for none or `-`) in turn, reporting `name: file: error`
 * for those that cannot be read, as text tools do; `fn` gets each open file.
 */
export async function eachInput(ctx: Ctx, files: string[], fn: (file: OpenFile, name: string) => Promise<void>, openError?: (name: string, message: string) => string): Promise<number> {
  let status = 0;
  for (const name of files.length ? files : ['-']) {
    let file: OpenFile;
    try {
      file = ctx.openRead(name);
      if (file.kind === 'dir') {
        file.close();
        await ctx.error(`${name}: Is a directory`);
        status = 1;
        continue;
      }
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.error(openError ? openError(name, e.message) : `${name}: ${e.message}`);
      status = 1;
      continue;
    }
    try {
      await fn(file, name);
    } finally {
      file.close();
    }
  }
  return status;
}

/** Reads an open file to its end as text. */
export async function readAllText(ctx: Ctx, file: OpenFile): Promise<string> {
  return new TextDecoder().decode(await ctx.readAllFrom(file));
}

/** Splits text into lines without their newlines (a final newline ends the last line). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
