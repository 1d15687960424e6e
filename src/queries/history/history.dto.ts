import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { QUERY_DATES_TEXT } from '../shared/query-dates';
import { ReadQueryDto } from '../shared/read-query.dto';

export class StateQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: `某一时刻的状态: 带时区的 ISO 时间, 或日期 (当日 24 时, 北京时间); 应在 ${QUERY_DATES_TEXT} 之间, 否则 400 INVALID_AS_OF` })
  @IsOptional()
  @IsString({ message: '$property 应为文本' })
  @MaxLength(40, { message: '$property 不得超过 40 个字符' })
  asOf?: string;

  @ApiPropertyOptional({ description: '某一版本 (0 起) 后的状态' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property 应为整数' })
  @Min(0, { message: '$property 不得小于 0' })
  revision?: number;
}
