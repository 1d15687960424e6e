import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Positions as the stores write them: 16 digits (SQLite) or commit-prepare hex (EventStoreDB). */
export const POSITION_PATTERN = /^(\d{16}|[0-9a-f]{16}-[0-9a-f]{16})$/;

/** Every query accepts the position a command returned (read-your-writes). */
export class ReadQueryDto {
  @ApiPropertyOptional({ description: '命令响应中的 position: 等读模型处理到该位置后再查询 (有超时, 超时答 503); 超出事件存储最后位置的答 400 MIN_POSITION_AHEAD', example: '0000000000000042' })
  @IsOptional()
  @Matches(POSITION_PATTERN, { message: '$property 应为命令响应中的 position' })
  minPosition?: string;
}
