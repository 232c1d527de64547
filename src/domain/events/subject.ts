import { z } from 'zod';
import { entityId, isoDate, reason } from '../values.js';
import { defineEvent } from './define.js';

/**
 * A data subject's personal data was erased: their key is destroyed, so every envelope sealed
 * for them is unreadable wherever it is. The events that hold those envelopes stay as they are.
 */
export const SubjectErased = defineEvent('SubjectErased', 1, z.object({ subjectId: entityId, erasedOn: isoDate, reason }));
