import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { attachment, MEDIA_TYPES, toCsv, toXlsx } from '../export/table-export';
import { ReadScope, type QueryScope } from '../shared/query-scope';
import { OBLIGATION_COLUMNS } from './obligation-columns';
import type { ObligationView } from './obligation-query';
import { ObligationExportDto, ObligationListDto, ObligationPageDto } from './obligations.dto';
import { ObligationsService } from './obligations.service';

/** Rows in one export; beyond it the file says it was cut. */
export const MAX_EXPORT_ROWS = 100_000;

const VIEW_NAMES: Record<ObligationView, string> = { overdue: '逾期事项', due_soon: '临期事项', outstanding: '逾期和临期事项', open: '未完成事项' };

/** 第三十二条 督查: who owes what by when, 红/黄 as of a time, paged and exported. */
@ApiTags('queries 督查查询')
@ApiBearerAuth()
@Controller('obligations')
export class ObligationsController {
  constructor(private readonly obligations: ObligationsService) {}

  @Get()
  @ApiOperation({ summary: '未完成事项 (view: overdue 红 / due_soon 黄 / outstanding / open), 筛选、排序、游标分页' })
  list(@Query() q: ObligationListDto, @ReadScope() scope: QueryScope) {
    return this.obligations.page({ ...q, view: q.view ?? 'open' }, scope);
  }

  @Get('overdue')
  @ApiOperation({ summary: '红: 截至 asOf (默认现在) 已逾期的事项, 附逾期工作日' })
  overdue(@Query() q: ObligationPageDto, @ReadScope() scope: QueryScope) {
    return this.obligations.page({ ...q, view: 'overdue' }, scope);
  }

  @Get('due-soon')
  @ApiOperation({ summary: '黄: withinDays 个工作日内到期的事项, 附剩余工作日' })
  dueSoon(@Query() q: ObligationPageDto, @ReadScope() scope: QueryScope) {
    return this.obligations.page({ ...q, view: 'due_soon' }, scope);
  }

  @Get('export.csv')
  @ApiProduces(MEDIA_TYPES.csv)
  @ApiOperation({ summary: '导出 CSV (UTF-8 带 BOM, 中文表头), 条件同列表' })
  async csv(@Query() q: ObligationExportDto, @ReadScope() scope: QueryScope, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = q.view ?? 'open';
    const result = await this.obligations.all({ ...q, view }, scope, MAX_EXPORT_ROWS);
    void reply.header('Content-Type', MEDIA_TYPES.csv).header('Content-Disposition', attachment(`obligations-${view}.csv`, `${VIEW_NAMES[view]}.csv`));
    if (result.truncated) void reply.header('X-Export-Truncated', String(MAX_EXPORT_ROWS));
    return toCsv(OBLIGATION_COLUMNS, result.items);
  }

  @Get('export.xlsx')
  @ApiProduces(MEDIA_TYPES.xlsx)
  @ApiOperation({ summary: '导出 Excel (XLSX, 中文表头), 条件同列表' })
  async xlsx(@Query() q: ObligationExportDto, @ReadScope() scope: QueryScope, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = q.view ?? 'open';
    const result = await this.obligations.all({ ...q, view }, scope, MAX_EXPORT_ROWS);
    const note = `截至 ${result.asOf} (UTC); 黄: ${result.withinDays} 个工作日内到期${result.truncated ? `; 仅导出前 ${MAX_EXPORT_ROWS} 条` : ''}`;
    void reply.header('Content-Type', MEDIA_TYPES.xlsx).header('Content-Disposition', attachment(`obligations-${view}.xlsx`, `${VIEW_NAMES[view]}.xlsx`));
    if (result.truncated) void reply.header('X-Export-Truncated', String(MAX_EXPORT_ROWS));
    return toXlsx(VIEW_NAMES[view], OBLIGATION_COLUMNS, result.items, note);
  }
}
