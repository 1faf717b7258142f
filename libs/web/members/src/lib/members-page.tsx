import {
  WORKSPACE_ROLES,
  type InvitationCreated,
  type Member,
  type MembersPage as MembersData,
  type PendingInvitation,
  type WorkspaceRole,
} from '@miroir/shared/contracts';
import {
  isApiError,
  useCan,
  useChangeRole,
  useInviteMember,
  useMembers,
  useRemoveMember,
  useRevokeInvitation,
  useSession,
} from '@miroir/web/data-access';
import { errorMessage, errorTitle, formatDate, useTranslation } from '@miroir/web/i18n';
import {
  Alert,
  Button,
  ConfirmPanel,
  EmptyState,
  LiveMessage,
  LoadingState,
  PageHeader,
  Section,
  SelectField,
  TextField,
  useFocusFirstInvalid,
  usePageTitle,
} from '@miroir/web/ui';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function MembersPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const session = useSession();
  const canList = useCan(workspaceId, 'member.list');
  const canManage = useCan(workspaceId, 'member.manage');
  const members = useMembers(workspaceId, canList);
  const [message, setMessage] = useState<string | null>(null);
  usePageTitle(t('app.pageTitle', { page: t('members.title') }));

  if (session.status === 'loading') return <LoadingState label={t('common.loading')} />;
  if (!canList) {
    return (
      <>
        <PageHeader title={t('members.title')} />
        <Alert type="error" title={t('errors.forbiddenTitle')}>
          {t('members.forbidden')}
        </Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('members.title')} overline={members.data?.workspaceName}>
        <p className="lead">{t('members.intro')}</p>
      </PageHeader>
      <LiveMessage message={message} />
      {members.isPending ? (
        <LoadingState label={t('common.loading')} />
      ) : members.isError ? (
        <Alert type="error" title={errorTitle(t, members.error)}>
          {errorMessage(t, members.error)}
        </Alert>
      ) : (
        <>
          <MembersTable data={members.data} canManage={canManage} onMessage={setMessage} />
          {canManage ? (
            <>
              <InviteSection workspaceId={workspaceId} />
              <PendingInvitations workspaceId={workspaceId} invitations={members.data.invitations} onMessage={setMessage} />
            </>
          ) : null}
        </>
      )}
    </>
  );
}

