import { HttpException, HttpStatus } from '@nestjs/common';
import type { EventStore, GlobalPosition } from '../event-store/event-store.port';

export type NotCaughtUpReason = 'timeout' | 'failed' | 'not_built';

export interface NotCaughtUpDetails {
  projection: string;
  minPosition: GlobalPosition;
  /** Where the read model is; null when no generation is readable yet. */
  checkpoint: GlobalPosition | null;
  /** Events between the checkpoint and minPosition ('≥1000' when only a lower bound is known). */
  lag: string;
  reason: NotCaughtUpReason;
  waitedMs: number;
}

/**
 * A query asked for `minPosition` (read-your-writes) and the read model is not there. An
 * HttpException so the existing error filter answers 503 with `{ code, message, details }`
 * without knowing about projections; clients retry after a moment.
 */
export class ReadModelNotCaughtUpError extends HttpException {
  readonly code = 'READ_MODEL_NOT_CAUGHT_UP';

  constructor(readonly details: NotCaughtUpDetails) {
    super({ code: 'READ_MODEL_NOT_CAUGHT_UP', message: messageFor(details), details }, HttpStatus.SERVICE_UNAVAILABLE);
  }
}

function messageFor(d: NotCaughtUpDetails): string {
  const where = d.checkpoint === null ? '尚无可读数据' : `当前处理到位置 ${d.checkpoint || '起点'}`;
  switch (d.reason) {
    case 'failed':
      return `读模型「${d.projection}」已在处理事件时出错并停止(${where}),无法达到位置 ${d.minPosition},请联系管理员`;
    case 'not_built':
      return `读模型「${d.projection}」正在构建,尚不可查询(${where},距位置 ${d.minPosition} 还差 ${d.lag} 个事件),请稍后重试`;
    default:
      return `读模型「${d.projection}」在 ${d.waitedMs} ms 内未追上位置 ${d.minPosition}(${where},还差 ${d.lag} 个事件),请稍后重试`;
  }
}

/**
 * A query's minPosition lies beyond the store's last event. An acknowledged command's position
 * is never beyond the head, so no command returned it: waiting could only time out. A 400.
 */
export class MinPositionAheadError extends HttpException {
  readonly code = 'MIN_POSITION_AHEAD';

  constructor(readonly details: { minPosition: GlobalPosition; head: GlobalPosition }) {
    super(
      {
        code: 'MIN_POSITION_AHEAD',
        message: `minPosition ${details.minPosition} 超出事件存储的最后位置 ${details.head || '(尚无事件)'}:该位置尚未产生,请使用命令响应中的 position`,
        details,
      },
      HttpStatus.BAD_REQUEST,
    );
  }
}

/** Refuses a minPosition beyond the store's head as it is now (read-your-writes positions never are). */
export async function refuseUnwrittenPosition(store: EventStore, minPosition: GlobalPosition): Promise<void> {
  const head = await store.headPosition();
  if (minPosition > head) throw new MinPositionAheadError({ minPosition, head });
}
