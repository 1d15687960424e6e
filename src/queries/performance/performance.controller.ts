import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { attachment, MEDIA_TYPES, toCsv, toXlsx } from '../export/table-export';
import { ReadScope, type QueryScope } from '../shared/query-scope';
import { performanceColumns } from './performance-columns';
import { PerformanceQueryDto } from './performance.dto';
import { PerformanceService, type PerformanceReport } from './performance.service';

const rowsOf = (r: PerformanceReport) => [...r.rows, r.totals];
const title = (r: PerformanceReport) => `${r.by === 'leader' ? '分管领导' : '单位'}绩效 ${r.from} 至 ${r.to}`;

/** 第三十二条 绩效考核: per unit or 分管领导, per month or over a range. */
@ApiTags('queries 督查查询')
@ApiBearerAuth()
@Controller('performance')
export class PerformanceController {
  constructor(private readonly performance: PerformanceService) {}

  @Get()
  @ApiOperation({ summary: '交办、办结、按时办结、当前逾期、延期、催办、平均办结工作日、办结率、按时办结率' })
  report(@Query() q: PerformanceQueryDto, @ReadScope() scope: QueryScope) {
    return this.performance.report(q, scope);
  }

  @Get('export.csv')
  @ApiProduces(MEDIA_TYPES.csv)
  @ApiOperation({ summary: '绩效导出 CSV (UTF-8 带 BOM, 中文表头)' })
  async csv(@Query() q: PerformanceQueryDto, @ReadScope() scope: QueryScope, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.performance.report(q, scope);
    void reply.header('Content-Type', MEDIA_TYPES.csv).header('Content-Disposition', attachment('performance.csv', `${title(report)}.csv`));
    return toCsv(performanceColumns(report.by === 'leader'), rowsOf(report));
  }

  @Get('export.xlsx')
  @ApiProduces(MEDIA_TYPES.xlsx)
  @ApiOperation({ summary: '绩效导出 Excel (XLSX, 中文表头)' })
  async xlsx(@Query() q: PerformanceQueryDto, @ReadScope() scope: QueryScope, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.performance.report(q, scope);
    void reply.header('Content-Type', MEDIA_TYPES.xlsx).header('Content-Disposition', attachment('performance.xlsx', `${title(report)}.xlsx`));
    return toXlsx('绩效', performanceColumns(report.by === 'leader'), rowsOf(report), Object.values(report.definitions).join(';'));
  }
}
