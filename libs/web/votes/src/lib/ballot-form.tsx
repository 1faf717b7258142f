import { CONSENT_OPTIONS, SCORE_MAX, SCORE_MIN, type BallotChoice, type CastBallotRequest, type VoteDetail } from '@miroir/shared/contracts';
import { isApiError } from '@miroir/web/data-access';
import { errorMessage, fieldErrorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, Button, LiveMessage, SelectField, TextAreaField, TextField, useFocusFirstInvalid } from '@miroir/web/ui';
import { useId, useState, type FormEvent } from 'react';
import { optionLabel } from './format';

export interface BallotFormProps {
  vote: VoteDetail;
  /** Sends the ballot; resolves null when it was queued offline; rejects with the API's error. */
  onCast: (ballot: CastBallotRequest) => Promise<unknown>;
  busy?: boolean;
}

interface Draft {
  option: string;
  reason: string;
  options: string[];
  scores: Record<string, string>;
  ranking: string[];
  points: Record<string, string>;
}

function draftFrom(vote: VoteDetail, ballot: BallotChoice | null): Draft {
  const ids = vote.options.map((option) => option.id);
  const draft: Draft = { option: '', reason: '', options: [], scores: {}, ranking: ids, points: {} };
  if (!ballot) return draft;
  if ('ranking' in ballot) return { ...draft, ranking: [...ballot.ranking, ...ids.filter((id) => !ballot.ranking.includes(id))] };
  if ('options' in ballot) return { ...draft, options: [...ballot.options] };
  if ('scores' in ballot) return { ...draft, scores: Object.fromEntries(Object.entries(ballot.scores).map(([id, score]) => [id, String(score)])) };
  if ('points' in ballot) return { ...draft, points: Object.fromEntries(Object.entries(ballot.points).map(([id, given]) => [id, String(given)])) };
  return { ...draft, option: ballot.option, reason: 'reason' in ballot ? (ballot.reason ?? '') : '' };
}

function pointsOf(draft: Draft): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [id, value] of Object.entries(draft.points)) {
    const given = Number(value);
    if (value.trim() !== '' && given > 0) result[id] = given;
  }
  return result;
}

function totalPoints(draft: Draft): number {
  return Object.values(draft.points).reduce((sum, value) => sum + (Number(value) || 0), 0);
}

/** The body of `PUT /api/votes/:voteId/ballot` for the draft. */
export function ballotRequest(vote: VoteDetail, draft: Draft): CastBallotRequest {
  switch (vote.kind) {
    case 'consent':
      return draft.reason.trim() ? { option: draft.option, reason: draft.reason.trim() } : { option: draft.option };
    case 'single_choice':
      return { option: draft.option };
    case 'multiple_choice':
      return { options: vote.options.map((option) => option.id).filter((id) => draft.options.includes(id)) };
    case 'score':
      return { scores: Object.fromEntries(Object.entries(draft.scores).filter(([, score]) => score !== '').map(([id, score]) => [id, Number(score)])) };
    case 'ranking':
      return { ranking: draft.ranking };
    case 'dot':
      return { points: pointsOf(draft) };
  }
}

type Errors = Record<string, string>;

/** Checks done before sending (the API checks them all again). Keys: `choice`, `reason`, or an option id. */
function checkDraft(vote: VoteDetail, draft: Draft, t: (key: string) => string): Errors {
  const errors: Errors = {};
  switch (vote.kind) {
    case 'consent':
      if (!draft.option) errors['choice'] = t('votes.ballot.chooseOne');
      else if (draft.option === 'objection' && !draft.reason.trim()) errors['reason'] = t('errors.fields.reasonRequired');
      break;
    case 'single_choice':
      if (!draft.option) errors['choice'] = t('votes.ballot.chooseOne');
      break;
    case 'multiple_choice':
      if (draft.options.length === 0) errors['choice'] = t('votes.ballot.chooseSome');
      break;
    case 'score':
      if (!Object.values(draft.scores).some((score) => score !== '')) errors['choice'] = t('votes.ballot.scoreSome');
      break;
    case 'ranking':
      break;
    case 'dot': {
      for (const [id, value] of Object.entries(draft.points)) {
        if (value.trim() !== '' && !(Number.isInteger(Number(value)) && Number(value) >= 0)) errors[id] = t('errors.fields.isInt');
      }
      if (Object.keys(errors).length > 0) break;
      const total = totalPoints(draft);
      if (total === 0) errors['choice'] = t('votes.ballot.pointsSome');
      else if (total > (vote.budget ?? 0)) errors['choice'] = t('votes.ballot.overBudget');
      break;
    }
  }
  return errors;
}

