import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { foldStream } from '../../command-handling/fold';
import type { Actor } from '../../domain/decider';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { etag, newStreamId, runCommand } from '../../http/command-response';
import { UuidParamPipe } from '../../http/uuid-param.pipe';
import { statusLabel } from '../../queries/shared/labels';
import type { ProposalCommand } from '../domain/proposal-commands';
import { PROPOSAL_AGGREGATE, type ProposalAggregate } from '../proposal.aggregate';
import {
  AnswerProposalDto,
  AssignProposalDto,
  CoOpinionDto,
  ProposalExtensionApprovalDto,
  ProposalExtensionRejectionDto,
  ProposalExtensionRequestDto,
  PublishResultDto,
  RegisterProposalDto,
  SatisfactionDto,
} from './proposal.dto';

type Req = FastifyRequest;
type Reply = FastifyReply;
const Id = () => Param('id', UuidParamPipe);

/** 人大代表建议 / 政协委员提案 (第二十七条): one endpoint per command. */
@ApiTags('proposals 建议提案')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: '期望的版本 (ETag); 不符时 412' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一命令时返回首次结果, 不重复写入' })
@Controller('proposals')
export class ProposalsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(PROPOSAL_AGGREGATE) private readonly aggregate: ProposalAggregate,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @ApiOperation({ summary: '登记建议/提案' })
  async register(@Body() body: RegisterProposalDto, @CurrentActor() actor: Actor, @Req() req: Req, @Res({ passthrough: true }) reply: Reply) {
    const id = newStreamId('proposal', actor, req);
    const result = await this.run(id, { type: 'register', ...body }, actor, req, reply);
    void reply.status(201).header('Location', `/proposals/${id}`);
    return result;
  }

  @Post(':id/assignment') @HttpCode(200) @ApiOperation({ summary: '交办主办、协办单位 (答复时限默认 3 个月, 协办意见 1 个月)' })
  assign(@Id() id: string, @Body() b: AssignProposalDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'assign', ...b }, a, r, p);
  }

  @Post(':id/co-opinions') @HttpCode(200) @ApiOperation({ summary: '协办单位向主办单位提出协办意见' })
  coOpinion(@Id() id: string, @Body() b: CoOpinionDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'submitCoOpinion', ...b }, a, r, p);
  }

  @Post(':id/extension-requests') @HttpCode(200) @ApiOperation({ summary: '主办单位申请延期' })
  requestExtension(@Id() id: string, @Body() b: ProposalExtensionRequestDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'requestExtension', ...b }, a, r, p);
  }

  @Post(':id/extension-approval') @HttpCode(200) @ApiOperation({ summary: '批准延期 (市政府办公室主任或副主任)' })
  approveExtension(@Id() id: string, @Body() b: ProposalExtensionApprovalDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'approveExtension', ...b }, a, r, p);
  }

  @Post(':id/extension-rejection') @HttpCode(200) @ApiOperation({ summary: '不予延期' })
  rejectExtension(@Id() id: string, @Body() b: ProposalExtensionRejectionDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'rejectExtension', ...b }, a, r, p);
  }

  @Post(':id/answer') @HttpCode(200) @ApiOperation({ summary: '主办单位答复 (A/B/C/D 类)' })
  answer(@Id() id: string, @Body() b: AnswerProposalDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'answer', ...b }, a, r, p);
  }

  @Post(':id/satisfaction') @HttpCode(200) @ApiOperation({ summary: '记录代表/委员满意度; 不满意的重新办理' })
  satisfaction(@Id() id: string, @Body() b: SatisfactionDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'recordSatisfaction', ...b }, a, r, p);
  }

  @Post(':id/publication') @HttpCode(200) @ApiOperation({ summary: '主动公开办理结果 (第二十七条)' })
  publish(@Id() id: string, @Body() b: PublishResultDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'publishResult', ...b }, a, r, p);
  }

  @Post(':id/deadline-recalculation') @HttpCode(200) @ApiOperation({ summary: '按最新日历数据重算暂定的答复、协办意见时限' })
  recalculate(@Id() id: string, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'recalculateDeadlines' }, a, r, p);
  }

  @Get(':id')
  @ApiOperation({ summary: '建议/提案当前状态; ETag 为版本号' })
  async get(@Id() id: string, @Res({ passthrough: true }) reply: Reply) {
    const stored = await this.store.readStream(`proposal-${id}`);
    if (stored.length === 0) throw new NotFoundException({ code: 'PROPOSAL_NOT_FOUND', message: `未找到建议/提案 ${id}` });
    const { state, revision } = foldStream(this.aggregate, stored);
    void reply.header('ETag', etag(revision));
    return { id, revision, position: stored[stored.length - 1]!.globalPosition, statusLabel: statusLabel('proposal', state.status), ...state };
  }

  private run(id: string, command: ProposalCommand, actor: Actor, req: Req, reply: Reply) {
    return runCommand(this.commandBus, this.aggregate, id, command, actor, req, reply);
  }
}
