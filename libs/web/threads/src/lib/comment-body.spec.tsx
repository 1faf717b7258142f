import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CommentBody, safeUrlTransform } from './comment-body';

function renderBody(body: string) {
  const { container } = render(<CommentBody body={body} />);
  return container.querySelector('.comment-body') as HTMLElement;
}

/** No element able to run code or load anything, and no link with a dangerous target. */
function expectInert(root: HTMLElement) {
  expect(
    root.querySelectorAll('script, img, iframe, object, embed, svg, math, style, form, input, video, audio, source, link, meta'),
  ).toHaveLength(0);
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      expect(attribute.startsWith('on'), `${element.tagName} has ${attribute}`).toBe(false);
      expect(['src', 'srcset', 'style', 'formaction', 'xlink:href']).not.toContain(attribute);
    }
  }
  for (const link of root.querySelectorAll('a')) {
    expect(link.getAttribute('href') ?? '').toMatch(/^(https?:\/\/|mailto:)/i);
  }
}

describe('CommentBody', () => {
  it('renders the safe subset: paragraphs, emphasis, code, lists, quotes, line breaks', () => {
    const root = renderBody(
      'Un *mot* et **un autre**, du `code`.\nNouvelle ligne\n\n- un\n- deux\n\n1. premier\n\n> citation\n\n```\nbloc()\n```',
    );
    expect(root.querySelector('em')).toHaveTextContent('mot');
    expect(root.querySelector('strong')).toHaveTextContent('un autre');
    expect(root.querySelector('p > code')).toHaveTextContent('code');
    expect(root.querySelector('br')).not.toBeNull();
    expect(root.querySelectorAll('ul > li')).toHaveLength(2);
    expect(root.querySelector('ol > li')).toHaveTextContent('premier');
    expect(root.querySelector('blockquote')).toHaveTextContent('citation');
    expect(root.querySelector('pre > code')).toHaveTextContent('bloc()');
  });

  it('renders http, https and mailto links with a safe rel', () => {
    const root = renderBody('[site](https://www.cnfpt.fr) [mail](mailto:dgs@cavaillon.fr) <http://example.org>');
    const links = [...root.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://www.cnfpt.fr',
      'mailto:dgs@cavaillon.fr',
      'http://example.org',
    ]);
    for (const link of links) expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow ugc');
  });

  it('renders a mention as « @Name », not as a link', () => {
    const root = renderBody('Merci @[Camille Martin](user:0f8fad5b-d9cb-469f-a165-70867728950e) pour la relecture.');
    const mention = root.querySelector('.mention');
    expect(mention?.tagName).toBe('SPAN');
    expect(mention).toHaveTextContent('@Camille Martin');
    expect(root.querySelector('a')).toBeNull();
    expect(root).toHaveTextContent('Merci @Camille Martin pour la relecture.');
  });

  it('shows headings as bold paragraphs and images as their description', () => {
    const root = renderBody('# Titre\n\n![un schéma](https://evil.example/pixel.png)');
    expect(root.querySelector('h1')).toBeNull();
    expect(root.querySelector('p > strong')).toHaveTextContent('Titre');
    expect(root.querySelector('img')).toBeNull();
    expect(root).toHaveTextContent('un schéma');
  });

  it.each([
    ['script tag', '<script>window.pwned = true</script>', 'window.pwned = true'],
    ['img onerror', '<img src=x onerror="window.pwned = true">', 'onerror'],
    ['iframe', '<iframe src="https://evil.example"></iframe>', 'iframe'],
    ['raw HTML block', '<div onclick="alert(1)">\n<b>gras</b>\n</div>', 'gras'],
    ['inline raw HTML', 'avant <a href="javascript:alert(1)">clic</a> après', 'clic'],
    ['svg', '<svg onload=alert(1)><circle r=1></circle></svg>', 'svg'],
    ['javascript: link', '[clic](javascript:alert(1))', 'clic'],
    ['mixed-case javascript: link', '[x](JaVaScRiPt:alert(1))', 'x'],
    ['javascript: with entities', '[x](&#106;avascript:alert(1))', 'x'],
    ['javascript: with a tab', '[x](java\tscript:alert(1))', 'x'],
    ['data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', 'x'],
    ['vbscript: link', '[x](vbscript:msgbox(1))', 'x'],
    ['javascript: autolink', '<javascript:alert(1)>', 'javascript:alert(1)'],
    ['protocol-relative link', '[x](//evil.example)', 'x'],
    ['reference link', '[x][1]\n\n[1]: javascript:alert(1)', 'x'],
    ['markdown image', '![alt](javascript:alert(1))', 'alt'],
    ['image with onerror-like title', '![a](x "onerror=alert(1)")', 'a'],
    ['fake mention with a javascript target', '@[Camille](javascript:alert(1))', 'Camille'],
  ])('neutralises %s and keeps the text readable', (_name, body, visible) => {
    const root = renderBody(body);
    expectInert(root);
    expect(root.textContent).toContain(visible);
  });

  it('keeps raw HTML visible as text rather than rendering it', () => {
    const root = renderBody('<script>alert(1)</script>');
    expect(root.querySelector('script')).toBeNull();
    expect(root.textContent).toContain('<script>alert(1)</script>');
  });

  it('only lets http, https and mailto URLs through', () => {
    expect(safeUrlTransform('https://a.fr', 'href', {} as never)).toBe('https://a.fr');
    expect(safeUrlTransform('MAILTO:a@b.fr', 'href', {} as never)).toBe('MAILTO:a@b.fr');
    for (const url of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'data:text/html,x',
      '/relative',
      '//host',
      'user:123',
      'ftp://x',
      'http:evil',
    ]) {
      expect(safeUrlTransform(url, 'href', {} as never)).toBeUndefined();
    }
  });
});
