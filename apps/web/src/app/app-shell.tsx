import { can } from '@miroir/shared/domain';
import { useSession } from '@miroir/web/data-access';
import { errorMessage, useTranslation } from '@miroir/web/i18n';
import { NotificationsMenu } from '@miroir/web/notifications';
import { Alert, Container, SkipLink } from '@miroir/web/ui';
import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from './language-switch';

export function AppShell() {
  const { t } = useTranslation();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // On client-side navigation, move focus to the new page's title (or <main>) so that keyboard
  // and screen-reader users start reading the new content, as after a full page load.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const main = mainRef.current;
    if (!main) return;
    const heading = main.querySelector<HTMLElement>('h1');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
    } else {
      main.focus();
    }
  }, [location.pathname]);

  return (
    <>
      <SkipLink href="#contenu">{t('app.skipLink')}</SkipLink>
      <SiteHeader />
      <main id="contenu" ref={mainRef} className="site-main" tabIndex={-1}>
        <Container>
          <Outlet />
        </Container>
      </main>
      <footer className="site-footer">
        <Container className="site-footer__inner">
          <div>
            <p className="site-footer__owner">{t('app.footerOwner')}</p>
            <p>{t('app.footerDescription')}</p>
          </div>
          <p>{t('app.footerAccessibility')}</p>
        </Container>
      </footer>
    </>
  );
}

function SiteHeader() {
  const { t } = useTranslation();
  const { user } = useSession();
  const membersLinks = (user?.memberships ?? []).filter((membership) => can(membership.role, 'member.list'));

  return (
    <header className="site-header">
      <Container className="site-header__top">
        <Link className="brand" to={user ? '/plans' : '/connexion'}>
          <span className="brand__mark" aria-hidden="true">
            M
          </span>
          <span className="brand__text">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__subtitle">{t('app.subtitle')}</span>
          </span>
        </Link>
        <div className="user-area">
          {user ? <UserArea /> : null}
          <LanguageSwitch />
        </div>
      </Container>
      {user ? (
        <nav className="main-nav" aria-label={t('nav.main')}>
          <Container>
            <ul className="main-nav__list">
              <li>
                <NavLink className="main-nav__link" to="/plans">
                  {t('nav.plans')}
                </NavLink>
              </li>
              {membersLinks.map((membership) => (
                <li key={membership.workspaceId}>
                  <NavLink className="main-nav__link" to={`/espace/${membership.workspaceId}/membres`}>
                    {membersLinks.length > 1 ? t('nav.membersOf', { workspace: membership.workspaceName }) : t('nav.members')}
                  </NavLink>
                </li>
              ))}
            </ul>
          </Container>
        </nav>
      ) : null}
    </header>
  );
}

/** Name of the service worker's cache of api answers (see vite.config.mts). */
const API_CACHE_NAME = 'miroir-api';

/** The offline copies of the api's answers belong to the user who signed out: drop them. */
function forgetCachedApiAnswers() {
  if (typeof caches === 'undefined') return;
  caches.delete(API_CACHE_NAME).catch(() => undefined);
}

function UserArea() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!user) return null;
  const first = user.memberships[0];

  async function onSignOut() {
    setSigningOut(true);
    setError(null);
    try {
      await signOut();
      forgetCachedApiAnswers();
      navigate('/connexion', { replace: true, state: { signedOut: true } });
    } catch (caught) {
      setError(caught);
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <section className="user-area" aria-label={t('user.area')}>
      <p className="user-area__identity">
        <span className="user-area__name">{user.displayName}</span>
        {first ? (
          <span className="user-area__role">{t('user.roleIn', { role: t(`roles.${first.role}`), workspace: first.workspaceName })}</span>
        ) : null}
      </p>
      <ul className="user-area__links">
        <li>
          <NotificationsMenu />
        </li>
        <li>
          <NavLink className="btn btn--tertiary btn--sm" to="/profil">
            {t('user.profile')}
          </NavLink>
        </li>
        <li>
          <button type="button" className="btn btn--secondary btn--sm" aria-busy={signingOut || undefined} onClick={() => void onSignOut()}>
            {t('user.signOut')}
          </button>
        </li>
      </ul>
      {error ? <Alert type="error">{errorMessage(t, error)}</Alert> : null}
    </section>
  );
}
