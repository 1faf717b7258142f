export { useTranslation, Trans, I18nextProvider } from 'react-i18next';
export {
  i18n,
  SUPPORTED_LANGUAGES,
  DEFAULT_LANGUAGE,
  LANGUAGE_STORAGE_KEY,
  isLanguage,
  currentLanguage,
  setLanguage,
  formatDate,
  type Language,
  type TFunction,
} from './i18n';
export { apiErrorMessage, errorMessage, errorTitle, fieldErrorMessage, isApiErrorCode } from './errors';
export { fr, type Messages } from './locales/fr';
export { en } from './locales/en';
