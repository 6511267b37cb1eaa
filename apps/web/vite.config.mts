// .mts, not .ts: the root package is CommonJS, and Vite warns when it loads ESM syntax from a .ts
// config there; .mts is ESM by extension and loads cleanly.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = 'http://localhost:3000';

// Vite only loads a config's default export.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: {
    // The one lib the web UI shares with the server (DESIGN.md "Layout"); same alias as tsconfig.json.
    alias: { '@app/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change far less often than our code: separate chunks stay cached across
        // releases, which matters on the slow connections and old laptops Envol is used on.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 3 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui)[\\/]/, priority: 2 },
            // The QR code library stays out: only the MFA enrolment screen loads it, on demand.
            { name: 'vendor', test: /node_modules[\\/](?!(qrcode|dijkstrajs)[\\/])/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/metrics': api,
    },
  },
});
