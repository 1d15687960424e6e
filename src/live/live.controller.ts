import { BadRequestException, Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { Actor } from '../domain/decider';
import type { Directory } from '../directory/directory';
import { DIRECTORY } from '../domain-deps/domain-deps.module';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { toUnitScope } from '../security/read-scope';
import { ReadScopeService } from '../security/read-scope.service';
import { LIVE_QUERIES, type LiveQueries, type OutstandingFilter, type Source, type UnitScope } from './live-queries';
import { LiveService } from './live.service';
import { OutstandingCursor } from './views/outstanding.view';
import { SummaryCursor } from './views/summary.view';
import { TimelineCursor } from './views/timeline.view';

const NOUNS: Record<Source, { code: string; noun: string }> = {
  document: { code: 'DOCUMENT_NOT_FOUND', noun: '文档' },
  issuance: { code: 'ISSUANCE_NOT_FOUND', noun: '发文' },
  proposal: { code: 'PROPOSAL_NOT_FOUND', noun: '建议/提案' },
};

/**
 * Server-Sent Events, one stream per view (docs/live.md). Each message's `id` is a global
 * position: reconnecting with `Last-Event-ID` (or `?from=`) resumes exactly after it.
 * Browsers may pass the token as `?access_token=` (EventSource cannot set headers).
 * What a reader sees follows the read scope of src/security (ReadScopeGuard also answers
 * a timeline outside it with 404, as for a missing item).
 */
@ApiTags('live 实时推送 (SSE)')
@ApiBearerAuth()
@ApiProduces('text/event-stream')
@ApiHeader({ name: 'Last-Event-ID', required: false, description: '断线重连:从该位置之后续传' })
@ApiQuery({ name: 'from', required: false, description: '从该位置之后续传(无 Last-Event-ID 时)' })
@ApiQuery({ name: 'access_token', required: false, description: '浏览器 EventSource 无法设置请求头时使用' })
@Controller('live')
export class LiveController {
  constructor(
    private readonly live: LiveService,
    private readonly scopes: ReadScopeService,
    @Inject(LIVE_QUERIES) private readonly queries: LiveQueries,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('summary')
  @ApiOperation({ summary: '督查看板汇总:各单位红/黄/正常与按状态计数、按时办结率(事件:snapshot, summary)' })
  summary(@CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.live.stream(req, reply, new SummaryCursor(this.queries, this.scopeOf(actor)));
  }

  @Get('outstanding')
  @ApiOperation({ summary: '超期(红)与临期(黄)事项的变化,可按单位或分管领导筛选(事件:snapshot, change, refresh)' })
  @ApiQuery({ name: 'unit', required: false, description: '承办单位代码' })
  @ApiQuery({ name: 'leader', required: false, description: '分管领导职位代码(其分管的单位)' })
  outstanding(
    @CurrentActor() actor: Actor,
    @Query('unit') unit: unknown,
    @Query('leader') leader: unknown,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const scope = this.scopeOf(actor);
    const filter: OutstandingFilter = {};
    if (unit !== undefined && unit !== '') {
      if (typeof unit !== 'string' || !this.directory.hasUnit(unit)) throw bad('UNKNOWN_UNIT', `unit: 组织目录中没有单位 ${String(unit)}`);
      if (scope.units && !scope.units.includes(unit)) {
        throw new ForbiddenException({ code: 'OUT_OF_SCOPE', message: `无权订阅${this.directory.nameOf(unit)}的督办事项` });
      }
      filter.unit = unit;
    }
    if (leader !== undefined && leader !== '') {
      if (typeof leader !== 'string' || !this.directory.isLeaderPosition(leader)) {
        throw bad('UNKNOWN_LEADER', `leader: 组织目录中没有领导职位 ${String(leader)}`);
      }
      filter.leader = leader;
    }
    return this.live.stream(req, reply, new OutstandingCursor(this.queries, filter, scope));
  }

  @Get('documents/:id/timeline')
  @ApiOperation({ summary: '收文交办文档的办理时间线(事件:snapshot, entry)' })
  document(@CurrentActor() a: Actor, @Param('id', UuidParamPipe) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.timeline('document', id, a, req, reply);
  }

  @Get('issuances/:id/timeline')
  @ApiOperation({ summary: '发文的办理时间线(事件:snapshot, entry)' })
  issuance(@CurrentActor() a: Actor, @Param('id', UuidParamPipe) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.timeline('issuance', id, a, req, reply);
  }

  @Get('proposals/:id/timeline')
  @ApiOperation({ summary: '建议提案的办理时间线(事件:snapshot, entry)' })
  proposal(@CurrentActor() a: Actor, @Param('id', UuidParamPipe) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.timeline('proposal', id, a, req, reply);
  }

  private async timeline(source: Source, id: string, actor: Actor, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    // ReadScopeGuard has already answered 404 for an item outside the reader's scope.
    if ((await this.store.readStream(`${source}-${id}`, { maxCount: 1 })).length === 0) {
      throw new NotFoundException({ code: NOUNS[source].code, message: `未找到${NOUNS[source].noun} ${id}` });
    }
    return this.live.stream(req, reply, new TimelineCursor(this.queries, source, id, this.scopeOf(actor)));
  }

  private scopeOf(actor: Actor): UnitScope {
    return toUnitScope(this.scopes.scopeFor(actor));
  }
}

function bad(code: string, message: string): BadRequestException {
  return new BadRequestException({ code, message });
}
