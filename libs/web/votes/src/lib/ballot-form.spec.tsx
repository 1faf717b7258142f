import type { CastBallotRequest } from '@miroir/shared/contracts';
import { ApiError } from '@miroir/web/data-access';
import { I18nextProvider, i18n } from '@miroir/web/i18n';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BallotForm } from './ballot-form';
import { makeVote } from './fixtures';

/** French texts put non-breaking spaces inside « guillemets ». */
function nb(text: string): string {
  return text.replace(/« /g, '«\u00a0').replace(/ »/g, '\u00a0»');
}

function renderForm(vote: Parameters<typeof BallotForm>[0]['vote']) {
  const onCast = vi.fn(async (_ballot: CastBallotRequest) => undefined);
  render(
    <I18nextProvider i18n={i18n}>
      <BallotForm vote={vote} onCast={onCast} />
    </I18nextProvider>,
  );
  return { onCast, user: userEvent.setup() };
}

describe('BallotForm', () => {
  it('consent: requires a reason for an objection, linked to the field, then sends it', async () => {
    const { onCast, user } = renderForm(makeVote('consent'));
    const group = screen.getByRole('group', { name: /Votre bulletin/ });
    expect(within(group).getAllByRole('radio').map((radio) => radio.nextSibling?.textContent)).toEqual(['Pour', 'Abstention', 'Contre', 'Objection']);

    await user.click(screen.getByRole('button', { name: 'Voter' }));
    expect(screen.getByText('Choisissez une option.')).toBeInTheDocument();
    expect(screen.getByLabelText('Pour')).toHaveFocus();
    expect(screen.getByLabelText('Pour')).toHaveAccessibleDescription('Choisissez une option.');
    expect(onCast).not.toHaveBeenCalled();

    await user.click(screen.getByLabelText('Objection'));
    await user.click(screen.getByRole('button', { name: 'Voter' }));
    const reason = screen.getByLabelText('Motif de l’objection');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription(/Une objection doit être motivée/);
    expect(reason).toHaveFocus();
    expect(onCast).not.toHaveBeenCalled();

    await user.type(reason, '  Le calendrier est trop court. ');
    await user.click(screen.getByRole('button', { name: 'Voter' }));
    expect(onCast).toHaveBeenCalledWith({ option: 'objection', reason: 'Le calendrier est trop court.' });
    expect(await screen.findByText('Votre vote a été enregistré.')).toBeInTheDocument();
  });

  it('consent: shows the current ballot and offers to change it', async () => {
    const { onCast, user } = renderForm(makeVote('consent', { hasVoted: true, myBallot: { option: 'pour' } }));
    expect(screen.getByLabelText('Pour')).toBeChecked();
    await user.click(screen.getByLabelText('Abstention'));
    await user.click(screen.getByRole('button', { name: 'Modifier mon vote' }));
    expect(onCast).toHaveBeenCalledWith({ option: 'abstention' });
  });

  it('single choice: radios', async () => {
    const { onCast, user } = renderForm(makeVote('single_choice'));
    await user.click(screen.getByLabelText('Biodiversité'));
    await user.click(screen.getByRole('button', { name: 'Voter' }));
    expect(onCast).toHaveBeenCalledWith({ option: 'o2' });
  });

  it('multiple choice: checkboxes, at least one', async () => {
    const { onCast, user } = renderForm(makeVote('multiple_choice'));
    await user.click(screen.getByRole('button', { name: 'Voter' }));
    expect(screen.getByText('Choisissez au moins une option.')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Risques majeurs'));
    await user.click(screen.getByLabelText('Ressource en eau'));
    await user.click(screen.getByRole('button', { name: 'Voter' }));
    expect(onCast).toHaveBeenCalledWith({ options: ['o1', 'o3'] });
  });

  it('score: a 1–5 select per option, unscored options left out', async () => {
    const { onCast, user } = renderForm(makeVote('score'));
    const water = screen.getByLabelText('Note de « Ressource en eau »');
    expect(within(water).getAllByRole('option').map((option) => option.textContent)).toEqual(['Sans avis', '1', '2', '3', '4', '5']);
    await user.selectOptions(water, '4');
    await user.selectOptions(screen.getByLabelText('Note de « Risques majeurs »'), '2');
    await user.click(screen.getByRole('button', { name: 'Voter' }));
    expect(onCast).toHaveBeenCalledWith({ scores: { o1: 4, o3: 2 } });
  });

  it('ranking: orders options with labelled up/down buttons and announces moves', async () => {
    const { onCast, user } = renderForm(makeVote('ranking'));
    expect(screen.getByRole('button', { name: nb('Monter « Ressource en eau »') })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: nb('Monter « Risques majeurs »') }));
    expect(screen.getByText('« Risques majeurs » est maintenant en position 2.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: nb('Monter « Risques majeurs »') }));
    const items = screen.getAllByRole('listitem').map((item) => item.querySelector('.ranking-list__label')?.textContent);
    expect(items).toEqual(['Risques majeurs', 'Ressource en eau', 'Biodiversité']);
    await user.click(screen.getByRole('button', { name: 'Voter' }));
    expect(onCast).toHaveBeenCalledWith({ ranking: ['o3', 'o1', 'o2'] });
  });

  it('dot: shows the remaining budget and refuses going over it', async () => {
    const { onCast, user } = renderForm(makeVote('dot'));
    expect(screen.getByText('Points restants : 10 sur 10')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Points pour « Ressource en eau »'), '7');
    await user.type(screen.getByLabelText('Points pour « Biodiversité »'), '5');
    expect(screen.getByText('Points restants : -2 sur 10')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Voter' }));
    expect(screen.getByText('Vous avez réparti plus de points que le nombre disponible.')).toBeInTheDocument();
    expect(onCast).not.toHaveBeenCalled();
    await user.clear(screen.getByLabelText('Points pour « Biodiversité »'));
    await user.type(screen.getByLabelText('Points pour « Biodiversité »'), '3');
    await user.click(screen.getByRole('button', { name: 'Voter' }));
    expect(onCast).toHaveBeenCalledWith({ points: { o1: 7, o2: 3 } });
  });

  it('shows the API’s refusal next to the field, translated', async () => {
    const onCast = vi.fn(async () => {
      throw new ApiError({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid reason',
        fields: [{ field: 'reason', messages: ['an objection must give its reason'], constraints: ['reasonRequired'] }],
      });
    });
    render(
      <I18nextProvider i18n={i18n}>
        <BallotForm vote={makeVote('consent')} onCast={onCast} />
      </I18nextProvider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Pour'));
    await user.click(screen.getByRole('button', { name: 'Voter' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Certaines informations saisies sont invalides');
    expect(screen.getByLabelText(/Motif/)).toHaveAccessibleDescription(/Une objection doit être motivée/);
  });

  it('speaks English too', async () => {
    await i18n.changeLanguage('en');
    renderForm(makeVote('consent'));
    expect(screen.getByLabelText('For')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Vote' })).toBeInTheDocument();
  });
});
