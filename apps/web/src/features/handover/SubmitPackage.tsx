import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { SignatureDialog } from '../../ui/SignatureDialog';
import { packageKey, type Package } from './queries';

/** The lead submits the package to the quality heads, signed as its author. */
export function SubmitPackage({ pkg, title }: { pkg: Package; title: string }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const submit = useMutation({
    mutationFn: (password: string) =>
      unwrap(api.POST('/api/handover-packages/{id}/submit', { params: { path: { id: pkg.id } }, body: { password } })),
    onSuccess: async () => {
      setOpen(false);
      await client.invalidateQueries({ queryKey: packageKey(pkg.id) });
    },
  });
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Submit for acceptance…
      </button>
      {open && (
        <SignatureDialog
          meaning="authored"
          subject={`Handover package of “${title}”`}
          contentHash={pkg.contentHash}
          onSign={(password) => submit.mutate(password)}
          onClose={() => setOpen(false)}
          error={submit.error}
          pending={submit.isPending}
        />
      )}
    </>
  );
}
