import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Carries the request id from the HTTP hook down to the audit trail without threading it through every call. */
export const requestContext = {
  run<T>(requestId: string, work: () => T): T {
    return storage.run({ requestId }, work);
  },
  enter(requestId: string): void {
    storage.enterWith({ requestId });
  },
  requestId(): string | null {
    return storage.getStore()?.requestId ?? null;
  },
};
