/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig, searchForWorkspaceRoot } from 'vite';
import { configDefaults } from 'vitest/config';

// Tauri serves ui/dist from its own asset protocol and points the dev window at
// this fixed port (tauri.conf.json devUrl), so the port must not wander.
export default defineConfig({
  // svelteTesting only acts under Vitest: browser builds of Svelte, auto cleanup.
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    // `npm run dev` in a plain browser: the commands go to a running
    // `caredesk serve-ui --listen 127.0.0.1:8790` (web.ts), the real Rust.
    proxy: { '/api': `http://${process.env.CAREDESK_SERVE_UI || '127.0.0.1:8790'}` },
    // The words are the repository's catalogue (../words), shared with the
    // Rust that prints, logs and notifies: the dev server may read it.
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), '../words'] },
  },
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  build: {
    // WebKitGTK on Debian 12 / Ubuntu 22.04 is the oldest engine we ship to.
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // ui/e2e holds Playwright's specs, which run in a real browser (npm run e2e).
    exclude: [...configDefaults.exclude, 'e2e/**'],
    setupFiles: ['src/tests/setup.ts'],
    restoreMocks: true,
    // Tests that show local times (activity, lockouts) read them on a
    // Vietnamese clock, whatever zone the machine running them is set to.
    env: { TZ: 'Asia/Ho_Chi_Minh' },
  },
});
