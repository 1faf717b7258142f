import { isApiError, useSession } from '@miroir/web/data-access';
import { errorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, Button, TextField, usePageTitle } from '@miroir/web/ui';
import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { EMAIL_PATTERN, safeNextPath } from './navigation';

type Field = 'email' | 'password';

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const next = safeNextPath(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [redirect, setRedirect] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  usePageTitle(t('app.pageTitle', { page: t('auth.signIn.title') }));

  // Signed in (now or already): go where the user was going. The redirect is declarative so that
  // it happens once the session context holds the user. Right after « Se déconnecter » the context
  // may still hold the previous user for one render: `signedOut` prevents bouncing back.
  if (session.status === 'authenticated' && (!signedOut || redirect)) return <Navigate to={next} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!email.trim()) found.email = t('validation.required');
    else if (!EMAIL_PATTERN.test(email.trim())) found.email = t('validation.email');
    if (!password) found.password = t('validation.required');
    setErrors(found);
    setFormError(null);
    if (found.email) return emailRef.current?.focus();
    if (found.password) return passwordRef.current?.focus();

    setSubmitting(true);
    try {
      await session.signIn({ email: email.trim(), password });
      setRedirect(true);
    } catch (error) {
      setSubmitting(false);
      setPassword('');
      if (isApiError(error)) setErrors(error.fieldMessages(t));
      setFormError(errorMessage(t, error));
    }
  }

  return (
    <div className="auth-layout">
      <div className="auth-card">
        <h1 tabIndex={-1}>{t('auth.signIn.title')}</h1>
        <p className="lead">{t('auth.signIn.intro')}</p>
        {session.expired && !formError ? <Alert type="warning">{t('auth.sessionExpired')}</Alert> : null}
        {formError ? (
          <Alert type="error" focusOnMount>
            {formError}
          </Alert>
        ) : null}
        <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
          <TextField
            ref={emailRef}
            label={t('auth.signIn.email')}
            hint={t('auth.signIn.emailHint')}
            type="email"
            name="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={errors.email}
          />
          <TextField
            ref={passwordRef}
            label={t('auth.signIn.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.password}
          />
          <Button type="submit" busy={submitting}>
            {submitting ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
          </Button>
        </form>
        <p className="muted form__required-hint">{t('auth.signIn.noAccount')}</p>
      </div>
    </div>
  );
}
