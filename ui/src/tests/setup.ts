import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { setLocale } from '../lib/i18n.svelte';

// Components are unmounted by @testing-library/svelte's own cleanup (svelteTesting plugin).
afterEach(() => {
  setLocale('vi');
  localStorage.clear();
});
