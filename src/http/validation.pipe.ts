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

function flatten(errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    let failed = Object.entries(error.constraints ?? {});
    if (failed.some(([k]) => TYPE_CHECKS.has(k))) failed = failed.filter(([k]) => TYPE_CHECKS.has(k));
    const own = failed.length > 0
      ? [{ field, messages: failed.map(([k, m]) => (k === 'whitelistValidation' ? `不允许的字段「${field}」` : m)) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** When a line break or tab in a single-line field is all that is wrong, it is a text problem, not a malformed request. */
function onlySingleLineFailures(errors: ValidationError[]): ReturnType<typeof findUnsafeText> {
  const failures: { field: string; value: unknown; constraints: string[] }[] = [];
  const walk = (list: ValidationError[], path: string) => {
    for (const error of list) {
      const field = path ? `${path}.${error.property}` : error.property;
      const constraints = Object.keys(error.constraints ?? {});
      if (constraints.length > 0) failures.push({ field, value: error.value, constraints });
      walk(error.children ?? [], field);
    }
  };
  walk(errors, '');
  if (failures.length === 0 || !failures.every((f) => f.constraints.every((c) => c === SINGLE_LINE))) return undefined;
  const { field, value } = failures[0]!;
  for (const text of Array.isArray(value) ? value : [value]) {
    const found = typeof text === 'string' ? unsafeCharacter(text, false) : undefined;
    if (found) return { field, ...found };
  }
  return undefined;
}
