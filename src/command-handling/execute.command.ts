import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandRequest, type CommandResult } from './command-executor';

/** The one command the CommandBus carries: every domain command goes through it. */
export class ExecuteCommand extends Command<CommandResult> {
  constructor(readonly request: CommandRequest<{ type: string }>) {
    super();
  }
}

@CommandHandler(ExecuteCommand)
export class ExecuteCommandHandler implements ICommandHandler<ExecuteCommand, CommandResult> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(command: ExecuteCommand): Promise<CommandResult> {
    return this.executor.execute(command.request);
  }
}
