import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { COMMAND_AUTHORIZER, MatrixCommandAuthorizer } from './command-authorizer';
import { ReadScopeGuard } from './read-scope.guard';
import { ReadScopeService } from './read-scope.service';

/**
 * Global so the one command path (CommandHandlingModule) can inject the authorizer; the app
 * does not start without it, so no write can bypass the matrix. The read-scope guard covers
 * every by-id read; list queries, exports and SSE take `request.readScope` (or the service).
 */
@Global()
@Module({
  providers: [
    { provide: COMMAND_AUTHORIZER, useClass: MatrixCommandAuthorizer },
    ReadScopeService,
    { provide: APP_GUARD, useClass: ReadScopeGuard },
  ],
  exports: [COMMAND_AUTHORIZER, ReadScopeService],
})
export class SecurityModule {}
