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
import { DocumentAggregate } from '../document.aggregate';
import type { DocumentCommand } from '../domain/document-commands';
import {
  ApproveExtensionDto,
  ArchiveDocumentDto,
  AssignDocumentDto,
  CloseDocumentDto,
  CompleteDocumentDto,
  ConsultationOpinionDto,
  CoordinateDto,
  InstructDocumentDto,
  RegisterDocumentDto,
  RejectExtensionDto,
  ReportDisagreementDto,
  RequestConsultationDto,
  RequestExtensionDto,
  ReturnDocumentDto,
  ReviewDocumentDto,
  RouteDocumentDto,
  TextDto,
} from './dto/lifecycle.dto';
import { RESUBMISSION_SEMANTICS, ResubmitDocumentDto, SubmitDocumentDto } from './dto/submission.dto';

type Req = FastifyRequest;
type Reply = FastifyReply;
const Id = () => Param('id', UuidParamPipe);

/** One endpoint per command (DESIGN §3); all go through the one command path. */
@ApiTags('documents 收文与交办')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: '期望的文档版本(ETag);不符时 412' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一命令时返回首次结果,不重复写入' })
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly aggregate: DocumentAggregate,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @ApiOperation({ summary: '报文(提交公文);未通过自动审核的即时退文并说明全部理由' })
  async submit(@Body() body: SubmitDocumentDto, @CurrentActor() actor: Actor, @Req() req: Req, @Res({ passthrough: true }) reply: Reply) {
    const id = newStreamId('document', actor, req);
    const { fromUnit, ...fields } = body;
    const result = await this.run(id, { type: 'submit', fromUnit: fromUnit ?? actor.unit, ...fields }, actor, req, reply);
    void reply.status(201).header('Location', `/documents/${id}`);
    return result;
  }

  @Post(':id/resubmission') @HttpCode(200) @ApiOperation({ summary: '退文后修改重报', description: RESUBMISSION_SEMANTICS })
  resubmit(@Id() id: string, @Body() body: ResubmitDocumentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'resubmit', corrections: body as never }, a, r, p);
  }

  @Post(':id/return') @HttpCode(200) @ApiOperation({ summary: '退文(市政府办公室,第四十一、四十二条)' })
  return(@Id() id: string, @Body() body: ReturnDocumentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'return', reasons: body.reasons }, a, r, p);
  }

  @Post(':id/registration') @HttpCode(200) @ApiOperation({ summary: '签收登记' })
  register(@Id() id: string, @Body() body: RegisterDocumentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'register', ...body }, a, r, p);
  }

  @Post(':id/review') @HttpCode(200) @ApiOperation({ summary: '初审/拟办(第四十二条)' })
  review(@Id() id: string, @Body() body: ReviewDocumentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'review', ...body } as DocumentCommand, a, r, p);
  }

  @Post(':id/routing') @HttpCode(200) @ApiOperation({ summary: '分工呈批(按分管;重大事项报市长,第四十二条)' })
  route(@Id() id: string, @Body() body: RouteDocumentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'route', ...body }, a, r, p);
  }

  @Post(':id/instructions') @HttpCode(200) @ApiOperation({ summary: '领导批示' })
  instruct(@Id() id: string, @Body() body: InstructDocumentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'instruct', text: body.text }, a, r, p);
  }

  @Post(':id/assignment') @HttpCode(200) @ApiOperation({ summary: '交办(办理时限按第四十七条计算)' })
  assign(@Id() id: string, @Body() body: AssignDocumentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'assign', ...body } as DocumentCommand, a, r, p);
  }

  @Post(':id/consultations') @HttpCode(200) @ApiOperation({ summary: '主办单位发起会商' })
  consult(@Id() id: string, @Body() body: RequestConsultationDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'requestConsultation', ...body }, a, r, p);
  }

  @Post(':id/consultation-opinions') @HttpCode(200) @ApiOperation({ summary: '会商单位回复意见' })
  consultationOpinion(@Id() id: string, @Body() body: ConsultationOpinionDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'giveConsultationOpinion', ...body } as DocumentCommand, a, r, p);
  }

  @Post(':id/disagreements') @HttpCode(200) @ApiOperation({ summary: '报告部门间分歧(列明各方理由、依据和办理建议)' })
  disagree(@Id() id: string, @Body() body: ReportDisagreementDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'reportDisagreement', ...body }, a, r, p);
  }

  @Post(':id/coordination') @HttpCode(200) @ApiOperation({ summary: '分管副市长协调(第四十二条)' })
  coordinate(@Id() id: string, @Body() body: CoordinateDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'coordinate', ...body } as DocumentCommand, a, r, p);
  }

  @Post(':id/progress-explanations') @HttpCode(200) @ApiOperation({ summary: '说明办理情况(需调查论证的事项,第四十七条)' })
  explain(@Id() id: string, @Body() body: TextDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'explainProgress', text: body.text }, a, r, p);
  }

  @Post(':id/extension-requests') @HttpCode(200) @ApiOperation({ summary: '申请延期' })
  requestExtension(@Id() id: string, @Body() body: RequestExtensionDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'requestExtension', ...body }, a, r, p);
  }

  @Post(':id/extension-approval') @HttpCode(200) @ApiOperation({ summary: '批准延期(设定新的办理期限)' })
  approveExtension(@Id() id: string, @Body() body: ApproveExtensionDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'approveExtension', ...body }, a, r, p);
  }

  @Post(':id/extension-rejection') @HttpCode(200) @ApiOperation({ summary: '不予延期' })
  rejectExtension(@Id() id: string, @Body() body: RejectExtensionDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'rejectExtension', reason: body.reason }, a, r, p);
  }

  @Post(':id/urges') @HttpCode(200) @ApiOperation({ summary: '催办(督查室,第三十二条)' })
  urge(@Id() id: string, @Body() body: TextDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'urge', text: body.text }, a, r, p);
  }

  @Post(':id/opinion') @HttpCode(200) @ApiOperation({ summary: '提出本部门意见(需市政府审批的事项)' })
  opinion(@Id() id: string, @Body() body: TextDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'submitOpinion', text: body.text }, a, r, p);
  }

  @Post(':id/completion') @HttpCode(200) @ApiOperation({ summary: '办结(主办单位)' })
  complete(@Id() id: string, @Body() body: CompleteDocumentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'complete', result: body.result }, a, r, p);
  }

  @Post(':id/closure') @HttpCode(200) @ApiOperation({ summary: '关闭' })
  close(@Id() id: string, @Body() body: CloseDocumentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'close', ...body }, a, r, p);
  }

  @Post(':id/archive') @HttpCode(200) @ApiOperation({ summary: '归档' })
  archive(@Id() id: string, @Body() body: ArchiveDocumentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'archive', ...body }, a, r, p);
  }

  @Post(':id/deadline-recalculation') @HttpCode(200) @ApiOperation({ summary: '按最新日历数据重算暂定期限' })
  recalculate(@Id() id: string, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'recalculateDeadline' }, a, r, p);
  }

  @Get(':id')
  @ApiOperation({ summary: '文档当前状态(由事件流折叠而来),ETag 为版本号' })
  async get(@Id() id: string, @Res({ passthrough: true }) reply: Reply) {
    const stored = await this.store.readStream(`document-${id}`);
    if (stored.length === 0) throw new NotFoundException({ code: 'DOCUMENT_NOT_FOUND', message: `未找到文档 ${id}` });
    const { state, revision } = foldStream(this.aggregate, stored);
    void reply.header('ETag', etag(revision));
    return { id, revision, position: stored[stored.length - 1]!.globalPosition, statusLabel: statusLabel('document', state.status), ...state };
  }

  private run(id: string, command: DocumentCommand, actor: Actor, req: Req, reply: Reply) {
    return runCommand(this.commandBus, this.aggregate, id, command, actor, req, reply);
  }
}
