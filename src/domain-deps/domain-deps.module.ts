import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { loadWorkingCalendar } from '../calendar/calendar-loader';
import { loadDirectory } from '../directory/directory-loader';

export const CALENDAR = Symbol('CALENDAR');
export const DIRECTORY = Symbol('DIRECTORY');

/**
 * The working calendar and the organisation directory, loaded and validated once at
 * start-up; a bad override or directory file stops the app with a message naming it.
 */
@Global()
@Module({
  providers: [
    { provide: CALENDAR, inject: [APP_CONFIG], useFactory: (c: AppConfig) => loadWorkingCalendar(c.calendarOverrideFile) },
    { provide: DIRECTORY, inject: [APP_CONFIG], useFactory: (c: AppConfig) => loadDirectory(c.directoryFile) },
  ],
  exports: [CALENDAR, DIRECTORY],
})
export class DomainDepsModule {}
