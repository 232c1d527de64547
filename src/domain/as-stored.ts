// The rules a value must meet when it is recorded (a date within the ledger's range, text
// without control or bidirectional-override characters) are newer than some events in the log,
// and a range can be narrowed later (DATE_MIN, DATE_MAX). An event already in the log is
// evidence as it was recorded, so it must always read: while one is read back, those rules
// are off. Its shape (types, formats, required fields) is still checked.
//
// Parsing is synchronous, so a counter is enough: nothing else runs while it is raised.

let readingStored = 0;

/** Run a parse of stored data, with the rules for new input off. */
export function asStored<T>(parse: () => T): T {
  readingStored++;
  try {
    return parse();
  } finally {
    readingStored--;
  }
}

/** True inside asStored(): a rule for new input lets the value through. */
export function isReadingStored(): boolean {
  return readingStored > 0;
}
