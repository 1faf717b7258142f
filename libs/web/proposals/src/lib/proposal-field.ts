/** The Y.Doc field holding the ProseMirror document (shared with every client of the proposal). */
export const PROPOSAL_FIELD = 'prosemirror';
