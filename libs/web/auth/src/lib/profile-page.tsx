import { isApiError, useSession, useUpdateProfile } from '@miroir/web/data-access';
import { errorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, Button, LiveMessage, PageHeader, useFocusFirstInvalid, usePageTitle } from '@miroir/web/ui';
import type { CurrentUser } from '@miroir/shared/contracts';
import { useState, type FormEvent } from 'react';
import { ProfileFields, formToProfile, profileToForm, validateProfile, type ProfileFormValues } from './profile-fields';

export function ProfilePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  usePageTitle(t('app.pageTitle', { page: t('profile.title') }));
  if (!user) return null;
  return <ProfileForm key={user.id} user={user} />;
}

function ProfileForm({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const { formRef, requestFocus } = useFocusFirstInvalid();
  const [values, setValues] = useState<ProfileFormValues>(() => profileToForm(user));
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    setFormError(null);
    const found = validateProfile(values, t);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestFocus();
      return;
    }
    try {
      const updated = await update.mutateAsync(formToProfile(values));
      setValues(profileToForm(updated));
      setSaved(t('profile.saved'));
    } catch (error) {
      if (isApiError(error)) {
        setErrors(error.fieldMessages(t));
        if (error.fields.length > 0) requestFocus();
      }
      setFormError(errorMessage(t, error));
    }
  }

  return (
    <>
      <PageHeader title={t('profile.title')}>
        <p className="lead">{t('profile.intro')}</p>
      </PageHeader>
      <div className="detail-layout detail-layout--with-aside">
        <div>
          <LiveMessage message={saved} />
          {formError ? <Alert type="error">{formError}</Alert> : null}
          <form ref={formRef} className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
            <p className="form__required-hint">{t('common.requiredHint')}</p>
            <div className="field">
              <p className="field__label">{t('profile.email')}</p>
              <p className="readonly-value">{user.email}</p>
              <p className="field__hint">{t('profile.emailReadOnly')}</p>
            </div>
            <ProfileFields
              values={values}
              errors={errors}
              onChange={(field, value) => {
                setSaved(null);
                setValues((current) => ({ ...current, [field]: value }));
              }}
            />
            <Button type="submit" busy={update.isPending}>
              {update.isPending ? t('common.saving') : t('common.save')}
            </Button>
          </form>
        </div>
        <aside className="aside-panel" aria-labelledby="profile-memberships">
          <h2 id="profile-memberships">{t('profile.memberships')}</h2>
          {user.memberships.length === 0 ? (
            <p className="muted">{t('profile.membershipsEmpty')}</p>
          ) : (
            <ul className="child-list">
              {user.memberships.map((membership) => (
                <li key={membership.workspaceId} className="child-list__item">
                  <span>{membership.workspaceName}</span>
                  <span className="badge badge--info">{t(`roles.${membership.role}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </>
  );
}
