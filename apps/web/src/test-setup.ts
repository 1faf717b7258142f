import '@testing-library/jest-dom/vitest';
import { i18n } from '@miroir/web/i18n';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(async () => {
  cleanup();
  window.localStorage.clear();
  if (i18n.language !== 'fr') await i18n.changeLanguage('fr');
});
