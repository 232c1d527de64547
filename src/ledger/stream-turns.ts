// Commands on one stream take turns within this process: each reads the stream after the
// one before it has appended. Without turns, commands arriving together on a busy stream
// (a survey taking responses) all read the same revision; the store's revision check lets
// one of them in per commit and the others decide again, racing newcomers, until one runs
// out of attempts and is refused with a conflict that was never its client's. In turn,
// they lose nothing: only one append per stream could land per commit anyway, and
// commands on different streams still share a commit. Another process or node writing
// the same stream is still met by the revision check and the handler's retries.

export class StreamTurns {
  /** The last turn queued per stream; a stream leaves the map when its queue empties. */
  private readonly last = new Map<string, Promise<unknown>>();

  /** Run `work` once every turn queued before it on `streamId` has settled. */
  take<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const before = this.last.get(streamId);
    const turn = before ? before.then(work, work) : work();
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.last.set(streamId, settled);
    void settled.then(() => {
      if (this.last.get(streamId) === settled) this.last.delete(streamId);
    });
    return turn;
  }
}
