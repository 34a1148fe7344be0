import type { TopicName, Topics } from '../../shared/contract/events';

type Listener<T extends TopicName> = (payload: Topics[T]) => void;

/**
 * Fan-out of topic payloads from the engine side to sessions. A topic may
 * have a snapshot: a new subscriber gets the current value at once, so it
 * never waits for the next change (the connection state).
 */
export class TopicHub {
  private listeners = new Map<TopicName, Set<Listener<TopicName>>>();
  private snapshots = new Map<TopicName, () => unknown>();

  setSnapshot<T extends TopicName>(topic: T, current: () => Topics[T]): void {
    this.snapshots.set(topic, current);
  }

  publish<T extends TopicName>(topic: T, payload: Topics[T]): void {
    for (const l of this.listeners.get(topic) ?? []) l(payload);
  }

  subscribe<T extends TopicName>(topic: T, listener: Listener<T>): () => void {
    const set = this.listeners.get(topic) ?? new Set();
    this.listeners.set(topic, set);
    const l = listener as Listener<TopicName>;
    set.add(l);
    const snapshot = this.snapshots.get(topic);
    if (snapshot) listener(snapshot() as Topics[T]);
    return () => set.delete(l);
  }
}
