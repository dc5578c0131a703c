/** Cache changes after writes that the answers alone cannot express. */
import type { ApolloCache } from '@apollo/client';

/** Contacts per page of the list. */
export const LIST_PAGE_SIZE = 10;

/**
 * Contacts were created or deleted: every cached listing and search is out of date (its pages,
 * its `totalItems`), so each is dropped and the view showing it reads it again.
 */
export function forgetContactListings(cache: ApolloCache): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'contacts' });
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'searchContacts' });
  cache.gc();
}

/** A group's members changed: its listing is read again when next shown. */
export function forgetGroupListing(cache: ApolloCache, group: string): void {
  cache.evict({
    id: 'ROOT_QUERY',
    fieldName: 'contacts',
    args: { group, pageSize: LIST_PAGE_SIZE },
  });
}
