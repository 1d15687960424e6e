import { Controller, Get, Param, Query, Res, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { UuidParamPipe } from '../../http/uuid-param.pipe';
import type { Source } from '../../../projections/obligation-vocabulary';
import { attachment } from '../export/table-export';
import { ALL_UNITS } from '../shared/query-scope';
import { ReadQueryDto } from '../shared/read-query.dto';
import { StateQueryDto } from './history.dto';
import { HistoryService } from './history.service';

/** By-id reads outside the reader's scope were already answered 404 by the ReadScopeGuard. */
const BY_ID = ALL_UNITS;

/**
 * `/<path>/:id/history|state|events` for one kind of tracked item. Three path segments, so they
 * never meet the owning module's `GET /<path>/:id`.
 */
function auditController(path: string, source: Source, noun: string): Type<unknown> {
  @ApiTags('queries 审计')
  @ApiBearerAuth()
  @Controller(path)
  class AuditController {
    constructor(readonly history: HistoryService) {}

    @Get(':id/history')
    @ApiOperation({ summary: `${noun}办理过程: 谁 (角色、单位)、何时、做了什么、关键数据` })
    timeline(@Param('id', UuidParamPipe) id: string, @Query() q: ReadQueryDto) {
      return this.history.timeline(source, id, BY_ID, q.minPosition);
    }

    @Get(':id/state')
    @ApiOperation({ summary: `${noun}在某一时刻 (asOf) 或某一版本 (revision) 的状态, 以同一 evolve 折叠事件得出` })
    state(@Param('id', UuidParamPipe) id: string, @Query() q: StateQueryDto) {
      return this.history.stateAt(source, id, q, BY_ID);
    }

    @Get(':id/events')
    @ApiOperation({ summary: `导出${noun}的全部原始事件 (JSON, 含哈希链), 供离线审查` })
    async events(@Param('id', UuidParamPipe) id: string, @Query() q: ReadQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
      const body = await this.history.rawEvents(source, id, BY_ID, q.minPosition);
      void reply.header('Content-Disposition', attachment(`${source}-${id}-events.json`, `${noun}-${id}-事件.json`));
      return body;
    }
  }
  Object.defineProperty(AuditController, 'name', { value: `${source[0]!.toUpperCase()}${source.slice(1)}AuditController` });
  return AuditController;
}

export const DocumentAuditController = auditController('documents', 'document', '文档');
export const IssuanceAuditController = auditController('issuances', 'issuance', '发文');
export const ProposalAuditController = auditController('proposals', 'proposal', '建议提案');
