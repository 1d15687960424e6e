import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** whitelist + forbid unknown fields + transform; messages are the DTOs' Chinese ones. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: '请求参数不合法:' + flatten(errors).map((e) => `${e.field}: ${e.messages.join(';')}`).join(';'),
        details: { fields: flatten(errors) },
      }),
  });
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, messages: Object.entries(error.constraints).map(([k, m]) => (k === 'whitelistValidation' ? `不允许的字段「${field}」` : m)) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
