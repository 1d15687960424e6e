import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../domain/decider';
import type { Directory } from '../directory';
import { DIRECTORY } from '../domain-deps/domain-deps.module';
import { authorizeCommand } from './command-policy';

export const COMMAND_AUTHORIZER = Symbol('COMMAND_AUTHORIZER');

/** The hook the command path calls after folding the stream and before deciding. */
export interface CommandAuthorizer {
  authorize(request: { aggregate: string; command: { type: string }; state: unknown; actor: Actor }): void;
}

/** The permission matrix over the organisation directory loaded at start-up. */
@Injectable()
export class MatrixCommandAuthorizer implements CommandAuthorizer {
  constructor(@Inject(DIRECTORY) private readonly directory: Directory) {}

  authorize(request: { aggregate: string; command: { type: string }; state: unknown; actor: Actor }): void {
    authorizeCommand({ ...request, directory: this.directory });
  }
}
