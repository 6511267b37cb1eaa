export {
  CommissionSession,
  Pathway,
  PathwayEvent,
  PathwayGoal,
  PathwayPeriod,
  PathwaySnapshot,
  PersonRight,
} from './pathway.entity';
export {
  PathwaysService,
  type DeadlineQuery,
  type GoalChange,
  type NewGoal,
  type NewPathway,
  type NewPathwayEvent,
  type RightChange,
  type RightInput,
} from './pathways.service';
export { pathwaysError, PathwaysErrorCode } from './pathways.errors';
export {
  PathwayRuleCode,
  applyEvent,
  allowedEvents,
  nextPeriod,
  periodEnd,
  newFacts,
  afterEvent,
} from './pathway.rules';
export { deadlinesFor, type DeadlineData, type DeadlinePathway, type DeadlineRight } from './deadlines.rules';
export { DEFAULT_PATHWAY_SETTINGS, pathwaySettings, afisAmountCents } from './pathway.settings';
export { parisToday, plusDays, plusMonths, isCalendarDate } from './dates';

import {
  CommissionSession,
  Pathway,
  PathwayEvent,
  PathwayGoal,
  PathwayPeriod,
  PathwaySnapshot,
  PersonRight,
} from './pathway.entity';

export const PATHWAYS_ENTITIES = [
  Pathway,
  PathwayEvent,
  PathwayPeriod,
  PathwaySnapshot,
  PathwayGoal,
  PersonRight,
  CommissionSession,
];

/** The encrypted columns, for data-key rotation. */
export const PATHWAYS_ENCRYPTED_COLUMNS = [{ table: 'pathway_goal', column: 'content' }];
