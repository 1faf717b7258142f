export { VotesSection, type VotesSectionProps } from './lib/votes-section';
export { BallotForm, type BallotFormProps } from './lib/ballot-form';
export { VoteResultsView, type VoteResultsViewProps } from './lib/vote-results';
export { OpenVoteForm, type OpenVoteFormProps } from './lib/open-vote-form';
