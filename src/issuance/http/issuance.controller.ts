import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { foldStream } from '../../command-handling/fold';
import type { Actor } from '../../domain/decider';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { commandResponse, correlationId, etag, idempotencyKey, ifMatchRevision, newStreamId, runCommand } from '../../http/command-response';
import { UuidParamPipe } from '../../http/uuid-param.pipe';
import { statusLabel } from '../../queries/shared/labels';
import type { IssuanceCommand } from '../domain/issuance-commands';
import { legalityGateBlockers } from '../domain/legality-gate';
import { signingRule } from '../domain/signing-matrix';
import { IssueDocumentService } from '../issue-document.service';
import { ISSUANCE_AGGREGATE, type IssuanceAggregate } from '../issuance.aggregate';
import { DraftIssuanceDto } from './dto/draft-issuance.dto';
import {
  AgreementTextReviewDto,
  ClosePublicCommentDto,
  DelegateSigningDto,
  ExemptFromPublicationDto,
  FileDto,
  IntegrityReviewDto,
  LegalityReviewDto,
  OpenPublicCommentDto,
  OpinionDto,
  PublishDto,
  RecordDeliberationDto,
  ReviseDraftDto,
  SubmitForDeliberationDto,
  SupervisionOpinionDto,
} from './dto/issuance-steps.dto';

type Req = FastifyRequest;
type Reply = FastifyReply;
const Id = () => Param('id', UuidParamPipe);

