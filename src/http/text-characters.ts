import { BadRequestException } from '@nestjs/common';
import { ValidateBy, type ValidationArguments } from 'class-validator';

/**
 * Characters no command text may carry: they are invisible or reorder what is shown, so a
 * title could read differently in the UI, a CSV export or a terminal than it is stored
 * (NUL, BEL, U+202E …). Checked once for every string of every command body (the validation
 * pipe); single-line fields (titles, numbers, names) also refuse line breaks and tabs.
 */
export const TEXT_INVALID_CHARACTERS = 'TEXT_INVALID_CHARACTERS';

// C0 controls but \t \n \r, DEL, C1 controls; bidi embeddings/overrides and isolates; lone surrogates.
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\r(?!\n)|\p{Cs}/u;
// A single line allows no line break or tab either.
const UNSAFE_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function kind(c: string, multiline: boolean): string {
  const n = c.codePointAt(0)!;
  if (n >= 0xd800 && n <= 0xdfff) return '不成对的代理项';
  if ((n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069)) return '双向文字控制符';
  if (!multiline && (c === '\n' || c === '\r' || c === '\t')) return '换行符或制表符,单行文本中不允许';
  return '控制字符';
}

/** The first character a text may not carry, described, or undefined. CRLF counts as a line break. */
export function unsafeCharacter(text: string, multiline: boolean): { codePoint: string; kind: string } | undefined {
  const found = (multiline ? UNSAFE : UNSAFE_IN_LINE).exec(text)?.[0];
  return found === undefined ? undefined : { codePoint: codePoint(found), kind: kind(found, multiline) };
}

export const unsafeTextMessage = (field: string, found: { codePoint: string; kind: string }) =>
  `字段「${field}」含有不允许的字符 ${found.codePoint}(${found.kind})`;

/** The first string in a request body (nested objects and arrays too) with an unsafe character. */
export function findUnsafeText(value: unknown, path = ''): { field: string; codePoint: string; kind: string } | undefined {
  if (typeof value === 'string') {
    const found = unsafeCharacter(value, true);
    return found && { field: path || '(body)', ...found };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, member] of Object.entries(value)) {
    const found = findUnsafeText(member, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/** 400 TEXT_INVALID_CHARACTERS naming the field. */
export function textInvalid(found: { field: string; codePoint: string; kind: string }): BadRequestException {
  return new BadRequestException({ code: TEXT_INVALID_CHARACTERS, message: unsafeTextMessage(found.field, found), details: found });
}

export const SINGLE_LINE = 'singleLine';

/** A one-line text (title, number, name): no line break or tab besides the characters no text may carry. */
export function SingleLine(each = false): PropertyDecorator {
  const firstUnsafe = (value: unknown) =>
    (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? unsafeCharacter(v, false) : undefined)).find(Boolean);
  return ValidateBy(
    {
      name: SINGLE_LINE,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || unsafeCharacter(value, false) === undefined,
        defaultMessage: (args?: ValidationArguments) => unsafeTextMessage(args!.property, firstUnsafe(args!.value)!),
      },
    },
    { each },
  );
}
