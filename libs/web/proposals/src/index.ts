export { ProposalEditor, type ProposalEditorProps } from './lib/proposal-editor';
export { PROPOSAL_FIELD } from './lib/proposal-field';
export { CollabProvider, createBrowserCollabClient, useCollab, type CollabProviderProps } from './lib/collab-provider';
export { useProposalSession, useSessionState, localCopyName, type ProposalSession, type ProposalConnection } from './lib/use-proposal-session';
export { isSafeLinkUrl, normaliseLinkUrl } from './lib/safe-url';
