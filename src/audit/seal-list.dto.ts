import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_SEALS_LISTED = 500;

/** GET /audit/seals: how many of the newest seals to list. */
export class SealListDto {
  @ApiPropertyOptional({ description: `条数, 1–${MAX_SEALS_LISTED}, 默认 20 (最新在前)` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property 应为整数' })
  @Min(1, { message: '$property 不得小于 1' })
  @Max(MAX_SEALS_LISTED, { message: `$property 不得大于 ${MAX_SEALS_LISTED}` })
  limit?: number;
}
