import { useTranslation } from '@miroir/web/i18n';
import { Alert, Badge } from '@miroir/web/ui';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { StarterKit } from '@tiptap/starter-kit';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { EditorToolbar } from './editor-toolbar';
import { LinkForm } from './link-form';
import { PresenceList, usePresences } from './presence';
import { PROPOSAL_FIELD } from './proposal-field';
import { isSafeLinkUrl } from './safe-url';
import { SyncStatusIndicator } from './sync-status';
import { useSessionState, type ProposalSession } from './use-proposal-session';
import { useThreadHighlights, useThreadHighlightsSync } from './use-thread-highlights';
import './proposal-editor.css';

export interface ProposalUser {
  id: string;
  name: string;
  color: string;
}

export interface ProposalEditorViewProps {
  doc: Y.Doc;
  session: ProposalSession;
  /** The signed-in user, for the local caret and presence (the server stamps the real identity). */
  self: ProposalUser;
  /** Whether the role allows editing; the server's answer (read-only, `doc:access`) can only narrow it. */
  canEdit: boolean;
}

function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = String(user['color']);
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = String(user['color']);
  label.textContent = typeof user['name'] === 'string' ? user['name'] : '';
  caret.append(label);
  return caret;
}

function renderSelection(user: Record<string, unknown>) {
  const color = user['color'];
  if (typeof color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(color)) return {};
  // 20 % of the person's colour: the text on it keeps its contrast.
  return { nodeName: 'span', class: 'collaboration-carets__selection', style: `background-color: ${color}33` };
}

export function ProposalEditorView({ doc, session, self, canEdit }: ProposalEditorViewProps) {
  const { t } = useTranslation();
  const { status, readOnly, problem } = useSessionState(session);
  const presences = usePresences(session.awareness, self.id);
  const editable = canEdit && !readOnly;
  const contentId = useId();
  const linkFormId = useId();
  const [linkFormOpen, setLinkFormOpen] = useState(false);
  const linkButton = useRef<HTMLButtonElement>(null);
  const label = t('proposal.editorLabel');
  const threadHighlights = useThreadHighlights(doc);

  const extensions = useMemo(
    () => [
      StarterKit.configure({
        undoRedo: false, // Collaboration brings an undo manager that only undoes one's own changes
        heading: { levels: [2, 3] },
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          defaultProtocol: 'https',
          protocols: ['mailto'],
          isAllowedUri: (url) => isSafeLinkUrl(url),
          HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
        },
      }),
      Collaboration.configure({ document: doc, field: PROPOSAL_FIELD }),
      CollaborationCaret.configure({
        provider: session,
        user: { id: self.id, name: self.name, color: self.color },
        render: renderCaret,
        selectionRender: renderSelection,
      }),
      threadHighlights.extension,
    ],
    [doc, session, self, threadHighlights.extension],
  );

  const editorProps = useMemo(
    () => ({
      attributes: {
        id: contentId,
        class: 'proposal-editor__content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        'aria-readonly': editable ? 'false' : 'true',
      },
    }),
    [contentId, label, editable],
  );

  const editor = useEditor({ extensions, editable, editorProps });
  useThreadHighlightsSync(editor, doc, threadHighlights.bridge, t('proposal.threadHighlight'));

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, editable]);

  const showToolbar = editable;
  const closeLinkForm = (returnFocusTo: 'editor' | 'toolbar') => {
    setLinkFormOpen(false);
    if (returnFocusTo === 'editor') editor.commands.focus();
    else linkButton.current?.focus();
  };

  return (
    <div className={editable ? 'proposal' : 'proposal proposal--readonly'}>
      <div className="proposal__bar">
        <PresenceList presences={presences} />
        <SyncStatusIndicator status={status} />
      </div>
      {status === 'offline' ? <p className="proposal__offline-hint">{t('proposal.offlineHint')}</p> : null}
      {problem ? <Alert type="warning">{t(problem === 'revoked' ? 'proposal.revoked' : 'proposal.unavailable')}</Alert> : null}
      {!editable ? (
        <p className="proposal__readonly">
          <Badge tone="muted">{t('proposal.readOnly.badge')}</Badge> <span>{t('proposal.readOnly.body')}</span>
        </p>
      ) : null}
      <div className="proposal-editor">
        {showToolbar ? (
          <EditorToolbar
            editor={editor}
            controls={contentId}
            linkFormOpen={linkFormOpen}
            linkFormId={linkFormId}
            linkButtonRef={linkButton}
            onToggleLinkForm={() => (linkFormOpen ? closeLinkForm('editor') : setLinkFormOpen(true))}
          />
        ) : null}
        {showToolbar && linkFormOpen ? <LinkForm id={linkFormId} editor={editor} onClose={closeLinkForm} /> : null}
        <EditorContent editor={editor} className="proposal-editor__frame" />
      </div>
    </div>
  );
}
