/**
 * memfs names Node's stream classes for its fs.createReadStream, which the simulator never calls;
 * these empty classes let it load in a browser without a stream library.
 */
export class Readable {}
/** See Readable. */
export class Writable {}
export default { Readable, Writable };
