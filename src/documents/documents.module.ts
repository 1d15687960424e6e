import { Module } from '@nestjs/common';
import { DocumentAggregate } from './document.aggregate';
import { DocumentsController } from './http/documents.controller';

@Module({
  controllers: [DocumentsController],
  providers: [DocumentAggregate],
  exports: [DocumentAggregate],
})
export class DocumentsModule {}
