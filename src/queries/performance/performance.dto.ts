import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CODE_PATTERN, DATE_PATTERN, msg } from '../../documents/http/dto/messages';
import { QUERY_DATES_TEXT } from '../shared/query-dates';
import { ReadQueryDto } from '../shared/read-query.dto';
import { PERFORMANCE_GROUPS, PERFORMANCE_PERIODS, type PerformanceGroup, type PerformancePeriod } from './performance-query';

const SOURCES = ['document', 'proposal'] as const;

export class PerformanceQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: `月份 YYYY-MM (与 from/to 二选一); 期间应在 ${QUERY_DATES_TEXT} 之内, 否则 400 INVALID_RANGE`, example: '2026-10' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '$property 应为月份, 格式 YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ description: `起始日期 (含), 默认 to 所在月 1 日; ${QUERY_DATES_TEXT} 之内` })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: msg.date })
  from?: string;

  @ApiPropertyOptional({ description: `截止日期 (含), 默认今天; ${QUERY_DATES_TEXT} 之内` })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: msg.date })
  to?: string;

  @ApiPropertyOptional({ enum: PERFORMANCE_GROUPS, description: 'unit: 按单位 (默认); leader: 按分管领导' })
  @IsOptional()
  @IsIn(PERFORMANCE_GROUPS, { message: msg.oneOf(PERFORMANCE_GROUPS) })
  by?: PerformanceGroup;

  @ApiPropertyOptional({ enum: PERFORMANCE_PERIODS, description: 'range: 整个期间一行 (默认); month: 每月一行' })
  @IsOptional()
  @IsIn(PERFORMANCE_PERIODS, { message: msg.oneOf(PERFORMANCE_PERIODS) })
  period?: PerformancePeriod;

  @ApiPropertyOptional({ enum: SOURCES, description: '只统计收文交办或建议提案; 默认两者' })
  @IsOptional()
  @IsIn(SOURCES, { message: msg.oneOf(SOURCES) })
  source?: 'document' | 'proposal';

  @ApiPropertyOptional({ description: '只统计该单位' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: msg.code })
  unit?: string;

  @ApiPropertyOptional({ description: '只统计该分管领导分管的单位' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: msg.code })
  leader?: string;
}
