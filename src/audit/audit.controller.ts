import { ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import type { Actor } from '../domain/decider';
import type { Directory } from '../directory';
import { DIRECTORY } from '../domain-deps/domain-deps.module';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { authorizeCommand } from '../security/command-policy';
import { itemNotFound } from '../security/read-scope.guard';
import { ReadScopeService } from '../security/read-scope.service';
import { AuditService } from './audit.service';
import { SealListDto } from './seal-list.dto';
import { AuditChainBrokenError } from './sealer';
import type { StreamVerification } from './stream-verification';

/** The ids the system creates: letters (CJK too, e.g. docnumber-张政发-2026), digits, - _ . : */
const STREAM_ID = /^[\p{L}\p{N}_.:-]{1,200}$/u;

/** The seal key's public half, seals on demand, and verification of one tracked item. */
@ApiTags('audit 审计')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly readScope: ReadScopeService,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Public()
  @Get('audit/public-key')
  @ApiOperation({ summary: '审计封印公钥 (Ed25519, PEM):任何人可用它核验封印签名' })
  publicKey() {
    return { algorithm: 'Ed25519', keyId: this.audit.keys.keyId, publicKeyPem: this.audit.keys.publicKeyPem };
  }

  @Post('audit/seals')
  @ApiOperation({ summary: '立即封印:对截至当前位置的所有流末版计算 Merkle 根并签名 (审计人员、办公室主任)' })
  async seal(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    authorizeCommand({ aggregate: 'audit', command: { type: 'seal' }, state: undefined, actor, directory: this.directory });
    try {
      const { seal, created, revision, eventPosition } = await this.audit.seal(actor);
      void reply.status(created ? 201 : 200);
      const { heads, ...summary } = seal;
      return { ...summary, changedStreams: heads?.length ?? null, created, revision, eventPosition };
    } catch (error) {
      if (error instanceof AuditChainBrokenError) {
        throw new ConflictException({ code: error.code, message: error.message, details: { issues: error.issues.slice(0, 10) } });
      }
      throw error;
    }
  }

  @Get('audit/seals')
  @ApiOperation({ summary: '封印列表 (最新在前;不含各流末版明细)' })
  async seals(@CurrentActor() actor: Actor, @Query() { limit }: SealListDto) {
    this.requireAllScope(actor);
    const ledger = await this.audit.seals();
    const n = limit ?? 20;
    return {
      count: ledger.seals.length,
      issues: ledger.issues,
      seals: ledger.seals.slice(-n).reverse().map(({ seal: { heads, ...s }, signatureValid }) => ({ ...s, changedStreams: heads?.length ?? null, signatureValid })),
    };
  }

  @Get('documents/:id/verification')
  @ApiOperation({ summary: '核验一件公文:哈希链与各封印是否一致' })
  verifyDocument(@Param('id', UuidParamPipe) id: string, @CurrentActor() actor: Actor) {
    return this.verifyItem('documents', id, actor);
  }

  @Get('issuances/:id/verification')
  @ApiOperation({ summary: '核验一件发文:哈希链与各封印是否一致' })
  verifyIssuance(@Param('id', UuidParamPipe) id: string, @CurrentActor() actor: Actor) {
    return this.verifyItem('issuances', id, actor);
  }

  @Get('proposals/:id/verification')
  @ApiOperation({ summary: '核验一件建议/提案:哈希链与各封印是否一致' })
  verifyProposal(@Param('id', UuidParamPipe) id: string, @CurrentActor() actor: Actor) {
    return this.verifyItem('proposals', id, actor);
  }

  @Get('audit/streams/:streamId/verification')
  @ApiOperation({ summary: '核验任一流 (含审计流与发文字号流;仅限全局查阅权限)' })
  @HttpCode(200)
  async verifyAny(@Param('streamId') streamId: string, @CurrentActor() actor: Actor) {
    this.requireAllScope(actor);
    const missing = () => new NotFoundException({ code: 'STREAM_NOT_FOUND', message: `没有流 ${streamId}:无可核验的事件或封印`, details: { streamId } });
    if (!STREAM_ID.test(streamId)) throw missing();
    const result = await this.audit.verifyStream(streamId);
    // A mistyped id must not read as a passed audit.
    if (nothingToVerify(result)) throw missing();
    return result;
  }

  private async verifyItem(kind: 'documents' | 'issuances' | 'proposals', id: string, actor: Actor) {
    const streamId = `${kind.slice(0, -1)}-${id}`;
    const events = await this.store.readStream(streamId);
    // Unreadable and missing look the same (ReadScopeGuard checks first; this is the backstop).
    if (!this.readScope.canReadStream(actor, streamId, events)) throw itemNotFound(kind, id);
    const result = await this.audit.verifyStream(streamId);
    if (nothingToVerify(result)) throw itemNotFound(kind, id);
    return result;
  }

  private requireAllScope(actor: Actor): void {
    if (!this.readScope.scopeFor(actor).all) {
      throw new NotFoundException({ code: 'NOT_FOUND', message: '请求的资源不存在' });
    }
  }
}

/** No events and no seal naming the stream: it never existed (a sealed stream that lost its events is 'tampered'). */
const nothingToVerify = (r: StreamVerification) => r.events === 0 && r.sealed === null && r.verdict === 'intact';
