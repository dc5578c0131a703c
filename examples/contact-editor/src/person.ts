/** A contact as the list and the editor read it, and what they show of it. */
import type { PersonDetailsFragment, ValueSourceFragment } from './gql/graphql';

export type Person = PersonDetailsFragment;

type WithSource = { metadata: ValueSourceFragment | null } | null;

/** Values of the contact's own source: the only ones `updateContact` writes. */
export function contactValues<T extends WithSource>(values: readonly T[]): T[] {
  return values.filter((value) => value?.metadata?.source?.type === 'CONTACT');
}

/** Values from other sources (a linked Google profile), shown read-only. */
export function otherSourceValues<T extends WithSource>(values: readonly T[]): T[] {
  return values.filter((value) => value?.metadata?.source?.type !== 'CONTACT');
}

/** The person's name as the list shows it. */
export function displayName(person: Person): string {
  const name = person.names.find((n) => n.displayName)?.displayName;
  const email = person.emailAddresses.find((e) => e.value)?.value;
  return name ?? email ?? '(no name)';
}

/** The photo to show: the contact's own, else the first (Google's default letter avatar). */
export function shownPhoto(person: Person): { url: string; own: boolean } | undefined {
  const own = contactValues(person.photos).find((p) => p.default !== true && p.url);
  const photo = own ?? person.photos.find((p) => p.url);
  return photo?.url ? { url: photo.url, own: own !== undefined } : undefined;
}

/** The contact groups the contact is in (its CONTACT-source memberships), in the order read. */
export function groupsOf(person: Person): string[] {
  return contactValues(person.memberships).flatMap((membership) => {
    const group = membership.contactGroupMembership?.contactGroupResourceName;
    return group ? [group] : [];
  });
}
