/** Tests record their own events (`test.*`), with any payload. */
declare module '@ambidex/platform' {
  interface DomainEventMap {
    [type: `test.${string}`]: Record<string, unknown>;
  }
}

export {};
