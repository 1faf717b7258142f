import { useTranslation } from '@miroir/web/i18n';
import { PageHeader, buttonClassName, usePageTitle } from '@miroir/web/ui';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('app.pageTitle', { page: t('notFound.title') }));
  return (
    <>
      <PageHeader title={t('notFound.title')}>
        <p className="lead">{t('notFound.body')}</p>
      </PageHeader>
      <Link className={buttonClassName('primary')} to="/plans">
        {t('notFound.back')}
      </Link>
    </>
  );
}
