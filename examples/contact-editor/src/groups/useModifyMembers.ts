/** `modifyContactGroupMembers`, with the cache brought up to date and an outcome to show. */
import { useMutation } from '@apollo/client/react';
import { forgetGroupListing } from '../contactsCache';
import { ContactGroupsDocument, ModifyContactGroupMembersDocument } from '../gql/graphql';
import { errorText, failureText } from '../mutationError';

export interface MembersChange {
  group: string;
  add?: string[];
  remove?: string[];
}

/** What came of a change: done (with what Google left undone, if anything) or refused. */
export type MembersOutcome =
  { ok: true; notFound: string[]; lastGroup: string[] } | { ok: false; message: string };

export function useModifyMembers(): (change: MembersChange) => Promise<MembersOutcome> {
  const [modify] = useMutation(ModifyContactGroupMembersDocument, {
    // Member counts change; so does the listing of this group, read again when next shown.
    refetchQueries: [ContactGroupsDocument],
    update(cache, _result, { variables }) {
      forgetGroupListing(cache, String(variables.resourceName));
    },
  });
  return async ({ group, add = [], remove = [] }) => {
    try {
      const { data } = await modify({ variables: { resourceName: group, add, remove } });
      const result = data?.modifyContactGroupMembers;
      if (result === undefined) return { ok: false, message: 'No answer.' };
      if (result.__typename !== 'ModifyContactGroupMembersSuccess') {
        return { ok: false, message: errorText(result) };
      }
      return {
        ok: true,
        notFound: result.notFoundResourceNames,
        lastGroup: result.canNotRemoveLastContactGroupResourceNames,
      };
    } catch (error) {
      return { ok: false, message: failureText('Not changed', error) };
    }
  };
}
