import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { findUnsafeText, SINGLE_LINE, textInvalid, unsafeCharacter } from './text-characters';

/**
 * whitelist + forbid unknown fields + transform; messages are the DTOs' Chinese ones. Every
 * string of a command body is first checked for characters no text may carry (one place for
 * all fields, nested ones too): 400 TEXT_INVALID_CHARACTERS naming the field.
 */
class CommandValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      const found = findUnsafeText(value);
      if (found) throw textInvalid(found);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new CommandValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const lineBreak = onlySingleLineFailures(errors);
      if (lineBreak) return textInvalid(lineBreak);
      const fields = flatten(errors);
      return new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: '请求参数不合法:' + fields.map((e) => `${e.field}: ${e.messages.join(';')}`).join(';'),
        details: { fields },
      });
    },
  });
}

/** Constraints on a value's type: when one fails, range and length messages only confuse. */
const TYPE_CHECKS = new Set(['isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject', 'isDate', 'isDateString', 'isISO8601']);

interface Failure {
  field: string;
  value: unknown;
  /** [constraint, message] pairs, only the type checks when one of them failed. */
  failed: [string, string][];
}

/** Every field that failed, nested ones by their dotted path. */
function failures(errors: ValidationError[], prefix = ''): Failure[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    let failed = Object.entries(error.constraints ?? {});
    if (failed.some(([k]) => TYPE_CHECKS.has(k))) failed = failed.filter(([k]) => TYPE_CHECKS.has(k));
    const own = failed.length > 0 ? [{ field, value: error.value, failed }] : [];
    return [...own, ...failures(error.children ?? [], field)];
  });
}

function flatten(errors: ValidationError[]): { field: string; messages: string[] }[] {
  return failures(errors).map(({ field, failed }) => ({
    field,
    messages: failed.map(([k, m]) => (k === 'whitelistValidation' ? `不允许的字段「${field}」` : m)),
  }));
}

/** When a line break or tab in a single-line field is all that is wrong, it is a text problem, not a malformed request. */
function onlySingleLineFailures(errors: ValidationError[]): ReturnType<typeof findUnsafeText> {
  const all = failures(errors);
  if (all.length === 0 || !all.every((f) => f.failed.every(([k]) => k === SINGLE_LINE))) return undefined;
  const { field, value } = all[0]!;
  for (const text of Array.isArray(value) ? value : [value]) {
    const found = typeof text === 'string' ? unsafeCharacter(text, false) : undefined;
    if (found) return { field, ...found };
  }
  return undefined;
}
