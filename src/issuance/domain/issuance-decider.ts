import type { DecisionContext, Decider } from '../../domain/decider';
import { shanghaiDate } from '../../calendar/deadline-policy';
import { issuanceEvent, type IssuanceEvent } from '../../../events/issuance-events';
import { exemptFromPublication, file, issue, publish } from './after-signing-decisions';
import { draftedData } from './draft-rules';
import type { IssuanceCommand } from './issuance-commands';
import type { IssuanceDeps } from './issuance-deps';
import { invalid, invalidState } from './issuance-errors';
import { evolveIssuance, initialIssuanceState, type IssuanceState } from './issuance-state';
import {
  closePublicComment,
  giveSupervisionOpinion,
  openPublicComment,
  recordDeliberation,
  recordIntegrityReview,
  recordLegalityReview,
  reviewAgreementText,
  reviseDraft,
  submitForDeliberation,
} from './preparation-decisions';
import { countersign, delegateSigning, review, revokeDelegation, sign } from './signing-decisions';
import { DomainError } from '../../domain/domain-error';

type Ctx = DecisionContext<IssuanceDeps>;

function decide(command: IssuanceCommand, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  if (command.type === 'draft') {
    if (state.status !== 'none') throw invalidState('ALREADY_DRAFTED', '该发文已拟稿');
    const today = shanghaiDate(ctx.now.toISOString());
    return [issuanceEvent('issuance.drafted', draftedData(command, ctx.actor, ctx.deps.directory, ctx.deps.documentCodes, today))];
  }
  if (state.status === 'none') throw new DomainError('not_found', 'ISSUANCE_NOT_FOUND', '未找到该发文');
  switch (command.type) {
    case 'reviseDraft':
      return reviseDraft(command, state, ctx);
    case 'openPublicComment':
      return openPublicComment(command, state, ctx);
    case 'closePublicComment':
      return closePublicComment(command, state, ctx);
    case 'recordLegalityReview':
      return recordLegalityReview(command, state, ctx);
    case 'recordIntegrityReview':
      return recordIntegrityReview(command, state, ctx);
    case 'giveSupervisionOpinion':
      return giveSupervisionOpinion(command, state, ctx);
    case 'reviewAgreementText':
      return reviewAgreementText(command, state, ctx);
    case 'submitForDeliberation':
      return submitForDeliberation(command, state, ctx);
    case 'recordDeliberation':
      return recordDeliberation(command, state, ctx);
    case 'review':
      return review(command, state, ctx);
    case 'countersign':
      return countersign(command, state, ctx);
    case 'delegateSigning':
      return delegateSigning(command, state, ctx);
    case 'revokeDelegation':
      return revokeDelegation(command, state, ctx);
    case 'sign':
      return sign(command, state, ctx);
    case 'issue':
      return issue(command, state, ctx);
    case 'publish':
      return publish(command, state, ctx);
    case 'exemptFromPublication':
      return exemptFromPublication(command, state, ctx);
    case 'file':
      return file(command, state, ctx);
    default:
      throw invalid('UNKNOWN_COMMAND', `未知的发文命令 ${String((command as { type?: unknown }).type)}`);
  }
}

/** 发文 decider (stream `issuance-<id>`). Pure: time, actor and directory come from the context. */
export const issuanceDecider: Decider<IssuanceState, IssuanceCommand, IssuanceEvent, IssuanceDeps> = {
  initialState: initialIssuanceState,
  decide,
  evolve: evolveIssuance,
};
