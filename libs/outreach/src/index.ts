export { OutreachSession } from './outreach-session.entity';
export { outreachError, OutreachErrorCode } from './outreach.errors';
export { compact, outreachProblems, type TallyProblem } from './outreach.rules';
export { OutreachService, type NewOutreachSession } from './outreach.service';

import { OutreachSession } from './outreach-session.entity';

export const OUTREACH_ENTITIES = [OutreachSession];
