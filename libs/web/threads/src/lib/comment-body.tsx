import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import Markdown, { type Components, type UrlTransform } from 'react-markdown';

/**
 * Renders a comment body (raw Markdown written by members) with a safe subset only.
 *
 * Defence in depth, from the parser to the DOM:
 * - no `rehype-raw`: raw HTML (`<script>`, `<img onerror>`, `<iframe>`…) never becomes an
 *   element; react-markdown turns it into plain text, so it reads as what was typed;
 * - `allowedElements` keeps paragraphs, emphasis, code, lists, quotes, links and line breaks;
 *   anything else is unwrapped to its text (headings are shown as bold paragraphs);
 * - images become their alternative text (no request to a third-party server);
 * - `urlTransform` keeps http, https and mailto targets only; any other link (`javascript:`,
 *   `data:`, relative…) is rendered as its text, without `href`;
 * - mentions `@[Name](user:<uuid>)` become a styled span « @Name », never a link.
 */

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Keeps an absolute http(s) or mailto URL, drops everything else (returns undefined). */
export const safeUrlTransform: UrlTransform = (url) => {
  const value = url.trim();
  // A scheme is required: relative URLs and protocol-relative ones (`//host`) are dropped too.
  if (!/^(https?:\/\/[^/\s]|mailto:)/i.test(value)) return undefined;
  try {
    return SAFE_PROTOCOLS.has(new URL(value).protocol) ? value : undefined;
  } catch {
    return undefined;
  }
};

const ALLOWED_ELEMENTS = [
  'p',
  'em',
  'strong',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'blockquote',
  'a',
  'br',
  'span',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
];

/* A minimal view of the Markdown syntax tree (mdast), enough for the transforms below. */
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  alt?: string | null;
  children?: MdNode[];
  data?: Record<string, unknown>;
}

const MENTION_URL = /^user:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

function textOf(node: MdNode): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(textOf).join('');
}

/** `@` + `[Name](user:uuid)` → a `mention` node rendered as `<span class="mention">@Name</span>`. */
function mentionNode(link: MdNode, id: string): MdNode {
  return {
    type: 'mention',
    data: {
      hName: 'span',
      hProperties: { className: ['mention'], dataUserId: id.toLowerCase() },
      hChildren: [{ type: 'text', value: `@${textOf(link)}` }],
    },
  };
}

function transformChildren(parent: MdNode): void {
  const children = parent.children;
  if (!children) return;
  const result: MdNode[] = [];
  for (const child of children) {
    const previous = result[result.length - 1];
    const mention = child.type === 'link' ? MENTION_URL.exec(child.url ?? '') : null;
    if (mention && previous?.type === 'text' && previous.value?.endsWith('@')) {
      previous.value = previous.value.slice(0, -1);
      if (previous.value === '') result.pop();
      result.push(mentionNode(child, mention[1] as string));
      continue;
    }
    if (child.type === 'image') {
      // Pictures are not shown (tracking, layout): their description stays readable.
      if (child.alt) result.push({ type: 'text', value: child.alt });
      continue;
    }
    if (child.type === 'text' && child.value?.includes('\n') && parent.type !== 'inlineCode') {
      // A single line break in a comment is meant as one (as in a chat), not as a space.
      child.value.split('\n').forEach((line, index) => {
        if (index > 0) result.push({ type: 'break' });
        if (line) result.push({ type: 'text', value: line });
      });
      continue;
    }
    transformChildren(child);
    result.push(child);
  }
  parent.children = result;
}

/** The remark plugin applying the transforms above. */
function remarkCommentSubset() {
  return (tree: MdNode) => transformChildren(tree);
}

const LINK_REL = 'noopener noreferrer nofollow ugc';

function Heading({ children }: { children?: ReactNode }) {
  return (
    <p>
      <strong>{children}</strong>
    </p>
  );
}

const components: Components = {
  a: ({ href, children }: ComponentPropsWithoutRef<'a'>) =>
    href ? (
      <a href={href} rel={LINK_REL}>
        {children}
      </a>
    ) : (
      <span className="comment-body__unsafe-link">{children}</span>
    ),
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
  // A thematic break carries no meaning in a comment.
  hr: () => null,
};

export interface CommentBodyProps {
  body: string;
  className?: string;
}

export function CommentBody({ body, className }: CommentBodyProps) {
  return (
    <div className={['comment-body', className ?? ''].filter(Boolean).join(' ')}>
      <Markdown
        remarkPlugins={[remarkCommentSubset]}
        allowedElements={ALLOWED_ELEMENTS}
        unwrapDisallowed
        urlTransform={safeUrlTransform}
        components={components}
      >
        {body}
      </Markdown>
    </div>
  );
}
