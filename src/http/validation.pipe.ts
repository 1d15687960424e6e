import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** whitelist + forbid unknown fields + transform; messages are the DTOs' Chinese ones. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
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
