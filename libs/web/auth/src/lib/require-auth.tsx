import { useSession } from '@miroir/web/data-access';
import { errorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, Button, LoadingState } from '@miroir/web/ui';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';

/** Renders its children (or the nested routes) only for a signed-in user; otherwise goes to /connexion?next=… */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.status === 'loading') return <LoadingState label={t('auth.checkingSession')} />;
  if (session.status === 'error') {
    return (
      <Alert type="error" title={t('common.errorTitle')}>
        <p>{errorMessage(t, session.error)}</p>
        <Button variant="secondary" size="sm" onClick={() => void session.refresh()}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }
  if (session.status === 'anonymous') {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`/connexion?next=${encodeURIComponent(next)}`} replace />;
  }
  return children ? <>{children}</> : <Outlet />;
}
