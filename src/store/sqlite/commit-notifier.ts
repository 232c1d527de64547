// Wakes this process's subscriptions the moment one of its own commits lands,
// instead of leaving them to the next poll.

export class CommitNotifier {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
