import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Actor } from '../domain/decider';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, type Clock } from '../command-handling/clock';
import { SealLedger } from './seal-ledger';
import type { SealKeys } from './seal-keys';
import { Sealer, SYSTEM_SEALER, type SealResult } from './sealer';
import { verifyStream, type StreamVerification } from './stream-verification';

export const SEAL_KEYS = Symbol('SEAL_KEYS');

/** Seals on a timer and on demand; verifies single streams against the seals. */
@Injectable()
export class AuditService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Audit');
  private readonly sealer: Sealer;
  private readonly ledger: SealLedger;
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SEAL_KEYS) readonly keys: SealKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.sealer = new Sealer(store, keys, () => clock.now());
    this.ledger = new SealLedger(store, keys);
  }

  onApplicationBootstrap(): void {
    if (this.keys.generated) {
      this.logger.warn(
        `已生成审计封印密钥 ${this.keys.generated} (Ed25519, mode 0600, keyId ${this.keys.keyId}): 请备份;生产环境请用 SEAL_KEY_FILE 或 SEAL_PRIVATE_KEY 配置`,
      );
    } else {
      this.logger.log(`审计封印密钥 keyId ${this.keys.keyId} (来自 ${this.keys.source === 'SEAL_PRIVATE_KEY' ? '环境变量 SEAL_PRIVATE_KEY' : this.keys.source})`);
    }
    const every = this.config.audit.sealIntervalMs;
    if (every > 0) {
      this.timer = setInterval(() => void this.tick(), every);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  seal(actor: Actor): Promise<SealResult> {
    return this.sealer.seal(actor);
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    const [events] = await Promise.all([this.store.readStream(streamId), this.ledger.refresh()]);
    return verifyStream(streamId, events, this.ledger);
  }

  async seals(): Promise<SealLedger> {
    return this.ledger.refresh();
  }

  /** A periodic seal, only when something was written since the last one. */
  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      if (await this.sealer.hasNewEvents()) {
        const { seal, created } = await this.sealer.seal(SYSTEM_SEALER);
        if (created) this.logger.log(`审计封印 #${seal.sealNo}: ${seal.events} 个事件, ${seal.streams} 个流, Merkle 根 ${seal.merkleRoot}`);
      }
    } catch (error) {
      this.logger.error({ err: error }, `定期审计封印失败: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }
}
