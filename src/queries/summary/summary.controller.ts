import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { msg } from '../../documents/http/dto/messages';
import { QUERY_DATES_TEXT } from '../shared/query-dates';
import { ReadQueryDto } from '../shared/read-query.dto';
import { ReadScope, type QueryScope } from '../shared/query-scope';
import { SummaryService } from './summary.service';

export class SummaryQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: `截至时间 (ISO 或日期), 默认现在; 应在 ${QUERY_DATES_TEXT} 之间, 否则 400 INVALID_AS_OF` })
  @IsOptional()
  @IsString({ message: msg.string })
  @MaxLength(40, { message: msg.maxLength(40) })
  asOf?: string;

  @ApiPropertyOptional({ description: '黄: 几个工作日内到期, 默认 3' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property 应为整数' })
  @Min(0, { message: '$property 不得小于 0' })
  @Max(60, { message: '$property 不得大于 60' })
  withinDays?: number;
}

@ApiTags('queries 督查查询')
@ApiBearerAuth()
@Controller('obligations')
export class SummaryController {
  constructor(private readonly summary: SummaryService) {}

  @Get('summary')
  @ApiOperation({ summary: '看板汇总: 各单位按红/黄/正常和按状态的计数' })
  get(@Query() q: SummaryQueryDto, @ReadScope() scope: QueryScope) {
    return this.summary.summary(q, scope);
  }
}
