import { ApolloProvider } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { createSession } from './apollo';
import { TokenBar } from './TokenBar';
import { DEMO_TOKEN, gatewayUrl } from './config';
import { ContactsView } from './contacts/ContactsView';
import { CreateContact } from './create/CreateContact';
import { ContactEditor } from './editor/ContactEditor';
import { FlashProvider } from './flash';
import { GroupsView } from './groups/GroupsView';
import { parseRoute, useHash } from './route';

export function App() {
  const [token, setToken] = useState(DEMO_TOKEN);
  const [refused, setRefused] = useState(false);
  const [session] = useState(() =>
    createSession({
      uri: gatewayUrl(),
      token: DEMO_TOKEN,
      onUnauthenticated: () => {
        setRefused(true);
      },
    }),
  );
  const applyToken = useCallback(
    (next: string) => {
      session.setToken(next);
      setToken(next);
      setRefused(false);
      // Another token is another user: nothing cached for the previous one may show. A refetch
      // that fails here is shown by its own query.
      session.client.resetStore().catch(() => undefined);
    },
    [session],
  );
  const hash = useHash();
  const route = parseRoute(hash);

  return (
    <ApolloProvider client={session.client}>
      <header className="app-header">
        <p className="app-title">
          <a href="#/">Contacts</a>
        </p>
        <TokenBar token={token} refused={refused} onUseToken={applyToken} />
      </header>
      <main>
        <FlashProvider hash={hash}>
          {(route.view === 'list' || route.view === 'search') && <ContactsView route={route} />}
          {route.view === 'groups' && <GroupsView />}
          {route.view === 'create' && <CreateContact />}
          {route.view === 'edit' && (
            <ContactEditor key={route.resourceName} resourceName={route.resourceName} />
          )}
        </FlashProvider>
      </main>
    </ApolloProvider>
  );
}
