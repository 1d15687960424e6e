import { Global, Module } from '@nestjs/common';
import { COMMAND_AUTHORIZER, MatrixCommandAuthorizer } from './command-authorizer';

/**
 * Global so the one command path (CommandHandlingModule) can inject the authorizer; the app
 * does not start without it, so no write can bypass the matrix.
 */
@Global()
@Module({
  providers: [{ provide: COMMAND_AUTHORIZER, useClass: MatrixCommandAuthorizer }],
  exports: [COMMAND_AUTHORIZER],
})
export class SecurityModule {}
