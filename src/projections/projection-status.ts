import type { ProjectionDefinition } from '../../projections/projection';
import type { EventStore, GlobalPosition } from '../event-store/event-store.port';
import { eventsBetween, type Lag } from './lag';
import type { Failure, GenerationRecord, GenerationState, ProjectionRegistry } from './registry';

export interface GenerationStatus {
  generation: number;
  version: number;
  state: GenerationState;
  checkpoint: GlobalPosition;
  lag: Lag;
  failure?: Failure;
}

export interface ProjectionStatus {
  name: string;
  /** The version in the code; null for a projection found only in the registry. */
  version: number | null;
  /** What readers use; undefined until a first generation has caught up. */
  active?: GenerationStatus;
  /** A generation being built beside the active one (version change or requested rebuild). */
  rebuild?: GenerationStatus;
  head: GlobalPosition;
  /** The active generation's state, or 'not_built'. */
  state: GenerationState | 'not_built';
  /** The failure of the active generation, else of the rebuild. */
  failure?: Failure;
}

/** From the registry alone, so the server (health) and the CLI (another process) agree. */
export async function describeProjections(
  registry: ProjectionRegistry,
  definitions: readonly ProjectionDefinition[],
  store: EventStore,
): Promise<ProjectionStatus[]> {
  const head = await store.headPosition();
  const names = [...new Set([...definitions.map((d) => d.name), ...registry.projections().map((p) => p.name)])];
  const describe = async (g: GenerationRecord | undefined): Promise<GenerationStatus | undefined> =>
    g && {
      generation: g.generation,
      version: g.version,
      state: g.state,
      checkpoint: g.checkpoint,
      lag: await eventsBetween(store, g.checkpoint, head),
      failure: g.failure,
    };
  return Promise.all(
    names.map(async (name) => {
      const record = registry.projection(name);
      const generations = registry.generations(name);
      const active = await describe(generations.find((g) => g.generation === record?.activeGeneration));
      const rebuild = await describe(
        generations.filter((g) => g.generation !== record?.activeGeneration && g.state !== 'retired').at(-1),
      );
      return {
        name,
        version: definitions.find((d) => d.name === name)?.version ?? null,
        active,
        rebuild,
        head,
        state: active?.state ?? 'not_built',
        failure: active?.failure ?? rebuild?.failure,
      };
    }),
  );
}
