import type { Scenario } from '../scenario.js';
import { calendarChangeScenarios } from './calendar-changes.js';
import { calendarScenarios } from './calendar.js';
import { emailScenarios } from './email.js';
import { financeScenarios } from './finance.js';
import { generalisationScenarios } from './generalisation.js';
import { messyScenarios } from './messy.js';
import { peopleScenarios } from './people.js';
import { policyScenarios } from './policy.js';

/** Every scenario, in the order the eval runs and reports them. */
export const SCENARIOS: readonly Scenario[] = [
  ...emailScenarios,
  ...peopleScenarios,
  ...financeScenarios,
  ...calendarScenarios,
  ...calendarChangeScenarios,
  ...policyScenarios,
  ...messyScenarios,
  ...generalisationScenarios,
];
