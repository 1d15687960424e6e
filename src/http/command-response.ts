import { BadRequestException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { CommandRequest, CommandResult } from '../command-handling/command-executor';
import { uuidFrom } from '../command-handling/deterministic-id';
import { ExecuteCommand } from '../command-handling/execute.command';
import type { Actor } from '../domain/decider';

/**
 * `If-Match: "3"` (or `3`, or a weak `W/"3"`) → 3. `*` or absent → undefined. Anything else,
 * a negative revision included (no ETag is ever "-1"), is malformed: 400, not a 412.
 */
export function ifMatchRevision(request: FastifyRequest): number | undefined {
  const raw = request.headers['if-match'];
  if (raw === undefined || raw === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(String(raw));
  if (!match) {
    throw new BadRequestException({ code: 'INVALID_IF_MATCH', message: 'If-Match 应为文档版本号,例如 "3"(取自 ETag)' });
  }
  return Number(match[1]);
}

const KEY = /^[\x21-\x7e]{1,200}$/;

export function idempotencyKey(request: FastifyRequest): string | undefined {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY.test(raw)) {
    throw new BadRequestException({ code: 'INVALID_IDEMPOTENCY_KEY', message: 'Idempotency-Key 应为 1–200 个可见 ASCII 字符' });
  }
  return raw;
}

export function correlationId(request: FastifyRequest): string | undefined {
  const raw = request.headers['x-correlation-id'];
  return typeof raw === 'string' && KEY.test(raw) ? raw : undefined;
}

export const etag = (revision: number) => `"${revision}"`;

/** Sets ETag (the new revision) and returns the body every command answers with. */
export function commandResponse(reply: FastifyReply, result: CommandResult) {
  void reply.header('ETag', etag(result.revision));
  if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
  return result;
}

/**
 * The id of a stream a command creates. With an Idempotency-Key it is derived from the key,
 * so a retried creation lands on the same stream instead of creating a twin.
 */
export function newStreamId(aggregate: string, actor: Actor, request: FastifyRequest): string {
  const key = idempotencyKey(request);
  return key ? uuidFrom(`${aggregate}\n${actor.id}\n${key}`) : randomUUID();
}

/** The one way a controller runs a command: request headers → CommandBus → ETag'd answer. */
export async function runCommand<Command extends { type: string }>(
  commandBus: CommandBus,
  aggregate: CommandRequest<Command>['aggregate'],
  id: string,
  command: Command,
  actor: Actor,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<CommandResult> {
  const result = await commandBus.execute(
    new ExecuteCommand({
      aggregate,
      id,
      command,
      actor,
      ifMatch: ifMatchRevision(request),
      idempotencyKey: idempotencyKey(request),
      correlationId: correlationId(request),
    }),
  );
  return commandResponse(reply, result);
}
