import { checksumProgram } from './lib/checksum';
import { Md5 } from './lib/hash';

/** md5sum [OPTION]... [FILE]...: prints `HASH  NAME` per file, or checks a list of them (-c). */
export const md5sum = checksumProgram('md5sum', 'MD5', 128, () => new Md5());
