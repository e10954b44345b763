import type { Shell } from './interp';
import { R_OK, W_OK, X_OK } from '../vfs/vfs';

/** The file tests of test(1) and `[[ ]]`: -e -f -d -L -h -r -w -x -s -p -c -b -S. */
export function unaryFileTest(sh: Shell, op: string, path: string): boolean {
  const fs = sh.ctx.fs;
  const who = sh.proc;
  try {
    switch (op) {
      case '-e':
      case '-a':
        return fs.exists(who, path);
      case '-f':
        return fs.stat(who, path).type === 'file';
      case '-d':
        return fs.stat(who, path).type === 'dir';
      case '-L':
      case '-h':
        return fs.lstat(who, path).type === 'symlink';
      case '-s':
        return fs.stat(who, path).size > 0;
      case '-p':
        return fs.stat(who, path).type === 'fifo';
      case '-c':
        return fs.stat(who, path).type === 'chardev';
      case '-b':
        return fs.stat(who, path).type === 'blockdev';
      case '-S':
        return fs.stat(who, path).type === 'socket';
      case '-r':
        return fs.access(who, path, R_OK);
      case '-w':
        return fs.access(who, path, W_OK);
      case '-x':
        return fs.access(who, path, X_OK);
      case '-t':
        return sh.proc.fds.get(Number(path))?.isTTY ?? false;
    }
  } catch {
    return false;
  }
  return false;
}
