import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { ASSET_TYPES, loadDashboardAssets } from './dashboard-assets';

/** The supervision dashboard page. The shell is public; its data comes over `/live/*` with the user's token. */
@Public()
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  private readonly assets = loadDashboardAssets();

  @Get()
  page(@Res() reply: FastifyReply): void {
    this.send(reply, 'index.html');
  }

  @Get(':file')
  file(@Param('file') file: string, @Res() reply: FastifyReply): void {
    if (file === 'index.html' || !this.assets.has(file)) throw new NotFoundException({ code: 'NOT_FOUND', message: `没有 ${file}` });
    this.send(reply, file);
  }

  private send(reply: FastifyReply, file: string): void {
    void reply.header('content-type', ASSET_TYPES[file]!).header('cache-control', 'no-cache').send(this.assets.get(file));
  }
}
