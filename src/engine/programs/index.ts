import type { ProgramSpec } from './context';
import { cat } from './cat';
import { echo } from './echo';
import { falseProgram, trueProgram } from './true';
import { sleep } from './sleep';
import { shellProgram, shProgram } from '../shell';

/** Every program installed on the host, one import per program file. */
export const ALL_PROGRAMS: ProgramSpec[] = [
  shellProgram,
  shProgram,
  cat,
  echo,
  trueProgram,
  falseProgram,
  sleep,
];
