import { Inject, Injectable } from '@nestjs/common';
import type { Directory } from '../../directory';
import { DIRECTORY } from '../../domain-deps/domain-deps.module';
import type { DocumentSubject } from '../../../projections/document-subject';
import type { Source } from '../../../projections/obligation-vocabulary';
import type { IssuanceState } from '../../issuance/domain/issuance-state';
import type { ProposalState } from '../../proposals/domain/proposal-state';
import { ReadModels } from '../../projections/read-models';
import { OBLIGATIONS } from '../obligations/obligations.service';

/** Which units a tracked item concerns and their 分管领导: for read scopes and live filters. */
export interface Concerns {
  units: string[];
  leaders: string[];
}

/** Reads the obligations projection's per-item rows (compact folded state). */
@Injectable()
export class SubjectsService {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  /** Undefined: no such item (yet) in the read model. */
  async concerns(source: Source, id: string, minPosition?: string): Promise<Concerns | undefined> {
    await this.readModels.caughtUp(OBLIGATIONS, minPosition);
    const row = this.readModels
      .prepare<[string], { state: string }>(OBLIGATIONS, (t) => `SELECT state FROM ${t('subjects')} WHERE stream_id = ?`)
      .get(`${source}-${id}`);
    if (!row) return undefined;
    const { units, leaders } = unitsOf(source, JSON.parse(row.state));
    const all = [...new Set(units.filter(Boolean))];
    for (const u of all) {
      const leader = this.directory.portfolioLeaderOf(u);
      if (leader) leaders.push(leader);
    }
    return { units: all, leaders: [...new Set(leaders)] };
  }
}

function unitsOf(source: Source, state: unknown): Concerns {
  switch (source) {
    case 'document': {
      const s = state as DocumentSubject;
      return {
        units: [s.submission?.fromUnit ?? '', s.assignment?.leadUnit ?? '', ...(s.assignment?.coUnits ?? []), ...s.consultations.map((c) => c.unit)],
        leaders: [...(s.route?.to ?? []).map((l) => l.position), ...s.instructions.map((i) => i.position)],
      };
    }
    case 'issuance': {
      const s = state as IssuanceState;
      return { units: [s.draft?.draftingUnit ?? '', ...(s.draft?.jointIssuers ?? [])], leaders: s.draft?.portfolioLeaderId ? [s.draft.portfolioLeaderId] : [] };
    }
    default: {
      const s = state as ProposalState;
      return { units: [s.leadUnit ?? '', ...s.coUnits], leaders: [] };
    }
  }
}
