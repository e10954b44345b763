#!/usr/bin/env node
// The dockersim command: runs the TypeScript front directly through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
