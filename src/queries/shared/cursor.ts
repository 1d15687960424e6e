import { BadRequestException } from '@nestjs/common';

/**
 * An opaque, stable page cursor: the sort name and the last row's sort key (which ends with
 * the row's id), base64url JSON. A cursor only continues the sort it was made for.
 */
export function encodeCursor(sort: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([sort, ...key]), 'utf8').toString('base64url');
}

/**
 * The key of a cursor made for `sort`. `checks` says what each key value must look like (one
 * per sort column), so a tampered cursor is refused instead of quietly paging from nowhere.
 */
export function decodeCursor(cursor: string, sort: string, checks: readonly ((value: string) => boolean)[]): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const invalid = () => new BadRequestException({ code: 'INVALID_CURSOR', message: 'cursor 无效:请使用上一页响应中的 nextCursor' });
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) throw invalid();
  if (parsed[0] !== sort) {
    throw new BadRequestException({ code: 'CURSOR_SORT_MISMATCH', message: `cursor 属于排序 ${String(parsed[0])},与本次请求的排序 ${sort} 不一致` });
  }
  const key = parsed.slice(1) as string[];
  if (key.length !== checks.length || !key.every((v, i) => checks[i]!(v))) throw invalid();
  return key;
}
