import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';

/** Serves `/dashboard` (imported by LiveModule, whose streams it reads). */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
