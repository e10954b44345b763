import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { nodePolyfills } from 'vite-plugin-node-polyfills';

// memfs imports node:buffer, node:events, node:path, node:stream, node:url and node:util; the
// worker gets small browser versions of them. The page itself needs none.
const polyfills = () => nodePolyfills({ include: ['buffer', 'events', 'path', 'stream', 'url', 'util', 'process'], protocolImports: true });

export default defineConfig({
  plugins: [react()],
  worker: {
    format: 'es',
    plugins: () => [polyfills()],
  },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
});