/** Maps the API's field errors onto the form's keys. */
function apiFieldErrors(error: unknown, t: Parameters<typeof fieldErrorMessage>[0]): Errors {
  if (!isApiError(error)) return {};
  const errors: Errors = {};
  for (const { field, constraints } of error.fields) {
    const [head, tail] = field.split('.');
    const key = head === 'reason' ? 'reason' : (head === 'scores' || head === 'points') && tail ? tail : 'choice';
    errors[key] ??= fieldErrorMessage(t, constraints ?? []);
  }
  return errors;
}

/** The ballot of a vote, adapted to its kind; pre-filled with the caller's ballot, which they may change until closing. */
export function BallotForm({ vote, onCast, busy = false }: BallotFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(vote, vote.myBallot));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { formRef, requestFocus } = useFocusFirstInvalid();
  const legendId = `${id}-legend`;
  const choiceErrorId = errors['choice'] ? `${id}-choice-error` : undefined;

  /** Radios and selects cannot all carry aria-invalid: an error about the whole ballot focuses its first control. */
  const focusFirstControl = () => formRef.current?.querySelector<HTMLElement>('fieldset input, fieldset select')?.focus();

  const update = (patch: Partial<Draft>) => {
    setMessage(null);
    setDraft((current) => ({ ...current, ...patch }));
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setMessage(null);
    const found = checkDraft(vote, draft, t);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      if (found['choice']) focusFirstControl();
      else requestFocus();
      return;
    }
    try {
      const answer = await onCast(ballotRequest(vote, draft));
      setMessage(answer === null ? t('votes.queued.announce') : t('votes.ballot.saved'));
    } catch (caught) {
      const fromApi = apiFieldErrors(caught, t);
      setErrors(fromApi);
      setFailure(errorMessage(t, caught));
      if (fromApi['choice']) focusFirstControl();
      else requestFocus();
    }
  }

  const choiceError = errors['choice'] ? (
    <p className="field__error" id={choiceErrorId}>
      {errors['choice']}
    </p>
  ) : null;
  const invalid = errors['choice'] ? true : undefined;

  function body() {
    switch (vote.kind) {
      case 'consent':
      case 'single_choice': {
        const options = vote.kind === 'consent' ? CONSENT_OPTIONS.map((option) => ({ id: option, label: option })) : vote.options;
        return (
          <>
            {choiceError}
            <div className="choice-list">
              {options.map((option) => (
                <div className="choice" key={option.id}>
                  <input
                    type="radio"
                    id={`${id}-${option.id}`}
                    name={`${id}-option`}
                    value={option.id}
                    checked={draft.option === option.id}
                    aria-describedby={choiceErrorId}
                    onChange={() => update({ option: option.id })}
                  />
                  <label htmlFor={`${id}-${option.id}`}>{optionLabel(t, vote.kind, option)}</label>
                </div>
              ))}
            </div>
            {vote.kind === 'consent' ? (
              <TextAreaField
                label={draft.option === 'objection' ? t('votes.ballot.reasonObjection') : t('votes.ballot.reason')}
                optionalLabel={draft.option === 'objection' ? undefined : t('common.optional')}
                hint={t('votes.ballot.reasonHint')}
                rows={3}
                value={draft.reason}
                required={draft.option === 'objection'}
                error={errors['reason']}
                onChange={(event) => update({ reason: event.target.value })}
              />
            ) : null}
          </>
        );
      }
      case 'multiple_choice':
        return (
          <>
            {choiceError}
            <div className="choice-list">
              {vote.options.map((option) => (
                <div className="choice" key={option.id}>
                  <input
                    type="checkbox"
                    id={`${id}-${option.id}`}
                    checked={draft.options.includes(option.id)}
                    aria-invalid={invalid}
                    aria-describedby={choiceErrorId}
                    onChange={(event) =>
                      update({
                        options: event.target.checked ? [...draft.options, option.id] : draft.options.filter((chosen) => chosen !== option.id),
                      })
                    }
                  />
                  <label htmlFor={`${id}-${option.id}`}>{option.label}</label>
                </div>
              ))}
            </div>
          </>
        );
      case 'score':
        return (
          <>
            {choiceError}
            {vote.options.map((option) => (
              <SelectField
                key={option.id}
                label={t('votes.ballot.scoreOf', { option: option.label })}
                value={draft.scores[option.id] ?? ''}
                placeholder={t('votes.ballot.noOpinion')}
                error={errors[option.id]}
                options={Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, index) => ({
                  value: String(SCORE_MIN + index),
                  label: String(SCORE_MIN + index),
                }))}
                onChange={(event) => update({ scores: { ...draft.scores, [option.id]: event.target.value } })}
              />
            ))}
          </>
        );
      case 'ranking':
        return <RankingList vote={vote} ranking={draft.ranking} onChange={(ranking) => update({ ranking })} />;
      case 'dot': {
        const budget = vote.budget ?? 0;
        const remaining = budget - totalPoints(draft);
        return (
          <>
            <p className={remaining < 0 ? 'field__error' : 'field__hint'} id={`${id}-remaining`} aria-live="polite">
              {t('votes.ballot.remaining', { remaining, budget })}
            </p>
            {choiceError}
            {vote.options.map((option) => (
              <TextField
                key={option.id}
                type="number"
                inputMode="numeric"
                min={0}
                max={budget}
                step={1}
                label={t('votes.ballot.pointsOf', { option: option.label })}
                value={draft.points[option.id] ?? ''}
                error={errors[option.id]}
                onChange={(event) => update({ points: { ...draft.points, [option.id]: event.target.value } })}
              />
            ))}
          </>
        );
      }
    }
  }

  return (
    <form ref={formRef} className="ballot-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <fieldset className="fieldset" aria-describedby={choiceErrorId}>
        <legend id={legendId}>
          {t('votes.ballot.legend', { question: vote.question })}
        </legend>
        {body()}
      </fieldset>
      {failure ? <Alert type="error">{failure}</Alert> : null}
      <Button type="submit" busy={busy}>
        {vote.hasVoted ? t('votes.ballot.change') : t('votes.ballot.submit')}
      </Button>
      <LiveMessage message={message} />
    </form>
  );
}

