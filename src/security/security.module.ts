import { Global, Module } from '@nestjs/common';
import { COMMAND_AUTHORIZER, MatrixCommandAuthorizer } from './command-authorizer';
import { ReadScopeService } from './read-scope.service';

/**
 * Global so the one command path (CommandHandlingModule) can inject the authorizer; the app
 * does not start without it, so no write can bypass the matrix.
 */
@Global()
@Module({
  providers: [{ provide: COMMAND_AUTHORIZER, useClass: MatrixCommandAuthorizer }, ReadScopeService],
  exports: [COMMAND_AUTHORIZER, ReadScopeService],
})
export class SecurityModule {}
