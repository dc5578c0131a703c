import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built by `npm run example` (and the e2e tests) into `dist/`, served with the gateway URL filled in.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { host: '127.0.0.1' },
});
