/** The parts of Node's `process` memfs asks for when there is none (a browser worker). */
const process = { cwd: () => '/', env: {}, platform: 'linux', emitWarning: () => {} };
export default process;