function MembersTable({
  data,
  canManage,
  onMessage,
}: {
  data: MembersData;
  canManage: boolean;
  onMessage: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [error, setError] = useState<unknown>(null);

  if (data.members.length === 0) return <EmptyState title={t('members.empty')} />;

  return (
    <>
      {error ? (
        <Alert type="error" title={errorTitle(t, error)}>
          {errorMessage(t, error)}
        </Alert>
      ) : null}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- lets keyboard users scroll a wide table */}
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="members-caption">
        <table className="table">
          <caption id="members-caption">{t('members.tableCaption', { count: data.members.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.jobTitle')}</th>
              <th scope="col">{t('members.collectivite')}</th>
              <th scope="col">{t('members.collectiviteType')}</th>
              <th scope="col">{t('members.populationBand')}</th>
              <th scope="col">{t('members.role')}</th>
              {canManage ? <th scope="col">{t('members.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.members.map((member) => (
              <MemberRow
                key={member.userId}
                workspaceId={data.workspaceId}
                member={member}
                isSelf={member.userId === user?.id}
                canManage={canManage}
                onMessage={onMessage}
                onError={setError}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function MemberRow({
  workspaceId,
  member,
  isSelf,
  canManage,
  onMessage,
  onError,
}: {
  workspaceId: string;
  member: Member;
  isSelf: boolean;
  canManage: boolean;
  onMessage: (message: string | null) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const changeRole = useChangeRole(workspaceId);
  const remove = useRemoveMember(workspaceId);
  const [role, setRole] = useState<WorkspaceRole>(member.role);
  const [confirming, setConfirming] = useState(false);
  const notSpecified = <span className="muted">{t('common.notSpecified')}</span>;
  const name = member.displayName;

  function applyRole() {
    onMessage(null);
    onError(null);
    changeRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: (updated) => onMessage(t('members.roleChanged', { name, role: t(`roles.${updated.role}`) })),
        onError: (error) => {
          setRole(member.role);
          onError(error);
        },
      },
    );
  }

  function confirmRemove() {
    onMessage(null);
    onError(null);
    remove.mutate(member.userId, {
      onSuccess: () => onMessage(t('members.removed', { name })),
      onError: (error) => {
        setConfirming(false);
        onError(error);
      },
    });
  }

  return (
    <tr>
      <th scope="row">
        {name} {isSelf ? <span className="muted">{t('members.you')}</span> : null}
        <span className="table__sub">{member.email}</span>
      </th>
      <td>{member.jobTitle ?? notSpecified}</td>
      <td>{member.collectivite ?? notSpecified}</td>
      <td>{member.collectiviteType ? t(`collectiviteTypes.${member.collectiviteType}`) : notSpecified}</td>
      <td>{member.populationBand ? t(`populationBands.${member.populationBand}`) : notSpecified}</td>
      <td>
        {canManage ? (
          <div className="role-cell">
            <SelectField
              className="field--inline field--compact"
              label={t('members.roleOf', { name })}
              labelHidden
              name={`role-${member.userId}`}
              value={role}
              onChange={(event) => setRole(event.target.value as WorkspaceRole)}
              options={WORKSPACE_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            />
            {role !== member.role ? (
              <Button size="sm" busy={changeRole.isPending} aria-label={t('members.applyRoleOf', { name })} onClick={applyRole}>
                {t('members.applyRole')}
              </Button>
            ) : null}
          </div>
        ) : (
          t(`roles.${member.role}`)
        )}
      </td>
      {canManage ? (
        <td>
          {isSelf ? null : confirming ? (
            <ConfirmPanel
              message={t('members.removeConfirm', { name })}
              confirmLabel={t('members.removeConfirmButton')}
              cancelLabel={t('common.cancel')}
              busy={remove.isPending}
              onConfirm={confirmRemove}
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <Button variant="tertiary" size="sm" aria-label={t('members.removeOf', { name })} onClick={() => setConfirming(true)}>
              {t('members.remove')}
            </Button>
          )}
        </td>
      ) : null}
    </tr>
  );
}

function InviteSection({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const invite = useInviteMember(workspaceId);
  const { formRef, requestFocus } = useFocusFirstInvalid();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('member');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<InvitationCreated | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const found: Record<string, string> = {};
    if (!email.trim()) found['email'] = t('validation.required');
    else if (!EMAIL_PATTERN.test(email.trim())) found['email'] = t('validation.email');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestFocus();
      return;
    }
    try {
      const result = await invite.mutateAsync({ email: email.trim(), role });
      setCreated(result);
      setEmail('');
      setRole('member');
    } catch (error) {
      if (isApiError(error)) {
        setErrors(error.fieldMessages(t));
        if (error.fields.length > 0) requestFocus();
      }
      setFormError(errorMessage(t, error));
    }
  }

  return (
    <Section title={t('members.invite.title')} titleId="invite-title">
      <p>{t('members.invite.intro')}</p>
      {formError ? <Alert type="error">{formError}</Alert> : null}
      <form ref={formRef} className="form" aria-labelledby="invite-title" noValidate onSubmit={(event) => void onSubmit(event)}>
        <div className="field-row">
          <TextField
            label={t('members.invite.email')}
            type="email"
            name="email"
            autoComplete="off"
            spellCheck={false}
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={errors['email']}
          />
          <SelectField
            label={t('members.invite.role')}
            name="role"
            value={role}
            onChange={(event) => setRole(event.target.value as WorkspaceRole)}
            options={WORKSPACE_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            error={errors['role']}
          />
        </div>
        <Button type="submit" busy={invite.isPending}>
          {invite.isPending ? t('members.invite.submitting') : t('members.invite.submit')}
        </Button>
      </form>
      {created ? <InvitationLink created={created} /> : null}
    </Section>
  );
}

function absoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.origin).toString();
  } catch {
    return url;
  }
}

function InvitationLink({ created }: { created: InvitationCreated }) {
  const { t } = useTranslation();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const url = absoluteUrl(created.invitationUrl);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  }

  return (
    <div className="panel panel--bordered">
      <Alert type="success">{t('members.invite.created', { email: created.invitation.email })}</Alert>
      <div className="copy-row">
        <TextField
          label={t('members.invite.link')}
          hint={t('members.invite.linkHint')}
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button variant="secondary" onClick={() => void copy()}>
          {t('members.invite.copy')}
        </Button>
      </div>
      <LiveMessage
        type="info"
        message={copyState === 'copied' ? t('members.invite.copied') : copyState === 'failed' ? t('members.invite.copyFailed') : null}
      />
    </div>
  );
}

function PendingInvitations({
  workspaceId,
  invitations,
  onMessage,
}: {
  workspaceId: string;
  invitations: PendingInvitation[];
  onMessage: (message: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const revoke = useRevokeInvitation(workspaceId);

  return (
    <Section title={t('members.pending.title')} titleId="pending-title">
      {revoke.isError ? <Alert type="error">{errorMessage(t, revoke.error)}</Alert> : null}
      {invitations.length === 0 ? (
        <EmptyState title={t('members.pending.empty')} />
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption className="sr-only">{t('members.pending.caption', { count: invitations.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.email')}</th>
                <th scope="col">{t('members.role')}</th>
                <th scope="col">{t('members.pending.invitedAt')}</th>
                <th scope="col">{t('members.pending.expiresAt')}</th>
                <th scope="col">{t('members.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">{invitation.email}</th>
                  <td>{t(`roles.${invitation.role}`)}</td>
                  <td>{formatDate(invitation.invitedAt, i18n.language)}</td>
                  <td>{formatDate(invitation.expiresAt, i18n.language)}</td>
                  <td>
                    <Button
                      variant="tertiary"
                      size="sm"
                      busy={revoke.isPending && revoke.variables === invitation.id}
                      aria-label={t('members.pending.revokeOf', { email: invitation.email })}
                      onClick={() =>
                        revoke.mutate(invitation.id, {
                          onSuccess: () => onMessage(t('members.pending.revoked', { email: invitation.email })),
                        })
                      }
                    >
                      {t('members.pending.revoke')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
