import { useMutation, useQueryClient } from '@tanstack/react-query';
import { nonconformityKey } from './queries';

/** A write on an NC: refreshes the NC and the register when it succeeds. */
export function useNcMutation<V>(id: string, write: (variables: V) => Promise<unknown>, onDone?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      onDone?.();
      await client.invalidateQueries({ queryKey: nonconformityKey(id) });
      await client.invalidateQueries({ queryKey: ['nonconformities'] });
    },
  });
}
