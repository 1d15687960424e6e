import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { HANDLING_CLASSES } from '../../documents/domain/handling-classes';
import { CODE_PATTERN, msg } from '../../documents/http/dto/messages';
import { OBLIGATION_TYPES } from '../../../projections/obligation-vocabulary';
import { OBLIGATION_KINDS } from '../shared/labels';
import { QUERY_DATES_TEXT } from '../shared/query-dates';
import { ReadQueryDto } from '../shared/read-query.dto';
import { MAX_LIMIT, OBLIGATION_SORTS, OBLIGATION_VIEWS, type ObligationSort, type ObligationView } from './obligation-query';

const SOURCES = ['document', 'issuance', 'proposal'];
const TYPES = Object.keys(OBLIGATION_TYPES);

/** Filters and window of every obligations query (and export). */
export class ObligationFilterDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: `截至时间: 带时区的 ISO 时间, 或日期 (当日 24 时, 北京时间); 默认现在; 应在 ${QUERY_DATES_TEXT} 之间, 否则 400 INVALID_AS_OF`, example: '2026-10-15T09:00:00+08:00' })
  @IsOptional()
  @IsString({ message: msg.string })
  @MaxLength(40, { message: msg.maxLength(40) })
  asOf?: string;

  @ApiPropertyOptional({ description: '黄: 截至日期后几个工作日内到期 (0: 当日), 默认 3', minimum: 0, maximum: 60 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property 应为整数' })
  @Min(0, { message: '$property 不得小于 0' })
  @Max(60, { message: '$property 不得大于 60' })
  withinDays?: number;

  @ApiPropertyOptional({ description: '责任单位编码' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: msg.code })
  unit?: string;

  @ApiPropertyOptional({ description: '分管领导职位 (其分管单位的事项)', example: 'vice-mayor-1' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: msg.code })
  leader?: string;

  @ApiPropertyOptional({ description: '应办方: 单位编码或领导职位 (如待某位领导批示、签发、协调的事项)' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: msg.code })
  owedBy?: string;

  @ApiPropertyOptional({ enum: HANDLING_CLASSES, description: '办理类别 (第四十七条)' })
  @IsOptional()
  @IsIn(HANDLING_CLASSES, { message: msg.oneOf(HANDLING_CLASSES) })
  handlingClass?: string;

  @ApiPropertyOptional({ enum: OBLIGATION_KINDS, description: '文种 / 发文类别 / 建议提案类别编码, 如 request、normative、npc_suggestion' })
  @IsOptional()
  @IsIn(OBLIGATION_KINDS, { message: msg.oneOf(OBLIGATION_KINDS) })
  kind?: string;

  @ApiPropertyOptional({ enum: SOURCES, description: '收文交办 / 发文 / 建议提案' })
  @IsOptional()
  @IsIn(SOURCES, { message: msg.oneOf(SOURCES) })
  source?: string;

  @ApiPropertyOptional({ enum: TYPES, description: '事项类型' })
  @IsOptional()
  @IsIn(TYPES, { message: msg.oneOf(TYPES) })
  type?: string;

  @ApiPropertyOptional({ enum: OBLIGATION_SORTS, description: 'dueAt: 最早到期在前 (默认); -dueAt; unit: 按单位' })
  @IsOptional()
  @IsIn(OBLIGATION_SORTS, { message: msg.oneOf(OBLIGATION_SORTS) })
  sort?: ObligationSort;
}

export class ObligationPageDto extends ObligationFilterDto {
  @ApiPropertyOptional({ description: '上一页响应中的 nextCursor' })
  @IsOptional()
  @IsString({ message: msg.string })
  @MaxLength(1000, { message: msg.maxLength(1000) })
  cursor?: string;

  @ApiPropertyOptional({ description: `每页条数, 1–${MAX_LIMIT}, 默认 50` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property 应为整数' })
  @Min(1, { message: '$property 不得小于 1' })
  @Max(MAX_LIMIT, { message: `$property 不得大于 ${MAX_LIMIT}` })
  limit?: number;
}

export class ObligationListDto extends ObligationPageDto {
  @ApiPropertyOptional({ enum: OBLIGATION_VIEWS, description: 'overdue 红 / due_soon 黄 / outstanding 红+黄 / open 全部 (默认)' })
  @IsOptional()
  @IsIn(OBLIGATION_VIEWS, { message: msg.oneOf(OBLIGATION_VIEWS) })
  view?: ObligationView;
}

export class ObligationExportDto extends ObligationFilterDto {
  @ApiPropertyOptional({ enum: OBLIGATION_VIEWS, description: 'overdue 红 / due_soon 黄 / outstanding 红+黄 / open 全部 (默认)' })
  @IsOptional()
  @IsIn(OBLIGATION_VIEWS, { message: msg.oneOf(OBLIGATION_VIEWS) })
  view?: ObligationView;
}
