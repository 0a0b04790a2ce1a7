import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { queryKeys } from '../api/keys';

// Live updates from GET /api/v1/events (server-sent events). Each event names a case; the pages
// showing it are refetched, and the case is remembered as "just changed" for a few seconds so the
// workbench can highlight its row without moving anything under the pointer.

const HIGHLIGHT_MS = 6_000;
const LIST_REFRESH_MS = 750;
const changed = new Map<string, number>();
const subscribers = new Set<() => void>();
let snapshot = new Set<string>();

function publish() {
  const cutoff = Date.now() - HIGHLIGHT_MS;
  for (const [id, at] of changed) if (at < cutoff) changed.delete(id);
  snapshot = new Set(changed.keys());
  for (const notify of subscribers) notify();
}

function markChanged(caseId: string) {
  changed.set(caseId, Date.now());
  publish();
  setTimeout(publish, HIGHLIGHT_MS + 50);
}

/** The ids of cases changed by someone in the last few seconds. */
export function useRecentlyChanged(): ReadonlySet<string> {
  return useSyncExternalStore(
    (notify) => {
      subscribers.add(notify);
      return () => subscribers.delete(notify);
    },
    () => snapshot,
  );
}

interface CaseEvent {
  caseId?: string;
  version?: number;
}

/** Opens the event stream for the signed-in frame; the browser reconnects by itself after drops. */
export function useLiveEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    let listTimer: ReturnType<typeof setTimeout> | null = null;
    // Bursts of events (a merge, a bulk assignment) refresh the lists once, not once per event.
    const refreshLists = () => {
      listTimer ??= setTimeout(() => {
        listTimer = null;
        void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
        void queryClient.invalidateQueries({ queryKey: queryKeys.tasks });
      }, LIST_REFRESH_MS);
    };
    const onCaseEvent = (event: MessageEvent<string>) => {
      let data: CaseEvent = {};
      try {
        data = JSON.parse(event.data) as CaseEvent;
      } catch {
        // Ignore a malformed event; the next one refreshes the lists anyway.
      }
      if (data.caseId) {
        markChanged(data.caseId);
        void queryClient.invalidateQueries({ queryKey: queryKeys.case(data.caseId) });
      }
      refreshLists();
    };
    for (const name of ['case.created', 'case.updated', 'case.removed', 'counts.changed'])
      source.addEventListener(name, onCaseEvent);
    return () => {
      source.close();
      if (listTimer) clearTimeout(listTimer);
    };
  }, [queryClient]);
}
