export { ProjectionsModule, ProjectionRegistration, PROJECTION_DEFINITIONS } from './projections.module';
export { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';
export { ReadModels } from './read-models';
export { ReadModelNotCaughtUpError, type NotCaughtUpDetails } from './read-model-errors';
export { ReadModelsLockedError } from './owner-lock';
export type { ProjectionStatus, GenerationStatus } from './projection-status';
export type { RebuildProgress, RebuildResult } from './rebuild-job';
export { loadAllProjections } from './load-all-projections';
