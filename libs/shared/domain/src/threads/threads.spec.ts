import { WORKSPACE_ROLES } from '@miroir/shared/contracts';
import { canResolveThread, checkAnchor, checkCommentBody, checkDisposition, mentionToken, parseMentions } from './threads';

const A = '11111111-2222-4333-8444-555555555555';
const B = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

describe('parseMentions', () => {
  it('finds the ids of well-formed mentions, once each, in order', () => {
    expect(parseMentions(`Bonjour @[Anne Martin](user:${A}), et @[Bruno](user:${B.toUpperCase()}) puis encore @[Anne](user:${A}).`)).toEqual([A, B]);
  });

  it('ignores what only looks like a mention', () => {
    expect(parseMentions('@Anne, mail anne@exemple.fr, [lien](https://exemple.fr)')).toEqual([]);
    expect(parseMentions(`@[](user:${A}) @[Anne](user:not-a-uuid) @[Anne](usr:${A}) @[An\nne](user:${A})`)).toEqual([]);
    expect(parseMentions(`\`@[Anne](user:${A}0)\``)).toEqual([]);
  });

  it('reads back the tokens mentionToken writes, whatever the name', () => {
    expect(mentionToken('Anne ] Martin', A)).toBe(`@[Anne   Martin](user:${A})`);
    expect(parseMentions(`${mentionToken('Anne ] Martin', A)} ${mentionToken('', B)}`)).toEqual([A, B]);
  });
});

describe('checkCommentBody', () => {
  it('accepts Markdown up to 10,000 characters', () => {
    expect(checkCommentBody('**Oui**, voir _ci-dessous_.')).toBeNull();
    expect(checkCommentBody('x'.repeat(10_000))).toBeNull();
  });

  it('refuses blank, too long, and NUL', () => {
    expect(checkCommentBody('  \n ')?.constraint).toBe('isNotEmpty');
    expect(checkCommentBody('x'.repeat(10_001))?.constraint).toBe('maxLength');
    expect(checkCommentBody('a\u0000b')).toEqual({ field: 'body', constraint: 'nulCharacter', message: expect.any(String) });
  });
});

describe('checkAnchor', () => {
  const anchor = { start: 'AQLIu4+9DgA=', end: 'AQLIu4-9Dg_', quote: 'le passage' };

  it('accepts base64 positions and a quote', () => {
    expect(checkAnchor(anchor)).toBeNull();
    expect(checkAnchor({ ...anchor, quote: 'q'.repeat(1000) })).toBeNull();
  });

  it('names the bad part', () => {
    expect(checkAnchor({ ...anchor, start: '' })).toMatchObject({ field: 'anchor.start', constraint: 'invalidAnchor' });
    expect(checkAnchor({ ...anchor, end: 'pas du base64 !' })).toMatchObject({ field: 'anchor.end', constraint: 'invalidAnchor' });
    expect(checkAnchor({ ...anchor, start: 'A'.repeat(1001) })).toMatchObject({ field: 'anchor.start', constraint: 'invalidAnchor' });
    expect(checkAnchor({ ...anchor, quote: ' ' })).toMatchObject({ field: 'anchor.quote', constraint: 'isNotEmpty' });
    expect(checkAnchor({ ...anchor, quote: 'q'.repeat(1001) })).toMatchObject({ field: 'anchor.quote', constraint: 'maxLength' });
    expect(checkAnchor({ ...anchor, extra: 1 } as never)).toMatchObject({ field: 'anchor.extra', constraint: 'whitelistValidation' });
    expect(checkAnchor({ ...anchor, quote: '\u0000' })).toMatchObject({ field: 'anchor.quote', constraint: 'nulCharacter' });
  });
});

describe('checkDisposition', () => {
  it('requires a reason to set a contribution aside, and only then', () => {
    expect(checkDisposition('ecarte', undefined)).toMatchObject({ field: 'reason', constraint: 'dispositionReasonRequired' });
    expect(checkDisposition('ecarte', '   ')).toMatchObject({ field: 'reason', constraint: 'dispositionReasonRequired' });
    expect(checkDisposition('ecarte', 'Hors du champ du plan')).toBeNull();
    expect(checkDisposition('integre', null)).toBeNull();
    expect(checkDisposition('repondu', 'Voir le compte rendu')).toBeNull();
    expect(checkDisposition(null, undefined)).toBeNull();
  });

  it('bounds the reason', () => {
    expect(checkDisposition('ecarte', 'r'.repeat(2001))).toMatchObject({ constraint: 'maxLength' });
    expect(checkDisposition('hors_sujet', 'a\u0000')).toMatchObject({ constraint: 'nulCharacter' });
  });
});

describe('canResolveThread', () => {
  it('lets moderators and admins resolve any thread, members their own, observers none', () => {
    const table = WORKSPACE_ROLES.map((role) => [role, canResolveThread(role, false), canResolveThread(role, true)]);
    expect(table).toEqual([
      ['admin', true, true],
      ['moderator', true, true],
      ['member', false, true],
      ['observer', false, false],
    ]);
  });
});
