import { useTranslation } from '@miroir/web/i18n';
import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

interface ToolbarState {
  heading2: boolean;
  heading3: boolean;
  bold: boolean;
  italic: boolean;
  bulletList: boolean;
  orderedList: boolean;
  blockquote: boolean;
  link: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

type ToggleKey = Exclude<keyof ToolbarState, 'canUndo' | 'canRedo'>;

interface ToolbarItem {
  key: ToggleKey | 'undo' | 'redo';
  label: string;
  icon: ReactNode;
  /** aria-pressed for toggles; undefined for plain actions (undo, redo). */
  pressed?: boolean;
  disabled?: boolean;
  shortcut?: string;
  expanded?: boolean;
  controls?: string;
  onActivate: () => void;
  group: number;
}

const svgProps = { width: 18, height: 18, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true, focusable: false } as const;

const icons = {
  bulletList: (
    <svg {...svgProps}>
      <line x1="9" y1="6" x2="20" y2="6" />
      <line x1="9" y1="12" x2="20" y2="12" />
      <line x1="9" y1="18" x2="20" y2="18" />
      <circle cx="4.5" cy="6" r="1" fill="currentColor" />
      <circle cx="4.5" cy="12" r="1" fill="currentColor" />
      <circle cx="4.5" cy="18" r="1" fill="currentColor" />
    </svg>
  ),
  orderedList: (
    <svg {...svgProps}>
      <line x1="10" y1="6" x2="21" y2="6" />
      <line x1="10" y1="12" x2="21" y2="12" />
      <line x1="10" y1="18" x2="21" y2="18" />
      <path d="M4 6h1v4" />
      <path d="M4 10h2" />
      <path d="M6 18H4c0-1 2-2 2-3s-1-1.5-2-1" />
    </svg>
  ),
  blockquote: (
    <svg {...svgProps}>
      <path d="M6 17h3l2-4V7H5v6h3z" />
      <path d="M14 17h3l2-4V7h-6v6h3z" />
    </svg>
  ),
  link: (
    <svg {...svgProps}>
      <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" />
      <path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
    </svg>
  ),
  undo: (
    <svg {...svgProps}>
      <path d="M9 14 4 9l5-5" />
      <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
    </svg>
  ),
  redo: (
    <svg {...svgProps}>
      <path d="m15 14 5-5-5-5" />
      <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
    </svg>
  ),
};

export interface EditorToolbarProps {
  editor: Editor;
  /** id of the editable area the toolbar acts on. */
  controls: string;
  linkFormOpen: boolean;
  linkFormId: string;
  onToggleLinkForm: () => void;
  /** Receives the « Lien » button, where focus returns when the link form is cancelled. */
  linkButtonRef?: RefObject<HTMLButtonElement | null>;
}

/**
 * Formatting toolbar (WAI-ARIA toolbar pattern): one tab stop, arrow keys move between buttons.
 * Toggles expose their state with aria-pressed; the mouse never takes the focus out of the text.
 */
export function EditorToolbar({ editor, controls, linkFormOpen, linkFormId, onToggleLinkForm, linkButtonRef }: EditorToolbarProps) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const state = useEditorState<ToolbarState>({
    editor,
    selector: ({ editor: snapshot }) => ({
      heading2: snapshot.isActive('heading', { level: 2 }),
      heading3: snapshot.isActive('heading', { level: 3 }),
      bold: snapshot.isActive('bold'),
      italic: snapshot.isActive('italic'),
      bulletList: snapshot.isActive('bulletList'),
      orderedList: snapshot.isActive('orderedList'),
      blockquote: snapshot.isActive('blockquote'),
      link: snapshot.isActive('link'),
      canUndo: snapshot.can().undo(),
      canRedo: snapshot.can().redo(),
    }),
  });

  const chain = () => editor.chain().focus();
  const items: ToolbarItem[] = [
    { key: 'heading2', group: 0, label: t('proposal.heading2'), icon: <span className="editor-toolbar__text">{t('proposal.heading2')}</span>, pressed: state.heading2, shortcut: 'Control+Alt+2', onActivate: () => chain().toggleHeading({ level: 2 }).run() },
    { key: 'heading3', group: 0, label: t('proposal.heading3'), icon: <span className="editor-toolbar__text">{t('proposal.heading3')}</span>, pressed: state.heading3, shortcut: 'Control+Alt+3', onActivate: () => chain().toggleHeading({ level: 3 }).run() },
    { key: 'bold', group: 1, label: t('proposal.bold'), icon: <span className="editor-toolbar__text editor-toolbar__text--bold">{t('proposal.bold').charAt(0)}</span>, pressed: state.bold, shortcut: 'Control+B', onActivate: () => chain().toggleBold().run() },
    { key: 'italic', group: 1, label: t('proposal.italic'), icon: <span className="editor-toolbar__text editor-toolbar__text--italic">{t('proposal.italic').charAt(0)}</span>, pressed: state.italic, shortcut: 'Control+I', onActivate: () => chain().toggleItalic().run() },
    { key: 'bulletList', group: 2, label: t('proposal.bulletList'), icon: icons.bulletList, pressed: state.bulletList, shortcut: 'Control+Shift+8', onActivate: () => chain().toggleBulletList().run() },
    { key: 'orderedList', group: 2, label: t('proposal.orderedList'), icon: icons.orderedList, pressed: state.orderedList, shortcut: 'Control+Shift+7', onActivate: () => chain().toggleOrderedList().run() },
    { key: 'blockquote', group: 2, label: t('proposal.blockquote'), icon: icons.blockquote, pressed: state.blockquote, shortcut: 'Control+Shift+B', onActivate: () => chain().toggleBlockquote().run() },
    { key: 'link', group: 3, label: t('proposal.link'), icon: icons.link, pressed: state.link, expanded: linkFormOpen, controls: linkFormId, onActivate: onToggleLinkForm },
    { key: 'undo', group: 4, label: t('proposal.undo'), icon: icons.undo, disabled: !state.canUndo, shortcut: 'Control+Z', onActivate: () => chain().undo().run() },
    { key: 'redo', group: 4, label: t('proposal.redo'), icon: icons.redo, disabled: !state.canRedo, shortcut: 'Control+Shift+Z', onActivate: () => chain().redo().run() },
  ];

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = items.length - 1;
    const target =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (target === null) return;
    event.preventDefault();
    setCurrent(target);
    buttons.current[target]?.focus();
  }

  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('proposal.toolbar')} aria-controls={controls}>
      {items.map((item, index) => (
        <button
          key={item.key}
          ref={(element) => {
            buttons.current[index] = element;
            if (item.key === 'link' && linkButtonRef) linkButtonRef.current = element;
          }}
          type="button"
          className={[
            'editor-toolbar__button',
            item.pressed ? 'editor-toolbar__button--active' : '',
            index > 0 && items[index - 1]?.group !== item.group ? 'editor-toolbar__button--group-start' : '',
          ]
            .filter(Boolean)
            .join(' ')}
          tabIndex={index === current ? 0 : -1}
          aria-label={item.label}
          title={item.label}
          aria-pressed={item.pressed}
          aria-disabled={item.disabled || undefined}
          aria-keyshortcuts={item.shortcut}
          aria-expanded={item.expanded}
          aria-controls={item.expanded ? item.controls : undefined}
          onMouseDown={(event) => event.preventDefault()}
          onFocus={() => setCurrent(index)}
          onKeyDown={(event) => onKeyDown(event, index)}
          onClick={() => {
            if (!item.disabled) item.onActivate();
          }}
        >
          {item.icon}
        </button>
      ))}
    </div>
  );
}
