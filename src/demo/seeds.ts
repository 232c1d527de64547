// The whole demo ledger: the five seed documents, oldest first.

import { chesterLeStreet2006 } from './chester-le-street-2006.js';
import { halton2013 } from './halton-2013.js';
import { highland2016 } from './highland-2016.js';
import { inverclyde2009 } from './inverclyde-2009.js';
import { redcar2007 } from './redcar-2007.js';
import { redcar2007FollowUp } from './redcar-2007-follow-up.js';
import type { DemoStep } from './step.js';

export const seedDemo: DemoStep[] = [
  ...chesterLeStreet2006,
  ...redcar2007,
  ...redcar2007FollowUp,
  ...inverclyde2009,
  ...halton2013,
  ...highland2016,
];
