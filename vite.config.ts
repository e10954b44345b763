import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const shim = (name: string) => fileURLToPath(new URL(`./src/worker/shims/${name}.ts`, import.meta.url));

// memfs imports a few Node built-ins. In the browser they resolve to small packages (buffer,
// events, path-browserify) or to shims for the parts memfs never uses on our paths.
const nodeBuiltins = {
  'node:buffer': 'buffer/',
  'node:events': 'events/',
  'node:path': 'path-browserify',
  'node:stream': shim('stream'),
  'node:url': shim('url'),
  process: shim('process'),
};

export default defineConfig({
  plugins: [react()],
  resolve: { alias: nodeBuiltins },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 700,
  },
});