function RankingList({ vote, ranking, onChange }: { vote: VoteDetail; ranking: string[]; onChange: (ranking: string[]) => void }) {
  const { t } = useTranslation();
  const [moved, setMoved] = useState<string | null>(null);
  const labelOf = (optionId: string) => vote.options.find((option) => option.id === optionId)?.label ?? optionId;

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= ranking.length) return;
    const next = [...ranking];
    const [item] = next.splice(index, 1);
    next.splice(target, 0, item as string);
    onChange(next);
    setMoved(t('votes.ballot.moved', { option: labelOf(item as string), n: target + 1 }));
  };

  return (
    <>
      <p className="field__hint">{t('votes.ballot.rankingHint')}</p>
      <ol className="ranking-list">
        {ranking.map((optionId, index) => (
          <li key={optionId} className="ranking-list__item">
            <span className="ranking-list__position">{t('votes.ballot.position', { n: index + 1 })}</span>
            <span className="ranking-list__label">{labelOf(optionId)}</span>
            <span className="btn-group">
              <Button
                variant="tertiary"
                size="sm"
                aria-label={t('votes.ballot.moveUp', { option: labelOf(optionId) })}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                ↑
              </Button>
              <Button
                variant="tertiary"
                size="sm"
                aria-label={t('votes.ballot.moveDown', { option: labelOf(optionId) })}
                disabled={index === ranking.length - 1}
                onClick={() => move(index, 1)}
              >
                ↓
              </Button>
            </span>
          </li>
        ))}
      </ol>
      <LiveMessage message={moved} type="info" />
    </>
  );
}
