/** errno values the simulated kernel returns, with the messages strerror(3) gives them. */
export const ERRNO = {
  EPERM: [1, 'Operation not permitted'],
  ENOENT: [2, 'No such file or directory'],
  ESRCH: [3, 'No such process'],
  EINTR: [4, 'Interrupted system call'],
  EIO: [5, 'Input/output error'],
  ENXIO: [6, 'No such device or address'],
  E2BIG: [7, 'Argument list too long'],
  ENOEXEC: [8, 'Exec format error'],
  EBADF: [9, 'Bad file descriptor'],
  ECHILD: [10, 'No child processes'],
  EAGAIN: [11, 'Resource temporarily unavailable'],
  ENOMEM: [12, 'Cannot allocate memory'],
  EACCES: [13, 'Permission denied'],
  EBUSY: [16, 'Device or resource busy'],
  EEXIST: [17, 'File exists'],
  EXDEV: [18, 'Invalid cross-device link'],
  ENODEV: [19, 'No such device'],
  ENOTDIR: [20, 'Not a directory'],
  EISDIR: [21, 'Is a directory'],
  EINVAL: [22, 'Invalid argument'],
  EMFILE: [24, 'Too many open files'],
  ENOTTY: [25, 'Inappropriate ioctl for device'],
  ETXTBSY: [26, 'Text file busy'],
  EFBIG: [27, 'File too large'],
  ENOSPC: [28, 'No space left on device'],
  ESPIPE: [29, 'Illegal seek'],
  EROFS: [30, 'Read-only file system'],
  EMLINK: [31, 'Too many links'],
  EPIPE: [32, 'Broken pipe'],
  ERANGE: [34, 'Numerical result out of range'],
  ENAMETOOLONG: [36, 'File name too long'],
  ENOSYS: [38, 'Function not implemented'],
  ENOTEMPTY: [39, 'Directory not empty'],
  ELOOP: [40, 'Too many levels of symbolic links'],
  ENOTSUP: [95, 'Operation not supported'],
  EADDRINUSE: [98, 'Address already in use'],
  ECONNREFUSED: [111, 'Connection refused'],
} as const;

/** An errno name such as `ENOENT`. */
export type Errno = keyof typeof ERRNO;

/** A failed system call: carries the errno `code` and strerror's text in `message`. */
export class SysError extends Error {
  readonly code: Errno;
  readonly errno: number;
  constructor(code: Errno, readonly path?: string) {
    super(ERRNO[code][1]);
    this.code = code;
    this.errno = ERRNO[code][0];
    this.name = 'SysError';
  }
}

/** True when `e` is a SysError, optionally with the given code. */
export function isSysError(e: unknown, code?: Errno): e is SysError {
  return e instanceof SysError && (code === undefined || e.code === code);
}

/** strerror(3) for an errno name. */
export function strerror(code: Errno): string {
  return ERRNO[code][1];
}