/** 发文: one endpoint per command, all through the one command path. */
@ApiTags('issuances 发文')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: '期望的发文版本 (ETag); 不符时 412' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一命令时返回首次结果, 不重复写入' })
@Controller('issuances')
export class IssuanceController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(ISSUANCE_AGGREGATE) private readonly aggregate: IssuanceAggregate,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly issuing: IssueDocumentService,
  ) {}

  @Post()
  @ApiOperation({ summary: '拟稿 (第四十六条的退回在此即时作出)' })
  async draft(@Body() body: DraftIssuanceDto, @CurrentActor() actor: Actor, @Req() req: Req, @Res({ passthrough: true }) reply: Reply) {
    const id = newStreamId('issuance', actor, req);
    const result = await this.run(id, { type: 'draft', ...body } as IssuanceCommand, actor, req, reply);
    void reply.status(201).header('Location', `/issuances/${id}`);
    return result;
  }

  @Post(':id/revision') @HttpCode(200) @ApiOperation({ summary: '修改文稿 (此前的审核意见不再适用)' })
  revise(@Id() id: string, @Body() b: ReviseDraftDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'reviseDraft', ...b }, a, r, p);
  }

  @Post(':id/public-comment') @HttpCode(200) @ApiOperation({ summary: '草案公开征求意见 (第二十条)' })
  openComment(@Id() id: string, @Body() b: OpenPublicCommentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'openPublicComment', ...b }, a, r, p);
  }

  @Post(':id/public-comment/closure') @HttpCode(200) @ApiOperation({ summary: '征求意见期满, 记录意见情况 (第二十条)' })
  closeComment(@Id() id: string, @Body() b: ClosePublicCommentDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'closePublicComment', ...b }, a, r, p);
  }

  @Post(':id/legality-review') @HttpCode(200) @ApiOperation({ summary: '起草单位合法性审核 (第四十五条)' })
  legality(@Id() id: string, @Body() b: LegalityReviewDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'recordLegalityReview', ...b }, a, r, p);
  }

  @Post(':id/integrity-review') @HttpCode(200) @ApiOperation({ summary: '廉洁性审核 (第四十五条)' })
  integrity(@Id() id: string, @Body() b: IntegrityReviewDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'recordIntegrityReview', ...b }, a, r, p);
  }

  @Post(':id/supervision-opinion') @HttpCode(200) @ApiOperation({ summary: '市司法局监督意见 (第四十五条)' })
  supervision(@Id() id: string, @Body() b: SupervisionOpinionDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'giveSupervisionOpinion', ...b }, a, r, p);
  }

  @Post(':id/agreement-text-review') @HttpCode(200) @ApiOperation({ summary: '市司法局协议文本合法性审核 (第二十条)' })
  agreementText(@Id() id: string, @Body() b: AgreementTextReviewDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'reviewAgreementText', ...b }, a, r, p);
  }

  @Post(':id/deliberation-request') @HttpCode(200) @ApiOperation({ summary: '提请常务会议或全体会议审议 (第四十五条: 未经合法性审核或不合法的不得提交)' })
  submit(@Id() id: string, @Body() b: SubmitForDeliberationDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'submitForDeliberation', ...b }, a, r, p);
  }

  @Post(':id/deliberation-outcome') @HttpCode(200) @ApiOperation({ summary: '记录审议结果 (第三十五条)' })
  deliberate(@Id() id: string, @Body() b: RecordDeliberationDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'recordDeliberation', ...b }, a, r, p);
  }

  @Post(':id/reviews') @HttpCode(200) @ApiOperation({ summary: '核稿 / 领导同意 (第四十三、四十四、三十八条)' })
  review(@Id() id: string, @Body() b: OpinionDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'review', ...b }, a, r, p);
  }

  @Post(':id/countersignatures') @HttpCode(200) @ApiOperation({ summary: '联合发文机关会签' })
  countersign(@Id() id: string, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'countersign' }, a, r, p);
  }

  @Post(':id/delegations') @HttpCode(200) @ApiOperation({ summary: '市长委托常务副市长或其他副市长签发, 注明期间 (第五条)' })
  delegate(@Id() id: string, @Body() b: DelegateSigningDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'delegateSigning', ...b }, a, r, p);
  }

  @Post(':id/delegations/:delegationId/revocation') @HttpCode(200) @ApiOperation({ summary: '撤销委托' })
  revoke(@Id() id: string, @Param('delegationId') delegationId: string, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'revokeDelegation', delegationId }, a, r, p);
  }

  @Post(':id/signatures') @HttpCode(200) @ApiOperation({ summary: '签发 (只有签发矩阵允许的签发人)' })
  sign(@Id() id: string, @Body() b: OpinionDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'sign', ...b }, a, r, p);
  }

  @Post(':id/issue') @HttpCode(200) @ApiOperation({ summary: '印发: 编发文字号 (按机关代字和年度连续, 不重号不空号), 成文日期为最后签发日期' })
  async issue(@Id() id: string, @CurrentActor() actor: Actor, @Req() req: Req, @Res({ passthrough: true }) reply: Reply) {
    const result = await this.issuing.issue({
      id,
      actor,
      ...optional('ifMatch', ifMatchRevision(req)),
      ...optional('idempotencyKey', idempotencyKey(req)),
      ...optional('correlationId', correlationId(req)),
    });
    return { ...commandResponse(reply, result), documentNumber: result.documentNumber };
  }

  @Post(':id/publication') @HttpCode(200) @ApiOperation({ summary: '公开 (第二十四、二十五条)' })
  publish(@Id() id: string, @Body() b: PublishDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'publish', ...b }, a, r, p);
  }

  @Post(':id/publication-exemption') @HttpCode(200) @ApiOperation({ summary: '依法不予公开 (行政规范性文件不得)' })
  exempt(@Id() id: string, @Body() b: ExemptFromPublicationDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'exemptFromPublication', ...b }, a, r, p);
  }

  @Post(':id/filing') @HttpCode(200) @ApiOperation({ summary: '备案 (第二十七条 报人大常委会; 第二十一条 部门文件报市政府)' })
  file(@Id() id: string, @Body() b: FileDto, @CurrentActor() a: Actor, @Req() r: Req, @Res({ passthrough: true }) p: Reply) {
    return this.run(id, { type: 'file', ...b }, a, r, p);
  }

  @Get(':id')
  @ApiOperation({ summary: '发文当前状态, 适用的签发矩阵行和合法性审查关口的缺项; ETag 为版本号' })
  async get(@Id() id: string, @Res({ passthrough: true }) reply: Reply) {
    const stored = await this.store.readStream(`issuance-${id}`);
    if (stored.length === 0) throw new NotFoundException({ code: 'ISSUANCE_NOT_FOUND', message: `未找到发文 ${id}` });
    const { state, revision } = foldStream(this.aggregate, stored);
    void reply.header('ETag', etag(revision));
    const normative = state.draft?.category === 'normative';
    return {
      id,
      revision,
      position: stored[stored.length - 1]!.globalPosition,
      statusLabel: statusLabel('issuance', state.status),
      ...state,
      signingRule: state.draft ? signingRule(state.draft.signingRule) : undefined,
      legalityGate: normative ? legalityGateBlockers(state) : [],
    };
  }

  private run(id: string, command: IssuanceCommand, actor: Actor, req: Req, reply: Reply) {
    return runCommand(this.commandBus, this.aggregate, id, command, actor, req, reply);
  }
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
