import { SUPPORTED_LANGUAGES, currentLanguage, setLanguage, useTranslation } from '@miroir/web/i18n';

/** FR / EN toggle buttons; each name is written in its own language (lang attribute). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const active = i18n.resolvedLanguage ?? currentLanguage();
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {SUPPORTED_LANGUAGES.map((language) => (
        <button key={language} type="button" lang={language} aria-pressed={active === language} onClick={() => void setLanguage(language)}>
          <span aria-hidden="true">{language.toUpperCase()}</span>
          <span className="sr-only">{t(`language.${language}`)}</span>
        </button>
      ))}
    </div>
  );
}
