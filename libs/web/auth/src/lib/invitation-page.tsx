import { isApiError, useAcceptInvitation, useInvitationPreview, useSession } from '@miroir/web/data-access';
import { errorMessage, errorTitle, useTranslation } from '@miroir/web/i18n';
import { Alert, Button, LoadingState, TextField, useFocusFirstInvalid, usePageTitle } from '@miroir/web/ui';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { PASSWORD_MIN_LENGTH } from './navigation';
import { EMPTY_PROFILE, ProfileFields, formToProfile, validateProfile, type ProfileField, type ProfileFormValues } from './profile-fields';

export function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const preview = useInvitationPreview(token);
  usePageTitle(t('app.pageTitle', { page: t('invitation.title') }));

  return (
    <div className="auth-layout auth-layout--wide">
      <div className="auth-card">
        <h1 tabIndex={-1}>{t('invitation.title')}</h1>
        {preview.isPending ? (
          <LoadingState label={t('invitation.loading')} />
        ) : preview.isError ? (
          <>
            <Alert
              type="error"
              title={
                isApiError(preview.error) && ['INVITATION_INVALID', 'NOT_FOUND'].includes(preview.error.code)
                  ? t('invitation.invalidTitle')
                  : errorTitle(t, preview.error)
              }
            >
              <p>{errorMessage(t, preview.error)}</p>
            </Alert>
            <p>
              <Link to="/connexion">{t('invitation.goToSignIn')}</Link>
            </p>
          </>
        ) : (
          <AcceptInvitationForm token={token} preview={preview.data} />
        )}
      </div>
    </div>
  );
}

type AcceptErrors = Partial<Record<ProfileField | 'password' | 'passwordConfirm', string>>;

function AcceptInvitationForm({
  token,
  preview,
}: {
  token: string;
  preview: { email: string; workspaceName: string; role: 'admin' | 'moderator' | 'member' | 'observer'; accountExists: boolean };
}) {
  const { t } = useTranslation();
  const session = useSession();
  const accept = useAcceptInvitation(token);
  const [accepted, setAccepted] = useState(false);
  const { formRef, requestFocus } = useFocusFirstInvalid();
  const [profile, setProfile] = useState<ProfileFormValues>(EMPTY_PROFILE);
  const [password, setPassword] = useState('');
  const [passwordConfirm, setPasswordConfirm] = useState('');
  const [errors, setErrors] = useState<AcceptErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const isNew = !preview.accountExists;

  function validate(): AcceptErrors {
    const found: AcceptErrors = {};
    if (!password) found.password = t('validation.required');
    if (isNew) {
      Object.assign(found, validateProfile(profile, t));
      if (password && password.length < PASSWORD_MIN_LENGTH) found.password = t('validation.passwordMin', { min: PASSWORD_MIN_LENGTH });
      if (!passwordConfirm) found.passwordConfirm = t('validation.required');
      else if (password !== passwordConfirm) found.passwordConfirm = t('validation.passwordMismatch');
    }
    return found;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      requestFocus();
      return;
    }
    try {
      await accept.mutateAsync(isNew ? { password, ...formToProfile(profile) } : { password });
      setAccepted(true);
    } catch (error) {
      if (isApiError(error)) {
        setErrors(error.fieldMessages(t));
        if (error.fields.length > 0) requestFocus();
      }
      setFormError(errorMessage(t, error));
    }
  }

  // Leave once the session context holds the new user (accepting signs in).
  if (accepted && session.status === 'authenticated') return <Navigate to="/plans" replace />;

  return (
    <>
      <h2>{t('invitation.summaryTitle')}</h2>
      <dl className="summary-list">
        <dt>{t('invitation.workspace')}</dt>
        <dd>{preview.workspaceName}</dd>
        <dt>{t('invitation.role')}</dt>
        <dd>{t(`roles.${preview.role}`)}</dd>
        <dt>{t('invitation.email')}</dt>
        <dd>{preview.email}</dd>
      </dl>
      <p>{isNew ? t('invitation.newAccount') : t('invitation.existingAccount')}</p>
      {formError ? (
        <Alert type="error" focusOnMount={Object.keys(errors).length === 0}>
          {formError}
        </Alert>
      ) : null}
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {isNew ? <p className="form__required-hint">{t('common.requiredHint')}</p> : null}
        {isNew ? (
          <ProfileFields
            values={profile}
            errors={errors}
            onChange={(field, value) => setProfile((current) => ({ ...current, [field]: value }))}
          />
        ) : null}
        <fieldset className="fieldset">
          <legend>{t('invitation.accountSection')}</legend>
          {/* Lets password managers associate the new password with the invited address. */}
          <input type="hidden" name="username" autoComplete="username" value={preview.email} />
          <TextField
            label={isNew ? t('invitation.password') : t('invitation.existingPassword')}
            hint={isNew ? t('invitation.passwordHint', { min: PASSWORD_MIN_LENGTH }) : undefined}
            type="password"
            name="password"
            autoComplete={isNew ? 'new-password' : 'current-password'}
            required
            minLength={isNew ? PASSWORD_MIN_LENGTH : undefined}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.password}
          />
          {isNew ? (
            <TextField
              label={t('invitation.passwordConfirm')}
              type="password"
              name="passwordConfirm"
              autoComplete="new-password"
              required
              value={passwordConfirm}
              onChange={(event) => setPasswordConfirm(event.target.value)}
              error={errors.passwordConfirm}
            />
          ) : null}
        </fieldset>
        <Button type="submit" busy={accept.isPending}>
          {accept.isPending ? t('invitation.submitting') : t('invitation.submit')}
        </Button>
      </form>
    </>
  );
}
