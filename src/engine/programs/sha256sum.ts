import { checksumProgram } from './lib/checksum';
import { Sha256 } from './lib/hash';

/** sha256sum [OPTION]... [FILE]...: prints `HASH  NAME` per file, or checks a list of them (-c). */
export const sha256sum = checksumProgram('sha256sum', 'SHA256', 256, () => new Sha256());
