/**
 * A notice that outlives the view that made it: "Deleted Min Mal." is said on the list the
 * editor goes back to. It shows while the page is on the route it was made for.
 */
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { hrefOf, navigate, type Route } from './route';

type GoWithNotice = (route: Route, message: string) => void;

const FlashContext = createContext<GoWithNotice>((route) => {
  navigate(route);
});

/** Goes to `route` and says `message` there. */
export const useGoWithNotice = (): GoWithNotice => useContext(FlashContext);

export function FlashProvider({ hash, children }: { hash: string; children: ReactNode }) {
  const [flash, setFlash] = useState<{ message: string; hash: string } | null>(null);
  const go = useCallback<GoWithNotice>((route, message) => {
    setFlash({ message, hash: hrefOf(route) });
    navigate(route);
  }, []);
  const shown = flash !== null && flash.hash === (hash === '' ? '#/' : hash) ? flash.message : '';
  return (
    <FlashContext value={go}>
      {/* Always rendered, so screen readers announce the message when it appears. */}
      <p role="status" className="notice flash">
        {shown}
      </p>
      {children}
    </FlashContext>
  );
}
