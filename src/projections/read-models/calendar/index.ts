import { calendarView } from './calendar-view.js';
import { projection } from './projection.js';

export { projection };
export const views = [calendarView];
