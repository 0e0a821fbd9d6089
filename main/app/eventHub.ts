import type { RoseEvent } from '../../shared/contract/index.js';

/** A listener of app events; one that throws is logged and the others still hear the event. */
export type EventListener = (event: RoseEvent) => void;

/** Fans app events out to every transport connection. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly log: (message: string) => void = () => {}) {}

  /** Start listening; returns the function that stops. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: RoseEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log(`event listener failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }
}
