import type { ProgramSpec } from './context';

/** true: do nothing, successfully. */
export const trueProgram: ProgramSpec = {
  name: 'true',
  summary: 'do nothing, successfully',
  usage: 'true [ignored command line arguments]',
  async run() {
    return 0;
  },
};

/** false: do nothing, unsuccessfully. */
export const falseProgram: ProgramSpec = {
  name: 'false',
  summary: 'do nothing, unsuccessfully',
  usage: 'false [ignored command line arguments]',
  async run() {
    return 1;
  },
};
