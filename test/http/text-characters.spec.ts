import { findUnsafeText, unsafeCharacter } from '../../src/http/text-characters';

describe('characters no command text may carry', () => {
  it.each([
    ['NUL', 'a\u0000b', 'U+0000', '控制字符'],
    ['BEL', '\u0007', 'U+0007', '控制字符'],
    ['DEL', '\u007f', 'U+007F', '控制字符'],
    ['a C1 control (NEL)', '\u0085', 'U+0085', '控制字符'],
    ['U+202E right-to-left override', '关于\u202Efdp.exe', 'U+202E', '双向文字控制符'],
    ['U+202A left-to-right embedding', '\u202A', 'U+202A', '双向文字控制符'],
    ['U+2066 left-to-right isolate', '\u2066', 'U+2066', '双向文字控制符'],
    ['U+2069 pop directional isolate', '\u2069', 'U+2069', '双向文字控制符'],
    ['a lone high surrogate', '标题\ud800', 'U+D800', '不成对的代理项'],
    ['a lone low surrogate', '\udc00标题', 'U+DC00', '不成对的代理项'],
  ])('%s is refused in any text', (_name, text, codePoint, kind) => {
    expect(unsafeCharacter(text, true)).toEqual({ codePoint, kind });
    expect(unsafeCharacter(text, false)).toEqual({ codePoint, kind });
  });

  it('a multi-line text keeps line breaks (LF or CRLF) and tabs; Chinese, punctuation and emoji pass', () => {
    expect(unsafeCharacter('一、收储范围\n二、资金安排\r\n\t(一) 年度预算 😀〔2026〕', true)).toBeUndefined();
    expect(unsafeCharacter('资金\r安排', true)).toEqual({ codePoint: 'U+000D', kind: '控制字符' });
  });

  it('a single-line text refuses line breaks and tabs too', () => {
    expect(unsafeCharacter('关于\n某地块', false)).toEqual({ codePoint: 'U+000A', kind: '换行符或制表符,单行文本中不允许' });
    expect(unsafeCharacter('关于\t某地块', false)).toEqual({ codePoint: 'U+0009', kind: '换行符或制表符,单行文本中不允许' });
    expect(unsafeCharacter('关于某地块土地收储的请示 😀', false)).toBeUndefined();
  });

  it('finds the first unsafe string anywhere in a body and names its path', () => {
    const body = { title: '标题', disagreement: { positions: [{ unit: 'finance', reasons: '理由' }, { unit: 'education', reasons: '理由\u0007' }] } };
    expect(findUnsafeText(body)).toEqual({ field: 'disagreement.positions.1.reasons', codePoint: 'U+0007', kind: '控制字符' });
    expect(findUnsafeText({ title: '标题', count: 3, flag: true, none: null })).toBeUndefined();
  });
});
