import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, type Clock } from './clock';
import { CommandExecutor } from './command-executor';
import { ExecuteCommandHandler } from './execute.command';

@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [{ provide: CLOCK, useFactory: (): Clock => ({ now: () => new Date() }) }, CommandExecutor, ExecuteCommandHandler],
  exports: [CqrsModule, CLOCK, CommandExecutor],
})
export class CommandHandlingModule {}
