import { useState } from 'react';
import { PersonPicker } from '../../ui/PersonPicker';
import { usePersonById, type Person } from '../../ui/people';
import { isUserId } from './filters';

/**
 * The owner filter: an innovation lead picked by name; the address keeps only the id. An id from a link is shown
 * by the name the directory gives it.
 */
export function OwnerFilter({
  ownerId,
  onChange,
  error,
}: {
  ownerId: string;
  onChange: (ownerId: string) => void;
  error: unknown;
}) {
  const [picked, setPicked] = useState<Person | null>(null);
  const fromLink = ownerId !== '' && picked?.id !== ownerId;
  const named = usePersonById(ownerId, 'innovation_lead', fromLink && isUserId(ownerId));
  const value =
    ownerId === ''
      ? null
      : picked?.id === ownerId
        ? picked
        : { id: ownerId, displayName: nameOf(named.data, named.isFetching) };
  return (
    <PersonPicker
      label="Owner"
      name="ownerId"
      role="innovation_lead"
      value={value}
      onChange={(person) => {
        setPicked(person);
        onChange(person?.id ?? '');
      }}
      error={error}
      hint="An innovation lead; empty for all owners"
    />
  );
}

function nameOf(person: Person | null | undefined, fetching: boolean): string {
  if (person !== undefined && person !== null) return person.displayName;
  return fetching ? 'Finding the owner…' : 'An unknown owner';
}
