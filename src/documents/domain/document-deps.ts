import type { DecisionContext } from '../../domain/decider';
import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { Directory } from '../../directory';

/** What document decisions need besides the command and the state, resolved at start-up. */
export interface DocumentDeps {
  calendar: WorkingCalendar;
  directory: Directory;
}

export type DocumentContext = DecisionContext<DocumentDeps>;
