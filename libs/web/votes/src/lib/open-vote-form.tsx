import {
  VOTE_KINDS,
  VOTE_MAX_OPTIONS,
  VOTE_MIN_OPTIONS,
  type OpenVoteRequest,
  type VoteDetail,
  type VoteKind,
} from '@miroir/shared/contracts';
import { isApiError, useOpenVote } from '@miroir/web/data-access';
import { errorMessage, fieldErrorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, Button, FormActions, SelectField, TextField, useFocusFirstInvalid } from '@miroir/web/ui';
import { useId, useState, type FormEvent } from 'react';

export interface OpenVoteFormProps {
  axisId: string;
  onOpened: (vote: VoteDetail) => void;
  onCancel: () => void;
}

type Errors = Record<string, string>;

/** `YYYY-MM-DDTHH:mm` in local time, for `<input type="datetime-local">`. */
function localDateTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function inAWeek(): string {
  const date = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  date.setSeconds(0, 0);
  return localDateTime(date);
}

/** Moderators open a vote: question, kind, options, closing date, secrecy, live results, quorum. */
export function OpenVoteForm({ axisId, onOpened, onCancel }: OpenVoteFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const openVote = useOpenVote(axisId);
  const { formRef, requestFocus } = useFocusFirstInvalid();
  const [question, setQuestion] = useState('');
  const [kind, setKind] = useState<VoteKind>('consent');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [budget, setBudget] = useState('10');
  const [closesAt, setClosesAt] = useState(inAWeek);
  const [secret, setSecret] = useState(true);
  const [resultsVisible, setResultsVisible] = useState(false);
  const [quorum, setQuorum] = useState('');
  const [quorumAllTypes, setQuorumAllTypes] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const withOptions = kind !== 'consent';

  function check(): Errors {
    const found: Errors = {};
    if (!question.trim()) found['question'] = t('validation.required');
    if (withOptions) {
      options.forEach((label, index) => {
        if (!label.trim()) found[`options.${index}`] = t('validation.required');
      });
    }
    if (kind === 'dot' && !(Number.isInteger(Number(budget)) && Number(budget) >= 1)) found['budget'] = t('errors.fields.budgetRange');
    if (!closesAt || Number.isNaN(new Date(closesAt).getTime())) found['closesAt'] = t('validation.required');
    else if (new Date(closesAt).getTime() <= Date.now()) found['closesAt'] = t('errors.fields.future');
    if (quorum.trim() !== '' && !(Number(quorum) > 0 && Number(quorum) <= 100)) found['quorum'] = t('errors.fields.quorumRange');
    return found;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestFocus();
      return;
    }
    const request: OpenVoteRequest = {
      question: question.trim(),
      kind,
      secret,
      resultsVisibleBeforeClose: !secret && resultsVisible,
      quorum: quorum.trim() === '' ? null : Number(quorum) / 100,
      quorumAllTypes,
      closesAt: new Date(closesAt).toISOString(),
      ...(withOptions ? { options: options.map((label) => label.trim()) } : {}),
      ...(kind === 'dot' ? { budget: Number(budget) } : {}),
    };
    try {
      onOpened(await openVote.mutateAsync(request));
    } catch (caught) {
      if (isApiError(caught)) {
        const fromApi: Errors = {};
        for (const field of caught.fields) {
          const key = field.field.startsWith('options.') ? field.field : (field.field.split('.')[0] ?? field.field);
          fromApi[key] ??= fieldErrorMessage(t, field.constraints ?? []);
        }
        setErrors(fromApi);
      }
      setFailure(errorMessage(t, caught));
      requestFocus();
    }
  }

  return (
    <form ref={formRef} className="form form--wide" noValidate aria-labelledby={`${id}-title`} onSubmit={(event) => void onSubmit(event)}>
      <h3 id={`${id}-title`}>{t('votes.open.title')}</h3>
      <p className="form__required-hint">{t('common.requiredHint')}</p>
      {failure ? <Alert type="error">{failure}</Alert> : null}
      <TextField
        label={t('votes.open.question')}
        value={question}
        error={errors['question']}
        onChange={(event) => setQuestion(event.target.value)}
      />
      <SelectField
        label={t('votes.open.kind')}
        value={kind}
        error={errors['kind']}
        options={VOTE_KINDS.map((value) => ({ value, label: t(`votes.kinds.${value}`) }))}
        onChange={(event) => setKind(event.target.value as VoteKind)}
      />
      {withOptions ? (
        <fieldset className="fieldset">
          <legend>{t('votes.open.options')}</legend>
          {errors['options'] ? <p className="field__error">{errors['options']}</p> : null}
          {options.map((label, index) => (
            <div className="option-row" key={index}>
              <TextField
                label={t('votes.open.optionLabel', { n: index + 1 })}
                value={label}
                error={errors[`options.${index}`]}
                onChange={(event) => setOptions(options.map((current, at) => (at === index ? event.target.value : current)))}
              />
              {options.length > VOTE_MIN_OPTIONS ? (
                <Button
                  variant="tertiary"
                  size="sm"
                  className="option-row__remove"
                  onClick={() => setOptions(options.filter((_, at) => at !== index))}
                >
                  {t('votes.open.removeOption', { n: index + 1 })}
                </Button>
              ) : null}
            </div>
          ))}
          {options.length < VOTE_MAX_OPTIONS ? (
            <Button variant="secondary" size="sm" icon="+" onClick={() => setOptions([...options, ''])}>
              {t('votes.open.addOption')}
            </Button>
          ) : null}
        </fieldset>
      ) : null}
      {kind === 'dot' ? (
        <TextField
          type="number"
          min={1}
          step={1}
          label={t('votes.open.budget')}
          value={budget}
          error={errors['budget']}
          onChange={(event) => setBudget(event.target.value)}
        />
      ) : null}
      <TextField
        type="datetime-local"
        label={t('votes.open.closesAt')}
        value={closesAt}
        error={errors['closesAt']}
        onChange={(event) => setClosesAt(event.target.value)}
      />
      <fieldset className="fieldset">
        <legend>{t('votes.open.ballots')}</legend>
        <div className="choice-list">
          <div className="choice">
            <input type="radio" id={`${id}-secret`} name={`${id}-secrecy`} checked={secret} onChange={() => setSecret(true)} />
            <label htmlFor={`${id}-secret`}>{t('votes.open.secret')}</label>
          </div>
          <div className="choice">
            <input type="radio" id={`${id}-named`} name={`${id}-secrecy`} checked={!secret} onChange={() => setSecret(false)} />
            <label htmlFor={`${id}-named`}>{t('votes.open.named')}</label>
          </div>
        </div>
      </fieldset>
      <div className="choice">
        <input
          type="checkbox"
          id={`${id}-live`}
          checked={!secret && resultsVisible}
          disabled={secret}
          aria-describedby={`${id}-live-hint`}
          onChange={(event) => setResultsVisible(event.target.checked)}
        />
        <label htmlFor={`${id}-live`}>{t('votes.open.resultsVisible')}</label>
      </div>
      <p className="field__hint" id={`${id}-live-hint`}>
        {t('votes.open.resultsVisibleHint')}
      </p>
      {errors['resultsVisibleBeforeClose'] ? <p className="field__error">{errors['resultsVisibleBeforeClose']}</p> : null}
      <TextField
        type="number"
        min={1}
        max={100}
        step={1}
        label={t('votes.open.quorum')}
        optionalLabel={t('common.optional')}
        hint={t('votes.open.quorumHint')}
        value={quorum}
        error={errors['quorum']}
        onChange={(event) => setQuorum(event.target.value)}
      />
      <div className="choice field">
        <input
          type="checkbox"
          id={`${id}-all-types`}
          checked={quorumAllTypes}
          onChange={(event) => setQuorumAllTypes(event.target.checked)}
        />
        <label htmlFor={`${id}-all-types`}>{t('votes.open.quorumAllTypes')}</label>
      </div>
      <FormActions busy={openVote.isPending} submitLabel={t('votes.open.submit')} onCancel={onCancel} cancelLabel={t('common.cancel')} />
    </form>
  );
}
