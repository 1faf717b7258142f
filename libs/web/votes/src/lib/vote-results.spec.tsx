import { I18nextProvider, i18n } from '@miroir/web/i18n';
import { makeUser, mockFetch, renderWithProviders, requestsTo } from '@miroir/web/testing';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeResults, makeVote } from './fixtures';
import { VoteResultsView } from './vote-results';
import { VotesSection } from './votes-section';

function renderResults(...args: Parameters<typeof makeVote>) {
  const vote = makeVote(...args);
  render(
    <I18nextProvider i18n={i18n}>
      <VoteResultsView vote={vote} results={vote.results ?? makeResults()} />
    </I18nextProvider>,
  );
}

describe('VoteResultsView', () => {
  it('shows counts and percentages as text, bars hidden from assistive technologies, and ties as ties', () => {
    renderResults('consent', { status: 'closed', closedAt: '2026-11-20T10:00:00.000Z' });
    const table = screen.getByRole('table', { name: /Résultats du vote/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['Pour', 'Abstention', 'Contre', 'Objection']);
    expect(within(rows[0] as HTMLElement).getAllByRole('cell').map((cell) => cell.textContent?.replace(/\s/g, ' '))).toEqual(['1', '50 %', '1 Égalité']);
    expect(table.querySelectorAll('.result-bar__track[aria-hidden="true"]')).toHaveLength(4);
    expect(screen.getByText('Égalité entre : Pour, Objection')).toBeInTheDocument();
    expect(screen.getByText('Consentement non obtenu.')).toBeInTheDocument();
    expect(screen.getByText('Le calendrier est trop court.')).toBeInTheDocument();
  });

  it('shows participation, the quorum and the breakdowns by type and population band', () => {
    renderResults('consent');
    expect(screen.getByText('Participation : 2 sur 4 (50 %)')).toBeInTheDocument();
    expect(screen.getByText('Quorum non atteint.')).toBeInTheDocument();
    expect(screen.getByText(/3 votants requis \(75\s%\)/)).toBeInTheDocument();
    expect(screen.getByText(/Types de collectivité non représentés : Département/)).toBeInTheDocument();
    const byType = screen.getByRole('table', { name: 'Participation par type de collectivité' });
    expect(within(byType).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Commune', 'EPCI', 'Département', 'Non renseigné']);
    const byBand = screen.getByRole('table', { name: 'Participation par strate de population' });
    expect(within(byBand).getByRole('rowheader')).toHaveTextContent('10 000 à 20 000 hab.');
  });

  it('shows the leader, points for rankings and named ballots when the vote is not secret', () => {
    renderResults('ranking', {
      secret: false,
      results: makeResults({
        kind: 'ranking',
        ballots: 2,
        options: [
          { optionId: 'o3', label: 'Risques majeurs', count: 2, percentage: 66.7, rank: 1, points: 4 },
          { optionId: 'o1', label: 'Ressource en eau', count: 0, percentage: 33.3, rank: 2, points: 2 },
          { optionId: 'o2', label: 'Biodiversité', count: 0, percentage: 0, rank: 3, points: 0 },
        ],
        leading: ['o3'],
        tie: false,
        quorum: null,
        objections: undefined,
        consentGiven: undefined,
        namedBallots: [{ userId: 'u-2', displayName: 'Antoine Bérard', choice: { ranking: ['o3', 'o1', 'o2'] } }],
      }),
    });
    expect(screen.getByText('Option en tête : Risques majeurs')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Points' })).toBeInTheDocument();
    expect(screen.queryByText('Égalité')).not.toBeInTheDocument();
    const named = screen.getByRole('table', { name: 'Bulletins nominatifs' });
    expect(within(named).getByRole('row', { name: /Antoine Bérard/ })).toHaveTextContent('1. Risques majeurs, 2. Ressource en eau, 3. Biodiversité');
  });
});

describe('VotesSection', () => {
  const open = makeVote('consent', { voters: 1, eligible: 4 });

  it('lets a moderator open a vote and close one, and shows participation', async () => {
    const fetchMock = mockFetch([
      { path: '/api/auth/me', body: makeUser('moderator') },
      { path: '/api/axes/a-1/votes', body: [open] },
      { path: '/api/votes/v-1', body: open },
      { method: 'POST', path: '/api/axes/a-1/votes', status: 201, body: makeVote('single_choice', { id: 'v-2', question: 'Quel axe d’abord ?' }) },
      { method: 'POST', path: '/api/votes/v-1/close', body: { ...open, status: 'closed', closedAt: '2026-11-20T10:00:00.000Z', results: makeResults() } },
    ]);
    renderWithProviders(<VotesSection axisId="a-1" workspaceId="ws-1" />);
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 2, name: 'Votes' })).toBeInTheDocument();
    expect(await screen.findByText('Participation : 1 sur 4 (25 %)')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Ouvrir un vote' }));
    await user.type(screen.getByLabelText('Question soumise au vote'), 'Quel axe d’abord ?');
    await user.selectOptions(screen.getByLabelText('Type de vote'), 'single_choice');
    await user.type(screen.getByLabelText('Option 1'), 'Eau');
    await user.type(screen.getByLabelText('Option 2'), 'Biodiversité');
    await user.click(screen.getByRole('button', { name: 'Ajouter une option' }));
    await user.type(screen.getByLabelText('Option 3'), 'Risques');
    await user.click(screen.getByRole('button', { name: 'Retirer l’option 2' }));
    await user.click(screen.getByLabelText(/Nominatifs/));
    await user.click(screen.getByLabelText('Afficher les résultats avant la clôture'));
    await user.type(screen.getByLabelText(/Quorum/), '50');
    await user.click(screen.getByLabelText('Chaque type de collectivité doit être représenté'));
    await user.click(screen.getByRole('button', { name: 'Ouvrir le vote' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'POST', '/api/axes/a-1/votes')).toHaveLength(1));
    expect(requestsTo(fetchMock, 'POST', '/api/axes/a-1/votes')[0]).toMatchObject({
      question: 'Quel axe d’abord ?',
      kind: 'single_choice',
      options: ['Eau', 'Risques'],
      secret: false,
      resultsVisibleBeforeClose: true,
      quorum: 0.5,
      quorumAllTypes: true,
    });

    await user.click(screen.getByRole('button', { name: 'Clore le vote' }));
    await user.click(screen.getByRole('button', { name: 'Confirmer la clôture' }));
    expect(await screen.findByText('Le vote est clos.')).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: /Résultats du vote/ })).toBeInTheDocument();
  });

  it('shows observers no ballot form and no management', async () => {
    mockFetch([
      { path: '/api/auth/me', body: makeUser('observer') },
      { path: '/api/axes/a-1/votes', body: [open] },
      { path: '/api/votes/v-1', body: open },
    ]);
    renderWithProviders(<VotesSection axisId="a-1" workspaceId="ws-1" />);
    expect(await screen.findByText('Votre rôle d’observateur ou d’observatrice ne permet pas de voter.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Voter' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ouvrir un vote' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clore le vote' })).not.toBeInTheDocument();
  });

  it('lets a member vote', async () => {
    const fetchMock = mockFetch([
      { path: '/api/auth/me', body: makeUser('member') },
      { path: '/api/axes/a-1/votes', body: [open] },
      { path: '/api/votes/v-1', body: open },
      { method: 'PUT', path: '/api/votes/v-1/ballot', body: { ...open, hasVoted: true, voters: 2, myBallot: { option: 'pour' } } },
    ]);
    renderWithProviders(<VotesSection axisId="a-1" workspaceId="ws-1" />);
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText('Pour'));
    await user.click(screen.getByRole('button', { name: 'Voter' }));
    await waitFor(() => expect(requestsTo(fetchMock, 'PUT', '/api/votes/v-1/ballot')).toEqual([{ option: 'pour' }]));
    expect(await screen.findByText('Participation : 2 sur 4 (50 %)')).toBeInTheDocument();
    expect(screen.getByText('Votre vote a été enregistré.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Modifier mon vote' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clore le vote' })).not.toBeInTheDocument();
  });
});
